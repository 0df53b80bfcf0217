package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.io.TrainingCheckpoint;
import io.jgrad.nn.Module;
import io.jgrad.optim.Adam;
import io.jgrad.optim.lr.StepLR;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints through the Hadoop file system API, and resuming from them (local[2]). */
class CheckpointResumeTest extends LocalSparkTest {
    private static final List<Sample> DATA = TestTasks.spirals(40, 6); // 120 samples
    private static final OptimizerFactory ADAM = p -> new Adam(p, Map.of("lr", 0.01));

    @TempDir
    Path temp;

    @Test
    void synchronousTrainingResumedMidEpochEndsWhereAnUninterruptedRunEnds() throws IOException {
        String dir = temp.resolve("sync").toUri().toString();
        // 120 samples, batch 25: 5 steps per epoch; 3 epochs = 15 steps; stopped after step 7, mid-epoch 1.
        Module uninterrupted = synchronous().build().fit(sc.parallelize(DATA, 2));
        List<String> events = new ArrayList<>();
        synchronous().checkpoints(dir, 4).stopAfter(7).listener(recorder(events)).build().fit(sc.parallelize(DATA, 2));
        assertThat(events).as("every 4 steps and at the stop").containsExactly("checkpoint 4", "checkpoint 7");
        events.clear();
        Module resumed = synchronous().checkpoints(dir, 4).listener(recorder(events)).build().fit(sc.parallelize(DATA, 2));
        assertThat(events.get(0)).startsWith("resume 7 ").endsWith("step-000000000007.safetensors");
        assertThat(events.subList(1, events.size())).containsExactly("checkpoint 8", "checkpoint 12", "checkpoint 15");
        TestTasks.assertIdenticalParameters(resumed, uninterrupted);
    }

    @Test
    void parameterAveragingResumesWithItsOptimizerStateAndRoundSeeds() throws IOException {
        String dir = temp.resolve("avg").toUri().toString();
        Module uninterrupted = averaging().build().fit(sc.parallelize(DATA, 2));
        averaging().checkpoints(dir, 2).stopAfter(5).build().fit(sc.parallelize(DATA, 2)); // 8 rounds in all
        Module resumed = averaging().checkpoints(dir, 2).build().fit(sc.parallelize(DATA, 2));
        TestTasks.assertIdenticalParameters(resumed, uninterrupted);
    }

    @Test
    void aCheckpointHoldsModelOptimizerSchedulerStepAndGeneratorAndOnlyTheNewestAreKept() throws IOException {
        Path dir = temp.resolve("kept");
        Module trained = synchronous().scheduler(opt -> new StepLR(opt, 4, 0.5))
                .checkpoints(dir.toUri().toString(), 3).keepCheckpoints(2).build().fit(sc.parallelize(DATA, 2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
                    .containsExactlyInAnyOrder("step-000000000012.safetensors", "step-000000000015.safetensors");
        }
        TrainingCheckpoint last = TrainingCheckpoint.load(dir.resolve("step-000000000015.safetensors"));
        assertThat(last.step()).isEqualTo(15);
        assertThat(last.epoch()).isEqualTo(3);
        assertThat(last.modelState().keySet()).containsExactlyElementsOf(trained.stateDict().keySet());
        assertThat(last.modelState().get("4.bias").toFloatArray()).containsExactly(trained.stateDict().get("4.bias").toFloatArray());
        assertThat(last.tensors()).containsKey("optim.0.exp_avg");
        assertThat(last.tensors().get("optim.0.step").itemLong()).isEqualTo(15);
        assertThat(last.metadata()).containsKeys("scheduler", "rng");
    }

    private static SparkTrainer.Builder synchronous() {
        return SparkTrainer.builder(TestTasks.mlp(8, 2), CROSS_ENTROPY, ADAM, SPIRAL_FORMAT).batchSize(25).seed(8).epochs(3);
    }

    private static SparkTrainer.Builder averaging() {
        return SparkTrainer.builder(TestTasks.mlp(8, 2), CROSS_ENTROPY, ADAM, SPIRAL_FORMAT).parameterAveraging(3).batchSize(20).seed(8).epochs(4);
    }

    private static TrainingListener recorder(List<String> events) {
        return new TrainingListener() {
            @Override
            public void onCheckpoint(long step, String path) {
                events.add("checkpoint " + step);
            }

            @Override
            public void onResume(long step, String path) {
                events.add("resume " + step + " " + path);
            }
        };
    }
}
