package io.jgrad.data.readers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files and class-path resources, decompressing gzip wherever its magic bytes appear. */
final class Sources {
    private static final int BUFFER = 1 << 16;

    private Sources() {}

    /** The content of {@code file}, gunzipped if it is gzip data (whatever its name). */
    static InputStream open(Path file) throws IOException {
        return decompressIfGzip(Files.newInputStream(file));
    }

    /** The class-path resource {@code name}, gunzipped if it is gzip data. */
    static InputStream openResource(String name) throws IOException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(name);
        if (in == null) in = Sources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new NoSuchFileException(name, null, "no such class-path resource");
        return decompressIfGzip(in);
    }

    /** {@code raw}, buffered, and decompressed when it starts with the gzip magic bytes 1f 8b. */
    static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    }
}
