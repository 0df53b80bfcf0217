package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.nn.Module;
import io.jgrad.optim.Adam;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Synchronous mode on local[2] is single-machine jgrad training, step for step. */
class SynchronousTrainingTest extends LocalSparkTest {
    private static final List<Sample> DATA = TestTasks.spirals(50, 1); // 150 samples

    @Test
    void sgdWithMomentumMatchesSingleMachineTraining() {
        OptimizerFactory sgd = p -> new SGD(p, Map.of("lr", 0.1, "momentum", 0.9));
        // 150 samples, batch 32: 5 steps per epoch, the last of 22 samples; 12 steps cross two epoch boundaries.
        Module expected = TestTasks.trainLocally(TestTasks.mlp(16, 7), CROSS_ENTROPY, sgd, DATA, 32, 99, 12);
        Module trained = trainer(sgd, 32, 99).stopAfter(12).build().fit(sc.parallelize(DATA, 2));
        TestTasks.assertSameParameters(trained, expected, 1e-5);
    }

    @Test
    void adamWithWeightDecayMatchesSingleMachineTrainingOnUnevenPartitions() {
        OptimizerFactory adam = p -> new Adam(p, Map.of("lr", 0.01, "weight_decay", 1e-3));
        Module expected = TestTasks.trainLocally(TestTasks.mlp(16, 3), CROSS_ENTROPY, adam, DATA, 40, 5, 8);
        // Three partitions of 150 samples: 50 each, but the batches cut across them unevenly.
        Module trained = SparkTrainer.builder(TestTasks.mlp(16, 3), CROSS_ENTROPY, adam, SPIRAL_FORMAT)
                .batchSize(40).seed(5).stopAfter(8).epochs(10).build().fit(sc.parallelize(DATA, 3));
        TestTasks.assertSameParameters(trained, expected, 1e-5);
    }

    @Test
    void theSameSeedGivesTheSameTrainingWhateverThePartitioning() {
        OptimizerFactory sgd = p -> new SGD(p, Map.of("lr", 0.05));
        Module onTwo = trainer(sgd, 25, 11).stopAfter(6).build().fit(sc.parallelize(DATA, 2));
        Module onFive = trainer(sgd, 25, 11).stopAfter(6).build().fit(sc.parallelize(DATA, 5));
        TestTasks.assertSameParameters(onFive, onTwo, 1e-5);
        Module otherSeed = trainer(sgd, 25, 12).stopAfter(6).build().fit(sc.parallelize(DATA, 2));
        assertThat(otherSeed.parameters().get(0).toFloatArray()).isNotEqualTo(onTwo.parameters().get(0).toFloatArray());
    }

    @Test
    void reportsEveryStepAndEpochWithItsLossAndTimings() {
        List<StepStats> steps = new ArrayList<>();
        List<EpochStats> epochs = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onStep(StepStats s) {
                steps.add(s);
            }

            @Override
            public void onEpoch(EpochStats e) {
                epochs.add(e);
            }
        };
        trainer(p -> new SGD(p, Map.of("lr", 0.5)), 50, 1).epochs(4).listener(recorder).build().fit(sc.parallelize(DATA, 2));
        assertThat(steps).hasSize(12).extracting(StepStats::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.samples()).isEqualTo(50);
            assertThat(s.partitions()).isEqualTo(2);
            assertThat(s.stepNanos()).isGreaterThanOrEqualTo(s.computeNanos() + s.updateNanos());
            assertThat(s.computeNanos()).isPositive();
            assertThat(s.samplesPerSecond()).isPositive();
        });
        assertThat(epochs).extracting(EpochStats::epoch).containsExactly(0L, 1L, 2L, 3L);
        assertThat(epochs).allSatisfy(e -> assertThat(e.samples()).isEqualTo(150));
        assertThat(epochs.get(3).loss()).as("training lowers the loss").isLessThan(epochs.get(0).loss());
    }

    private static SparkTrainer.Builder trainer(OptimizerFactory optimizer, int batchSize, long seed) {
        return SparkTrainer.builder(TestTasks.mlp(16, 7), CROSS_ENTROPY, optimizer, SPIRAL_FORMAT).batchSize(batchSize).seed(seed).epochs(10);
    }
}
