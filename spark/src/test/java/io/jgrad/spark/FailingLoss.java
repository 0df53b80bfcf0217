package io.jgrad.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private static boolean create(String path) {
        try {
            return new File(path).createNewFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
