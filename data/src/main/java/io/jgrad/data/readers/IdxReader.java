package io.jgrad.data.readers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped (recognised by the
 * gzip magic bytes, not by the file name).
 *
 * <p>Format: a 4-byte big-endian magic number {@code 0x0000TTDD} (two zero bytes, the element
 * type {@code TT}, the number of dims {@code DD}), then {@code DD} big-endian int32 sizes, then the
 * elements in row-major order. Labels are {@code 0x00000801} (unsigned bytes, 1 dim), images
 * {@code 0x00000803} (unsigned bytes, 3 dims). Only unsigned-byte files are supported.
 *
 * <p>The data is read in bulk into one byte array. A malformed file (bad magic number, absurd or
 * negative sizes, truncated or trailing data, corrupt gzip) gives a {@link MalformedDataException}
 * naming the file; memory grows only with data actually present, so a header that promises
 * gigabytes cannot exhaust the heap.
 */
public final class IdxReader {
    /** The element type code of unsigned bytes, the only type supported. */
    static final int UNSIGNED_BYTE = 0x08;
    /** The largest element count a Java array can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {}

    /** Reads the IDX file {@code file} (plain or gzipped). */
    public static IdxArray read(Path file) throws IOException {
        try (InputStream in = Sources.open(file)) {
            return parse(in, file.toString());
        } catch (ZipException | EOFException e) {
            throw gzipError(file.toString(), e);
        }
    }

    /** Reads the IDX class-path resource {@code name} (plain or gzipped), e.g. {@code "fashion-mnist-subset/t10k-labels-idx1-ubyte.gz"}. */
    public static IdxArray readResource(String name) throws IOException {
        try (InputStream in = Sources.openResource(name)) {
            return parse(in, name);
        } catch (ZipException | EOFException e) {
            throw gzipError(name, e);
        }
    }

    /** Reads IDX data (plain or gzipped) from {@code in} to its end, without closing it; {@code source} names it in errors. */
    public static IdxArray read(InputStream in, String source) throws IOException {
        try {
            return parse(Sources.decompressIfGzip(in), source);
        } catch (ZipException | EOFException e) {
            throw gzipError(source, e);
        }
    }

    private static MalformedDataException gzipError(String source, IOException e) {
        String what = e instanceof EOFException ? "truncated gzip data" : "corrupt gzip data";
        return new MalformedDataException(source, what + " (" + e.getMessage() + ")", e);
    }

    private static IdxArray parse(InputStream in, String source) throws IOException {
        byte[] magic = readHeader(in, 4, source, "the 4-byte magic number");
        int type = magic[2] & 0xFF, rank = magic[3] & 0xFF;
        int magicNumber = (magic[0] & 0xFF) << 24 | (magic[1] & 0xFF) << 16 | type << 8 | rank;
        if (magic[0] != 0 || magic[1] != 0)
            throw new MalformedDataException(source, String.format("bad magic number 0x%08X: not an IDX file (an IDX file starts with two zero bytes)", magicNumber));
        if (type != UNSIGNED_BYTE)
            throw new MalformedDataException(source, String.format("IDX element type 0x%02X (%s) is not supported; only unsigned bytes (0x08) are", type, typeName(type)));
        if (rank == 0) throw new MalformedDataException(source, String.format("magic number 0x%08X declares 0 dims", magicNumber));

        byte[] sizes = readHeader(in, 4 * rank, source, rank + " dim sizes");
        int[] dims = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            long size = (sizes[4 * i] & 0xFFL) << 24 | (sizes[4 * i + 1] & 0xFF) << 16 | (sizes[4 * i + 2] & 0xFF) << 8 | (sizes[4 * i + 3] & 0xFF);
            if (size > Integer.MAX_VALUE)
                throw new MalformedDataException(source, "dim " + i + " has the impossible size " + size + " (negative as an int32)");
            dims[i] = (int) size;
            elements = Math.min(elements * size, MAX_ELEMENTS + 1);
        }
        if (elements > MAX_ELEMENTS)
            throw new MalformedDataException(source, "dims " + Arrays.toString(dims) + " hold more than " + MAX_ELEMENTS + " elements, more than one array can hold: the header is corrupt");

        byte[] data = in.readNBytes((int) elements);
        if (data.length < elements)
            throw new MalformedDataException(source, "truncated: dims " + Arrays.toString(dims) + " promise " + elements + " bytes of data, but only " + data.length + " follow the header");
        if (in.read() != -1)
            throw new MalformedDataException(source, "more data than dims " + Arrays.toString(dims) + " promise (" + elements + " bytes): the header does not match the file");
        return new IdxArray(source, dims, data);
    }

    private static byte[] readHeader(InputStream in, int length, String source, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length)
            throw new MalformedDataException(source, "truncated header: the file ends before " + what + " (" + bytes.length + " of " + length + " bytes)");
        return bytes;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "int16";
            case 0x0C -> "int32";
            case 0x0D -> "float32";
            case 0x0E -> "float64";
            default -> "unknown";
        };
    }
}
