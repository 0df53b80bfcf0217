package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.nn.Module;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.apache.spark.TaskContext;

/** Fault injection for the tests: a loss that makes one task attempt fail. */
final class FailingLoss {
    private FailingLoss() {}

    /**
     * {@code loss}, except that the first attempt of partition 1's task throws, once per marker
     * file: the marker is created atomically when the failure is injected, so exactly one task
     * fails even across executor JVMs, and its existence shows that it happened.
     */
    static LossFunction failOnce(LossFunction loss, File marker) {
        String path = marker.getAbsolutePath();
        return (out, y) -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0 && create(path))
                throw new IllegalStateException("injected failure in stage " + task.stageId() + ", partition 1, attempt 0");
            return loss.apply(out, y);
        };
    }

    /**
     * Trains twice with {@code train}, once with {@code loss} and once with a task failing on its
     * first attempt, and asserts that the failure happened and changed no bit of the result.
     */
    static void assertARetryChangesNothing(Function<LossFunction, Module> train, LossFunction loss, File marker) {
        Module clean = train.apply(loss);
        Module retried = train.apply(failOnce(loss, marker));
        assertThat(marker).as("the failure was injected").exists();
        TestTasks.assertIdenticalParameters(retried, clean);
    }

    private static boolean create(String path) {
        try {
            return new File(path).createNewFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
