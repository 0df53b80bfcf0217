package io.jgrad.data.transforms;

import io.jgrad.core.Tensor;
import java.util.Arrays;

/**
 * Per-channel standardisation {@code (x - mean[c]) / std[c]} (torchvision's {@code Normalize}),
 * on an image {@code (C, H, W)} or a batch {@code (N, C, H, W)}.
 */
public final class Normalize implements Transform {
    private final double[] mean;
    private final double[] std;

    /** One mean and one (non-zero) standard deviation per channel. */
    public Normalize(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0)
            throw new IllegalArgumentException("Normalize: need one mean and one std per channel, got " + mean.length + " means and " + std.length + " stds");
        for (double s : std) {
            if (!(s != 0 && Double.isFinite(s)))
                throw new IllegalArgumentException("Normalize: every std must be finite and non-zero, got " + Arrays.toString(std));
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public Tensor apply(Tensor x) {
        Images.requireImage("Normalize", x);
        if (!x.isFloatingPoint())
            throw new IllegalArgumentException("Normalize: expected a float image, got " + x.dtype() + " (convert pixels with ToTensor first)");
        int channels = x.size(-3);
        if (channels != mean.length)
            throw new IllegalArgumentException("Normalize: " + mean.length + " channel means/stds for an image with " + channels + " channels (shape "
                    + Arrays.toString(x.shape()) + ")");
        return x.sub(perChannel(mean, x)).div(perChannel(std, x));
    }

    /** {@code values} shaped (C, 1, 1) in x's dtype, so that it broadcasts over H and W. */
    private static Tensor perChannel(double[] values, Tensor x) {
        return Tensor.of(values, values.length, 1, 1).to(x.dtype());
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
