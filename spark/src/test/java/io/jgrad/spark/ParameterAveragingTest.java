package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.nn.Module;
import io.jgrad.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter averaging on local[2] learns a task that needs a non-linear model. */
class ParameterAveragingTest extends LocalSparkTest {

    @Test
    void learnsThreeSpiralsWithAdamAndAveragedMoments() {
        List<Sample> train = TestTasks.spirals(200, 1), test = TestTasks.spirals(100, 2);
        List<StepStats> rounds = new ArrayList<>();
        Module model = SparkTrainer.builder(TestTasks.mlp(32, 5), CROSS_ENTROPY, p -> new Adam(p, Map.of("lr", 0.02)), SPIRAL_FORMAT)
                .parameterAveraging(10)
                .batchSize(32)
                .epochs(8)
                .seed(3)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepStats s) {
                        rounds.add(s);
                    }
                })
                .build()
                .fit(sc.parallelize(train, 2));
        // 600 samples, 10 local steps of 32 (16 per partition): 2 rounds per epoch, 16 in all.
        assertThat(rounds).hasSize(16);
        assertThat(rounds).allSatisfy(r -> assertThat(r.samples()).isEqualTo(10 * 32));
        double before = TestTasks.accuracy(TestTasks.mlp(32, 5).get(), test);
        double after = TestTasks.accuracy(model, test);
        assertThat(before).isLessThan(0.6);
        assertThat(after).as("held-out accuracy").isGreaterThan(0.9);
        assertThat(rounds.get(rounds.size() - 1).loss()).isLessThan(0.3 * rounds.get(0).loss());
    }
}
