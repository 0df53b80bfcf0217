package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed save leaves the previous file intact and no temporary file behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsAndReplacesFiles() throws IOException {
        Path file = dir.resolve("f.bin");
        AtomicFiles.write(file, ch -> ch.write(ByteBuffer.wrap("first".getBytes(StandardCharsets.UTF_8))));
        AtomicFiles.write(file, ch -> ch.write(ByteBuffer.wrap("second".getBytes(StandardCharsets.UTF_8))));
        assertThat(file).hasContent("second");
        assertThat(listing()).containsExactly("f.bin");
    }

    @Test
    void failureMidwayKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        SafeTensors.save(file, Map.of("w", Tensor.of(1f, 2f)));
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[4096])); // half a checkpoint reaches the disk...
            throw new IOException("disk full");          // ...then the write fails
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[10]));
            throw new IllegalStateException("crash in the middle");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SafeTensors.load(file).get("w").toFloatArray()).containsExactly(1f, 2f);
        assertThat(listing()).containsExactly("ckpt.safetensors");
    }

    @Test
    void aSaveThatFailsValidationLeavesTheOldCheckpoint() throws IOException {
        Path file = dir.resolve("model.pt");
        TorchCheckpoint.save(file, Map.of("w", Tensor.of(1f)));
        byte[] before = Files.readAllBytes(file);
        TensorFile bad = new TensorFile(Map.of("w", Tensor.of(new long[] {1000}, 1)), Map.of(), Map.of("w", FileDType.I8));
        assertThatThrownBy(() -> TorchCheckpoint.save(file, bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).containsExactly("model.pt");
    }

    @Test
    void relativePathsWork() throws IOException {
        Path file = dir.resolve("sub").resolve("x.bin");
        Files.createDirectories(file.getParent());
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        AtomicFiles.write(relative, ch -> ch.write(ByteBuffer.wrap(new byte[] {42})));
        assertThat(Files.readAllBytes(file)).containsExactly(42);
    }

    private Stream<String> names() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<String> s = names()) {
            return s.sorted().toList();
        }
    }
}
