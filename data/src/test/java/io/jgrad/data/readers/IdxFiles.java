package io.jgrad.data.readers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX bytes (well-formed or not) for the reader tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** An unsigned-byte IDX file with {@code dims} and {@code data}. */
    static byte[] idx(int[] dims, byte[] data) {
        return raw(0x0000_0800 | dims.length, dims, data);
    }

    /** Any magic number, dims and data, however inconsistent. */
    static byte[] raw(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    /** {@code n} bytes 0, 1, 2, ... (wrapping at 256). */
    static byte[] ramp(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) i;
        return data;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
