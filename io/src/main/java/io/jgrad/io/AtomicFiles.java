package io.jgrad.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash, a full disk or an exception never leaves a half-written file
 * behind and never destroys the previous version.
 *
 * <p>The content goes to a temporary file in the target's directory, which is flushed to disk
 * ({@link FileChannel#force}) and then renamed over the target in one atomic step. Readers see
 * either the complete old file or the complete new one. Every save in this package uses it, and
 * it is meant for training checkpoints too:
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("run/last.ckpt"), channel -> channel.write(ByteBuffer.wrap(bytes)));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code channel} (positioned at 0, empty). */
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} writes. If
     * {@code content} throws, the target is untouched, the temporary file is removed and the
     * exception propagates.
     */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path temp = createTemp(dir, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /** A new empty hidden file next to the target, created with the default permissions. */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) throw taken;
            }
        }
    }

    /** Makes the rename itself durable. Best effort: some platforms cannot open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // The file content is already durable; only the rename might be lost on power failure.
        }
    }
}
