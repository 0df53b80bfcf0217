package io.jgrad.io;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

/**
 * An element type as stored in a checkpoint file, and the jgrad {@link DType} it loads into.
 *
 * <p>jgrad computes in float32, float64, int64 and bool, so narrower file types widen on load:
 * F16 and BF16 load as float32 (exactly: every half and bfloat16 value is a float), I32, I16, I8
 * and U8 load as int64. Saving can narrow again on request (see {@link TensorFile#fileDTypes()}):
 * floats round to nearest-even like PyTorch's {@code .half()} and {@code .bfloat16()}, and
 * integers must fit the target range. A file type to jgrad and back is therefore bit-exact.
 *
 * <p>All multi-byte values are little-endian, as both safetensors and PyTorch write them.
 */
public enum FileDType {
    /** 32-bit float ({@code torch.float32}); loads as FLOAT32. */
    F32(4, DType.FLOAT32, "FloatStorage"),
    /** 64-bit float ({@code torch.float64}); loads as FLOAT64. */
    F64(8, DType.FLOAT64, "DoubleStorage"),
    /** IEEE half ({@code torch.float16}); loads as FLOAT32. */
    F16(2, DType.FLOAT32, "HalfStorage"),
    /** bfloat16 ({@code torch.bfloat16}); loads as FLOAT32. */
    BF16(2, DType.FLOAT32, "BFloat16Storage"),
    /** 64-bit signed integer ({@code torch.int64}); loads as INT64. */
    I64(8, DType.INT64, "LongStorage"),
    /** 32-bit signed integer ({@code torch.int32}); loads as INT64. */
    I32(4, DType.INT64, "IntStorage"),
    /** 16-bit signed integer ({@code torch.int16}); loads as INT64. */
    I16(2, DType.INT64, "ShortStorage"),
    /** 8-bit signed integer ({@code torch.int8}); loads as INT64. */
    I8(1, DType.INT64, "CharStorage"),
    /** 8-bit unsigned integer ({@code torch.uint8}); loads as INT64. */
    U8(1, DType.INT64, "ByteStorage"),
    /** Boolean, one byte 0 or 1 ({@code torch.bool}); loads as BOOL. */
    BOOL(1, DType.BOOL, "BoolStorage");

    private static final ValueLayout.OfShort LE_I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat LE_F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble LE_F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Saving encodes through a buffer of this size, so no tensor is ever duplicated whole as bytes. */
    private static final int CHUNK_BYTES = 1 << 20;

    private final int byteSize;
    private final DType dtype;
    private final String torchStorage;

    FileDType(int byteSize, DType dtype, String torchStorage) {
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.torchStorage = torchStorage;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The jgrad dtype this type loads into. */
    public DType dtype() {
        return dtype;
    }

    /** PyTorch's typed-storage class for this type, e.g. {@code FloatStorage} for F32. */
    public String torchStorageName() {
        return torchStorage;
    }

    /** The type a jgrad dtype is saved as when nothing else is requested: F32, F64, I64 or BOOL. */
    public static FileDType defaultFor(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
            case INT64 -> I64;
            case BOOL -> BOOL;
        };
    }

    /** The type with safetensors name {@code name} ({@code "F32"}, {@code "BF16"}, ...), or null. */
    static FileDType fromSafetensorsName(String name) {
        for (FileDType t : values()) if (t.name().equals(name)) return t;
        return null;
    }

    /** The type whose PyTorch storage class is {@code torch.<className>}, or null. */
    static FileDType fromTorchStorage(String className) {
        for (FileDType t : values()) if (t.torchStorage.equals(className)) return t;
        return null;
    }

    // ------------------------------------------------------------------ loading

    /**
     * Decodes {@code bytes} (a whole number of elements of this type) into a new heap storage of
     * {@link #dtype()}. A BOOL byte other than 0 or 1 is an {@link IllegalArgumentException}.
     */
    Storage decode(MemorySegment bytes) {
        int n = Math.toIntExact(bytes.byteSize() / byteSize);
        return switch (this) {
            case F32 -> Storage.of(bytes.toArray(LE_F32));
            case F64 -> Storage.of(bytes.toArray(LE_F64));
            case I64 -> Storage.of(bytes.toArray(LE_I64));
            case F16 -> floats(n, i -> Float.float16ToFloat(bytes.getAtIndex(LE_I16, i)));
            case BF16 -> floats(n, i -> Float.intBitsToFloat(bytes.getAtIndex(LE_I16, i) << 16));
            case I32 -> longs(n, i -> bytes.getAtIndex(LE_I32, i));
            case I16 -> longs(n, i -> bytes.getAtIndex(LE_I16, i));
            case I8 -> longs(n, i -> bytes.get(ValueLayout.JAVA_BYTE, i));
            case U8 -> longs(n, i -> Byte.toUnsignedInt(bytes.get(ValueLayout.JAVA_BYTE, i)));
            case BOOL -> bools(bytes, n);
        };
    }

    private static Storage floats(int n, IntToDoubleFunction element) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) element.applyAsDouble(i);
        return Storage.of(a);
    }

    private static Storage longs(int n, IntToLongFunction element) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = element.applyAsLong(i);
        return Storage.of(a);
    }

    private static Storage bools(MemorySegment bytes, int n) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
            byte b = bytes.get(ValueLayout.JAVA_BYTE, i);
            if (b != 0 && b != 1) throw new IllegalArgumentException("bool element " + i + " is byte " + b + ", not 0 or 1");
            a[i] = b == 1;
        }
        return Storage.of(a);
    }

    // ------------------------------------------------------------------ saving

    /**
     * Checks that {@code tensor} can be saved as this type: floats as F32/F64/F16/BF16, int64 as
     * an integer type whose range holds every value, bool as BOOL.
     *
     * @throws IllegalArgumentException naming the tensor, its dtype and the offending value
     */
    void requireStorable(String name, Tensor tensor) {
        boolean sameKind = tensor.dtype() == dtype || (tensor.isFloatingPoint() && dtype.isFloating());
        if (!sameKind) {
            throw new IllegalArgumentException("cannot save tensor '" + name + "' (" + tensor.dtype() + ") as " + this
                    + ": " + this + " holds " + dtype + " values");
        }
        if (dtype != DType.INT64 || this == I64 || tensor.numel() == 0) return;
        long min = tensor.amin().itemLong(), max = tensor.amax().itemLong();
        long lo = this == U8 ? 0 : -(1L << (8 * byteSize - 1));
        long hi = this == U8 ? 255 : (1L << (8 * byteSize - 1)) - 1;
        if (min < lo || max > hi) {
            throw new IllegalArgumentException("cannot save tensor '" + name + "' as " + this + ": value "
                    + (min < lo ? min : max) + " is outside [" + lo + ", " + hi + "]");
        }
    }

    /** Bytes that {@code tensor} occupies in a file as this type. */
    long byteCount(Tensor tensor) {
        return (long) tensor.numel() * byteSize;
    }

    /**
     * Writes the elements of {@code tensor} in row-major order, encoded as this type. The caller
     * has checked {@link #requireStorable}.
     */
    void write(Tensor tensor, WritableByteChannel out) throws IOException {
        Tensor src = tensor.to(dtype).contiguous();
        Storage storage = src.storage();
        int n = src.numel();
        int perChunk = CHUNK_BYTES / byteSize;
        byte[] chunk = new byte[Math.min(n, perChunk) * byteSize];
        MemorySegment segment = MemorySegment.ofArray(chunk);
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            encode(storage, src.storageOffset() + done, count, segment);
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, count * byteSize);
            while (buffer.hasRemaining()) out.write(buffer);
            done += count;
        }
    }

    private void encode(Storage s, int from, int count, MemorySegment dst) {
        switch (this) {
            case F32 -> MemorySegment.copy(s.floats(), from, dst, LE_F32, 0, count);
            case F64 -> MemorySegment.copy(s.doubles(), from, dst, LE_F64, 0, count);
            case I64 -> MemorySegment.copy(s.longs(), from, dst, LE_I64, 0, count);
            case F16 -> {
                float[] a = s.floats();
                for (int i = 0; i < count; i++) dst.setAtIndex(LE_I16, i, Float.floatToFloat16(a[from + i]));
            }
            case BF16 -> {
                float[] a = s.floats();
                for (int i = 0; i < count; i++) dst.setAtIndex(LE_I16, i, toBFloat16(a[from + i]));
            }
            case I32 -> {
                long[] a = s.longs();
                for (int i = 0; i < count; i++) dst.setAtIndex(LE_I32, i, (int) a[from + i]);
            }
            case I16 -> {
                long[] a = s.longs();
                for (int i = 0; i < count; i++) dst.setAtIndex(LE_I16, i, (short) a[from + i]);
            }
            case I8, U8 -> {
                long[] a = s.longs();
                for (int i = 0; i < count; i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) a[from + i]);
            }
            case BOOL -> {
                boolean[] a = s.bools();
                for (int i = 0; i < count; i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) (a[from + i] ? 1 : 0));
            }
        }
    }

    /** Rounds to nearest-even like PyTorch; NaNs keep sign and payload (so a loaded BF16 NaN saves back unchanged). */
    static short toBFloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            int upper = bits >>> 16;
            // Truncating a NaN whose payload sits only in the low bits would make it infinity.
            return (short) ((upper & 0x7F) == 0 ? upper | 0x40 : upper);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
