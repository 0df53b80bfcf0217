package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.nn.Module;
import io.jgrad.optim.Adam;
import io.jgrad.optim.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer with executors in separate JVMs ({@code local-cluster[2,1,1024]}, loopback only):
 * everything it ships — factories, losses, broadcasts, partial sums — really is serialized, and a
 * failed task is retried in another JVM process.
 */
class LocalClusterTest {
    private static JavaSparkContext sc;
    private static final List<Sample> DATA = TestTasks.spirals(50, 9);
    private static final OptimizerFactory SGD_MOMENTUM = p -> new SGD(p, Map.of("lr", 0.1, "momentum", 0.9));

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        sc = SparkContexts.localCluster(2);
    }

    @AfterAll
    static void stop() {
        sc.stop();
        SparkContexts.clearClusterProperties();
    }

    @Test
    void runsOnTwoExecutorJvms() {
        Set<String> processes = new TreeSet<>(sc.parallelize(List.of(1, 2, 3, 4), 2)
                .map(i -> { Thread.sleep(200); return Long.toString(ProcessHandle.current().pid()); }).collect());
        assertThat(processes).hasSize(2).doesNotContain(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void synchronousTrainingMatchesSingleMachineTraining() {
        Module expected = TestTasks.trainLocally(TestTasks.mlp(16, 4), CROSS_ENTROPY, SGD_MOMENTUM, DATA, 32, 21, 10);
        Module trained = synchronous(CROSS_ENTROPY).fit(sc.parallelize(DATA, 2));
        TestTasks.assertSameParameters(trained, expected, 1e-5);
    }

    @Test
    void aTaskFailingInAnExecutorIsRetriedWithoutChangingTheResult() {
        FailingLoss.assertARetryChangesNothing(loss -> synchronous(loss).fit(sc.parallelize(DATA, 2)), CROSS_ENTROPY, temp.resolve("failed").toFile());
    }

    @Test
    void parameterAveragingLowersTheLoss() {
        List<Double> losses = new ArrayList<>();
        SparkTrainer.builder(TestTasks.mlp(16, 4), CROSS_ENTROPY, p -> new Adam(p, Map.of("lr", 0.02)), SPIRAL_FORMAT)
                .parameterAveraging(4).batchSize(30).seed(1).epochs(4)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats e) {
                        losses.add(e.loss());
                    }
                })
                .build().fit(sc.parallelize(DATA, 2));
        assertThat(losses).hasSize(4);
        assertThat(losses.get(3)).isLessThan(0.75 * losses.get(0));
    }

    private static SparkTrainer synchronous(LossFunction loss) {
        return SparkTrainer.builder(TestTasks.mlp(16, 4), loss, SGD_MOMENTUM, SPIRAL_FORMAT).batchSize(32).seed(21).epochs(5).stopAfter(10).build();
    }
}
