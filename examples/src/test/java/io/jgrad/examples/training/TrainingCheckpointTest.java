package io.jgrad.examples.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.io.SafeTensors;
import io.jgrad.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsModelOptimizerEpochGeneratorsAndInfo() throws IOException {
        Tensor w = Tensor.randn(new Generator(1), 3, 2).requiresGrad_(true);
        Adam adam = new Adam(List.of(w), Map.of("lr", 0.01, "betas", List.of(0.8, 0.99)));
        w.sum().backward();
        adam.step();
        Generator gen = new Generator(9);
        gen.nextGaussian(); // leaves a spare Gaussian in the state
        Path file = tmp.resolve("ckpt.safetensors");
        new TrainingCheckpoint(Map.of("w", w.detach()), adam.stateDict(), 4, Map.of("shuffle", gen.getState()), Map.of("note", "hello")).save(file);

        TrainingCheckpoint back = TrainingCheckpoint.load(file);
        assertThat(back.epoch()).isEqualTo(4);
        assertThat(back.info()).containsExactly(Map.entry("note", "hello"));
        assertThat(back.model().get("w").toFloatArray()).containsExactly(w.toFloatArray());
        assertThat(back.generators().get("shuffle")).containsExactly(gen.getState());
        Tensor w2 = w.detach().clone().requiresGrad_(true);
        Adam restored = new Adam(List.of(w2));
        restored.loadStateDict(back.optimizer());
        assertThat(restored.paramGroups().get(0).options()).containsEntry("lr", 0.01).containsEntry("betas", List.of(0.8, 0.99));
        assertThat(restored.state(w2).step()).isEqualTo(1);
        assertThat(restored.state(w2).buffer("exp_avg").toFloatArray()).containsExactly(adam.state(w).buffer("exp_avg").toFloatArray());
    }

    @Test
    void plainSafetensorsFileIsNotACheckpoint() throws IOException {
        Path file = tmp.resolve("weights.safetensors");
        SafeTensors.save(file, Map.of("w", Tensor.zeros(2)));
        assertThatThrownBy(() -> TrainingCheckpoint.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights.safetensors: not a jgrad training checkpoint");
    }
}
