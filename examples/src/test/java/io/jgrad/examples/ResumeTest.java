package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.examples.training.RunRecord;
import io.jgrad.io.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} continues with exactly the losses and weights of an uninterrupted run.
 *
 * <p>Surefire runs this class in its own JVM on the scalar kernels ({@code -Djgrad.kernels=scalar},
 * see examples/pom.xml): the SIMD kernels' floating-point reductions may add in a different order
 * before and after the JIT compiles them, so two identical SIMD runs can differ in the last bit
 * and a bit-exact comparison would test the JIT instead of the checkpoint.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumedRunMatchesUninterruptedRunExactly() throws IOException {
        // Only reached on SIMD kernels when selected by hand (-Dtest=ResumeTest also runs it in the default execution).
        assumeFalse(Kernels.SIMD, "bit-exact resume is checked on the scalar kernels (surefire execution 'scalar-kernels')");
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        String[] common = {"--data", data.toString(), "--limit", "48", "--batch-size", "16", "--seed", "7"};
        Path straight = tmp.resolve("straight"), resumed = tmp.resolve("resumed");

        assertThat(Cli.run(TrainCommandTest.concat(new String[] {"train", "--epochs", "3", "--out", straight.toString()}, common)).exitCode()).isZero();
        assertThat(Cli.run(TrainCommandTest.concat(new String[] {"train", "--epochs", "1", "--out", resumed.toString()}, common)).exitCode()).isZero();
        Cli.Result r = Cli.run(TrainCommandTest.concat(new String[] {"train", "--epochs", "3", "--out", resumed.toString(), "--resume"}, common));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("resumed from").contains("after epoch 1").contains("epoch 2/3").contains("epoch 3/3").doesNotContain("epoch 1/3");

        TrainingCheckpoint a = TrainingCheckpoint.load(straight.resolve("checkpoint.safetensors"));
        TrainingCheckpoint b = TrainingCheckpoint.load(resumed.resolve("checkpoint.safetensors"));
        var epochsA = RunRecord.load(straight.resolve("run.json")).history().epochs();
        var epochsB = RunRecord.load(resumed.resolve("run.json")).history().epochs();
        assertThat(epochsB).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(epochsB.get(e).trainLoss()).as("train loss of epoch %d", e + 1).isEqualTo(epochsA.get(e).trainLoss());
            assertThat(epochsB.get(e).testLoss()).as("test loss of epoch %d", e + 1).isEqualTo(epochsA.get(e).testLoss());
        }
        assertThat(b.epoch()).isEqualTo(3);
        assertBitEqual(a.tensors(), b.tensors()); // model weights and optimizer state
        assertThat(b.metadata().get("rng")).isEqualTo(a.metadata().get("rng"));
        assertThat(b.metadata().get("optim.param_groups")).isEqualTo(a.metadata().get("optim.param_groups"));
    }

    private static int[] bits(Tensor t) {
        float[] values = t.toFloatArray();
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
        return bits;
    }

    private static void assertBitEqual(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            // isEqualTo compares arrays with Arrays.equals (containsExactly is quadratic on 400k elements)
            if (v.isFloatingPoint()) assertThat(bits(actual.get(k))).as(k).isEqualTo(bits(v));
            else assertThat(actual.get(k).toLongArray()).as(k).isEqualTo(v.toLongArray());
        });
    }
}
