package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.optim.Adam;
import io.jgrad.optim.SGD;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed task is retried by Spark and the training result does not change (local[2]). */
class FaultToleranceTest {
    private static final List<Sample> DATA = TestTasks.spirals(40, 4);
    private static final OptimizerFactory SGD_MOMENTUM = p -> new SGD(p, Map.of("lr", 0.1, "momentum", 0.9));

    @TempDir
    Path temp;

    @Test
    void aRetriedGradientTaskLeavesTheParametersBitForBitUnchanged() {
        try (JavaSparkContext sc = SparkContexts.local(2, 2)) {
            FailingLoss.assertARetryChangesNothing(loss -> synchronous(loss).fit(sc.parallelize(DATA, 2)), CROSS_ENTROPY, temp.resolve("failed").toFile());
        }
    }

    @Test
    void aRetriedAveragingTaskLeavesTheParametersBitForBitUnchanged() {
        try (JavaSparkContext sc = SparkContexts.local(2, 2)) {
            FailingLoss.assertARetryChangesNothing(loss -> averaging(loss).fit(sc.parallelize(DATA, 2)), CROSS_ENTROPY, temp.resolve("failed").toFile());
        }
    }

    @Test
    void withoutRetriesTheInjectedFailureFailsTheTraining() {
        try (JavaSparkContext sc = SparkContexts.local(2, 1)) {
            File marker = temp.resolve("failed").toFile();
            assertThatThrownBy(() -> synchronous(FailingLoss.failOnce(CROSS_ENTROPY, marker)).fit(sc.parallelize(DATA, 2)))
                    .isInstanceOf(SparkException.class)
                    .hasMessageContaining("injected failure");
        }
    }

    private static SparkTrainer synchronous(LossFunction loss) {
        return SparkTrainer.builder(TestTasks.mlp(8, 1), loss, SGD_MOMENTUM, SPIRAL_FORMAT).batchSize(30).seed(2).epochs(2).build();
    }

    private static SparkTrainer averaging(LossFunction loss) {
        return SparkTrainer.builder(TestTasks.mlp(8, 1), loss, p -> new Adam(p, Map.of("lr", 0.01)), SPIRAL_FORMAT)
                .parameterAveraging(3).batchSize(20).seed(2).epochs(2).build();
    }
}
