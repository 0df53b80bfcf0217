package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Resizes the spatial dims of (N, C, *spatial) inputs ({@code torch.nn.Upsample}) to a given
 * size or by scale factors, with mode {@code "nearest"} (default) or {@code "bilinear"} (4-d input;
 * align_corners false by default).
 */
public final class Upsample extends Module {
    private final int[] size;
    private final double[] scaleFactor;
    private final String mode;
    private final Boolean alignCorners;

    /** Scales every spatial dim by {@code scaleFactor}, nearest neighbour. */
    public Upsample(double scaleFactor) {
        this(null, new double[] {scaleFactor}, "nearest", null);
    }

    /** Exactly one of {@code size} and {@code scaleFactor} is non-null; alignCorners is null for nearest. */
    public Upsample(int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if ((size == null) == (scaleFactor == null))
            throw new IllegalArgumentException("Upsample: give exactly one of size and scale_factor");
        if (!mode.equals("nearest") && !mode.equals("bilinear"))
            throw new IllegalArgumentException("Upsample: mode must be 'nearest' or 'bilinear', got '" + mode + "'");
        if (mode.equals("nearest") && alignCorners != null)
            throw new IllegalArgumentException("Upsample: align_corners only applies to interpolating modes, not 'nearest'");
        this.size = size == null ? null : size.clone();
        this.scaleFactor = scaleFactor == null ? null : scaleFactor.clone();
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 3 || (mode.equals("bilinear") && input.dim() != 4))
            throw LayerInputs.badInput(this, mode.equals("bilinear") ? "input of shape (N, C, H, W) for bilinear mode" : "input of shape (N, C, *spatial)", input);
        return F.interpolate(input, size, scaleFactor, mode, mode.equals("nearest") ? null : alignCorners == null ? Boolean.FALSE : alignCorners);
    }

    @Override
    protected String extraRepr() {
        String what = scaleFactor != null ? "scale_factor=" + (scaleFactor.length == 1 ? Repr.number(scaleFactor[0])
                : "(" + Arrays.stream(scaleFactor).mapToObj(Repr::number).collect(Collectors.joining(", ")) + ")")
                : "size=" + LayerInputs.given(size);
        return what + ", mode=" + mode;
    }
}
