package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input is an IllegalArgumentException naming what is wrong, also when an executor finds it. */
class InputValidationTest extends LocalSparkTest {
    private static final OptimizerFactory SGD_01 = p -> new SGD(p, Map.of("lr", 0.1));

    @Test
    void aSampleOfTheWrongSizeIsReportedWithItsPartitionAndIndex() {
        List<Sample> data = new ArrayList<>(TestTasks.spirals(10, 1)); // 30 samples: partition 1 holds 15..29
        data.set(17, new Sample(new float[] {1, 2, 3}, new float[] {0}));
        assertThatThrownBy(() -> trainer().fit(sc.parallelize(data, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: sample 2 of partition 1: has 3 features, the format expects 2 (feature shape [2])");
    }

    @Test
    void aClassIndexMustBeANonNegativeInteger() {
        List<Sample> data = new ArrayList<>(TestTasks.spirals(10, 1));
        data.set(0, new Sample(new float[] {0, 0}, new float[] {1.5f}));
        assertThatThrownBy(() -> trainer().fit(sc.parallelize(data, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 0 of partition 0: class index 1.5 is not an integer in [0, 16777216]");
    }

    @Test
    void emptyDataIsRefused() {
        assertThatThrownBy(() -> trainer().fit(sc.parallelize(List.<Sample>of(), 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: the training data is empty (2 partitions, no samples)");
    }

    @Test
    void aLossThatIsNotAScalarIsRefused() {
        LossFunction perSample = (out, y) -> out.sum(1);
        assertThatThrownBy(() -> SparkTrainer.builder(TestTasks.mlp(4, 1), perSample, SGD_01, SPIRAL_FORMAT).build().fit(sc.parallelize(TestTasks.spirals(10, 1), 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SparkTrainer: the loss function must return a floating-point scalar (the batch mean), got float32 [");
    }

    @Test
    void aFloat64ModelIsRefusedOnTheDriver() {
        ModelFactory doubles = () -> TestTasks.mlp(4, 1).get().to(DType.FLOAT64);
        assertThatThrownBy(() -> SparkTrainer.builder(doubles, CROSS_ENTROPY, SGD_01, SPIRAL_FORMAT).build().fit(sc.parallelize(TestTasks.spirals(10, 1), 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: parameter '0.weight' is float64 [4, 2]; only float32 models can be trained on Spark");
    }

    @Test
    void aFactoryThatCannotBeShippedIsRefusedWhenBuilding() {
        Object notSerializable = new Object();
        ModelFactory capturing = () -> notSerializable == null ? null : TestTasks.mlp(4, 1).get();
        assertThatThrownBy(() -> SparkTrainer.builder(capturing, CROSS_ENTROPY, SGD_01, SPIRAL_FORMAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SparkTrainer: the model factory is not serializable: it refers to a java.lang.Object;");
    }

    @Test
    void builderOptionsAreChecked() {
        SparkTrainer.Builder b = SparkTrainer.builder(TestTasks.mlp(4, 1), CROSS_ENTROPY, SGD_01, SPIRAL_FORMAT);
        assertThatThrownBy(() -> b.batchSize(0)).hasMessage("SparkTrainer: batch size must be at least 1, got 0");
        assertThatThrownBy(() -> b.epochs(0)).hasMessage("SparkTrainer: epochs must be at least 1, got 0");
        assertThatThrownBy(() -> b.parameterAveraging(0)).hasMessage("SparkTrainer: parameter averaging needs at least 1 local step, got 0");
        assertThatThrownBy(() -> b.checkpoints("file:///tmp/x", 0)).hasMessage("SparkTrainer: checkpoint interval must be at least 1 step, got 0");
        assertThatThrownBy(() -> b.checkpoints(" ", 5)).hasMessage("SparkTrainer: checkpoint directory must not be empty");
        assertThatThrownBy(() -> SparkTrainer.builder(null, CROSS_ENTROPY, SGD_01, SPIRAL_FORMAT)).hasMessage("SparkTrainer: the model factory must not be null");
    }

    @Test
    void formatsAreChecked() {
        assertThatThrownBy(() -> SampleFormat.classification(28, 0)).hasMessage("SampleFormat: feature shape [28, 0] has a dimension < 1");
        assertThatThrownBy(() -> new SampleFormat(new int[] {2}, new int[] {3}, true))
                .hasMessage("SampleFormat: a class-index target is one number per sample, so its shape must be empty, got [3]");
    }

    private static SparkTrainer trainer() {
        return SparkTrainer.builder(TestTasks.mlp(4, 1), CROSS_ENTROPY, SGD_01, SPIRAL_FORMAT).batchSize(8).build();
    }
}
