package io.jgrad.data.readers;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import io.jgrad.data.transforms.ToTensor;
import java.util.Arrays;

/**
 * The content of an IDX file: its dims and its unsigned-byte elements in row-major order, with
 * conversions to the tensors a model consumes.
 */
public final class IdxArray {
    private final String source;
    private final int[] dims;
    private final byte[] data;

    IdxArray(String source, int[] dims, byte[] data) {
        this.source = source;
        this.dims = dims;
        this.data = data;
    }

    /** The file or resource this was read from. */
    public String source() {
        return source;
    }

    /** The dims from the header, e.g. {@code [60000, 28, 28]}. */
    public int[] dims() {
        return dims.clone();
    }

    /** The magic number: {@code 0x00000800} plus the number of dims. */
    public int magic() {
        return IdxReader.UNSIGNED_BYTE << 8 | dims.length;
    }

    /** The raw elements (the array itself, not a copy); read them as unsigned: {@code b & 0xFF}. */
    public byte[] data() {
        return data;
    }

    /**
     * An image file ({@code 0x00000803}, dims {@code [N, H, W]}) as float32 {@code (N, 1, H, W)}
     * with values {@code pixel / 255} in [0, 1].
     */
    public Tensor images() {
        require(3, "an image file");
        return ToTensor.fromUnsignedBytes(data, dims[0], 1, dims[1], dims[2]);
    }

    /** A label file ({@code 0x00000801}, dims {@code [N]}) as int64 {@code (N)}. */
    public Tensor labels() {
        require(1, "a label file");
        long[] labels = new long[data.length];
        for (int i = 0; i < data.length; i++) labels[i] = data[i] & 0xFF;
        return Tensor.of(Storage.of(labels), Layout.contiguous(data.length));
    }

    private void require(int rank, String what) {
        if (dims.length != rank)
            throw new MalformedDataException(source, String.format("expected %s (magic 0x%08X, %d dims), found magic 0x%08X with dims %s",
                    what, IdxReader.UNSIGNED_BYTE << 8 | rank, rank, magic(), Arrays.toString(dims)));
    }

    @Override
    public String toString() {
        return String.format("IdxArray(%s, magic 0x%08X, dims %s)", source, magic(), Arrays.toString(dims));
    }
}
