package io.jgrad.data.transforms;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;

/**
 * Converts 8-bit pixel values (0..255) to float32 in [0, 1] by dividing by 255, like
 * torchvision's {@code ToTensor} (which the pixel tensor must not have been through already).
 *
 * <p>jgrad has no uint8 dtype, so pixels arrive either as an int64 tensor (this transform) or as
 * raw bytes read from a file ({@link #fromUnsignedBytes}, which converts in bulk).
 */
public final class ToTensor implements Transform {
    /** {@code i / 255f} for every byte value: the same float PyTorch's {@code x.float().div(255)} gives. */
    private static final float[] SCALED = new float[256];

    static {
        for (int i = 0; i < 256; i++) SCALED[i] = i / 255f;
    }

    /** An int64 pixel tensor (values 0..255) as float32 / 255, same shape. */
    @Override
    public Tensor apply(Tensor pixels) {
        if (pixels.dtype() != DType.INT64)
            throw new IllegalArgumentException("ToTensor: expected int64 pixel values 0..255, got " + pixels.dtype()
                    + (pixels.isFloatingPoint() ? " (a float tensor is already converted; scaling it again would be wrong)" : ""));
        return pixels.to(DType.FLOAT32).div(255);
    }

    /**
     * Raw unsigned bytes (e.g. the pixels of an IDX file) as a float32 tensor of {@code shape}, each
     * value divided by 255. Copies {@code pixels} once, in bulk.
     */
    public static Tensor fromUnsignedBytes(byte[] pixels, int... shape) {
        Shape.check("ToTensor", shape);
        if (Shape.numel(shape) != pixels.length)
            throw new IllegalArgumentException("ToTensor: " + pixels.length + " pixels cannot fill shape " + Shape.str(shape));
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) values[i] = SCALED[pixels[i] & 0xFF];
        return Tensor.of(Storage.of(values), Layout.contiguous(shape));
    }

    @Override
    public String toString() {
        return "ToTensor()";
    }
}
