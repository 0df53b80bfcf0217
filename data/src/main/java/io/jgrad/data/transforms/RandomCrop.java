package io.jgrad.data.transforms;

import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Shaping.PadMode;

/**
 * Pads images on all four sides, then cuts out a {@code height x width} window at a random
 * position (torchvision's {@code RandomCrop(size, padding)}). On a batch each image gets its own
 * window: per image, the top row is drawn first, then the left column, each with
 * {@code generator.nextLong(bound)}.
 */
public final class RandomCrop implements Transform {
    private final int height;
    private final int width;
    private final int padding;
    private final PadMode mode;
    private final Generator generator;

    /** Zero padding of {@code padding} pixels, then a random {@code height x width} crop. */
    public RandomCrop(int height, int width, int padding, Generator generator) {
        this(height, width, padding, PadMode.CONSTANT, generator);
    }

    /** As {@link #RandomCrop(int, int, int, Generator)} with another padding mode (reflect, replicate, circular). */
    public RandomCrop(int height, int width, int padding, PadMode mode, Generator generator) {
        if (height < 1 || width < 1 || padding < 0)
            throw new IllegalArgumentException("RandomCrop: need a positive crop size and non-negative padding, got size (" + height + ", " + width + ") and padding " + padding);
        this.height = height;
        this.width = width;
        this.padding = padding;
        this.mode = mode;
        this.generator = generator;
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor batch = Images.asBatch("RandomCrop", x);
        int paddedH = batch.size(2) + 2 * padding, paddedW = batch.size(3) + 2 * padding;
        if (height > paddedH || width > paddedW)
            throw new IllegalArgumentException("RandomCrop: crop size (" + height + ", " + width + ") is larger than the padded image (" + paddedH + ", " + paddedW
                    + ") for input shape " + Shape.str(x.shape()) + " and padding " + padding);
        Tensor padded = padding == 0 ? batch : batch.pad(new int[] {padding, padding, padding, padding}, mode, 0);
        int n = batch.size(0);
        Tensor out = Tensor.empty(x.dtype(), n, batch.size(1), height, width);
        for (int i = 0; i < n; i++) {
            int top = (int) generator.nextLong(paddedH - height + 1);
            int left = (int) generator.nextLong(paddedW - width + 1);
            out.select(0, i).copy_(padded.select(0, i).narrow(1, top, height).narrow(2, left, width));
        }
        return Images.like(out, x);
    }

    @Override
    public String toString() {
        return "RandomCrop(size=(" + height + ", " + width + "), padding=" + padding + ", mode=" + mode + ")";
    }
}
