package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.SGD;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat float vectors that carry weights, gradients and optimizer state between JVMs. */
class FlatVectorsTest {
    @Test
    void aModelVectorHoldsParametersThenFloatBuffers() {
        Module m = new Sequential(new Linear(3, 2), new BatchNorm1d(2)); // 8 + 4 parameters, 4 float buffers (+ an int64 counter)
        ModelVector v = ModelVector.of(m);
        assertThat(v.parameterLength()).isEqualTo(12);
        assertThat(v.length()).isEqualTo(16);
        float[] values = new float[16];
        for (int i = 0; i < 16; i++) values[i] = i;
        v.load(values);
        assertThat(m.stateDict().get("0.bias").toFloatArray()).containsExactly(6, 7);
        assertThat(m.stateDict().get("1.running_var").toFloatArray()).containsExactly(14, 15);
        assertThat(v.values()).containsExactly(values);
    }

    @Test
    void gradientsAreWeightedAndWrittenBackAsGradients() {
        Module m = new Linear(2, 1);
        ModelVector v = ModelVector.of(m);
        m.forward(Tensor.of(new float[] {1, 2}, 1, 2)).sum().backward(); // d/dw = x, d/db = 1
        float[] out = new float[v.length()];
        v.writeWeightedGradients(out, 0.5f);
        assertThat(out).containsExactly(0.5f, 1f, 0.5f);
        ModelVector other = ModelVector.of(new Linear(2, 1));
        other.setGradientsAndBuffers(out);
        assertThat(other.parameters().get(0).grad().toFloatArray()).containsExactly(0.5f, 1f);
        assertThatThrownBy(() -> other.load(new float[2])).hasMessageContaining("vector of 2 floats for a model of 3");
    }

    @Test
    void optimizerStateSurvivesCaptureAndRestore() {
        Module a = new Linear(3, 2);
        Optimizer adam = new Adam(a.parameters(), Map.of("lr", 0.1));
        for (int i = 0; i < 3; i++) {
            adam.zeroGrad();
            a.forward(Tensor.ones(4, 3)).square().sum().backward();
            adam.step();
        }
        OptimizerVector state = OptimizerVector.capture(adam);
        assertThat(state.layout().keys()).containsExactly("0.exp_avg", "0.exp_avg_sq", "1.exp_avg", "1.exp_avg_sq");
        assertThat(state.layout().steps()).containsEntry("0.step", 3L).containsEntry("1.step", 3L);
        assertThat(state.values()).hasSize(2 * (6 + 2));

        Optimizer fresh = new Adam(new Linear(3, 2).parameters(), Map.of("lr", 0.5));
        state.restore(fresh);
        OptimizerVector again = OptimizerVector.capture(fresh);
        assertThat(again.values()).containsExactly(state.values());
        assertThat(again.layout().sameAs(state.layout())).isTrue();
        assertThat(fresh.paramGroups().get(0).options()).containsEntry("lr", 0.1); // the captured groups' options come along
    }

    @Test
    void anOptimizerWithoutStateHasAnEmptyVector() {
        OptimizerVector state = OptimizerVector.capture(new SGD(new Linear(2, 2).parameters(), Map.of("lr", 0.1)));
        assertThat(state.values()).isEmpty();
        assertThat(state.layout().keys()).isEmpty();
    }

    @Test
    void partialSumsAddUpAndIgnoreEmptyParts() {
        PartialSum a = PartialSum.of(new float[] {1, 2}, null, 0.25, 3, 10, 1);
        PartialSum b = PartialSum.of(new float[] {10, 20}, null, 0.5, 5, 30, 4);
        PartialSum sum = PartialSum.merge(PartialSum.merge(PartialSum.empty(), a), PartialSum.merge(b, PartialSum.empty()));
        assertThat(sum.values()).containsExactly(11, 22);
        assertThat(sum.loss()).isEqualTo(0.75);
        assertThat(sum.samples()).isEqualTo(8);
        assertThat(sum.partitions()).isEqualTo(2);
        assertThat(sum.maxComputeNanos()).isEqualTo(30);
        assertThat(sum.maxFetchNanos()).isEqualTo(4);
        assertThat(PartialSum.empty().isEmpty()).isTrue();
        assertThatThrownBy(() -> sum.plus(PartialSum.of(new float[3], null, 0, 1, 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vectors of 2 and 3 floats");
    }
}
