package io.jgrad.nn;

/**
 * The optional arguments of {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d}, with
 * PyTorch's defaults; change them with the withers:
 * {@code ConvOptions.defaults().stride(2).padding(1).groups(4).bias(false)}. Each size is one int
 * (used for every spatial dim) or one per spatial dim.
 *
 * @param stride        step between windows (default 1)
 * @param padding       implicit padding on both sides of each spatial dim (default 0)
 * @param paddingPreset {@code "same"} or {@code "valid"} instead of explicit padding, else null
 * @param dilation      spacing between kernel elements (default 1)
 * @param outputPadding extra size added to one side of a transposed convolution's output (default 0)
 * @param groups        channel groups; in and out channels must both be divisible by it (default 1)
 * @param bias          whether the layer has a bias (default true)
 * @param paddingMode   {@code "zeros"} (default), {@code "reflect"}, {@code "replicate"} or {@code "circular"}
 */
public record ConvOptions(int[] stride, int[] padding, String paddingPreset, int[] dilation, int[] outputPadding, int groups,
                          boolean bias, String paddingMode) {
    /** Stride 1, padding 0, dilation 1, groups 1, with bias, zero padding. */
    public static ConvOptions defaults() {
        return new ConvOptions(new int[] {1}, new int[] {0}, null, new int[] {1}, new int[] {0}, 1, true, "zeros");
    }

    public ConvOptions stride(int... stride) {
        return new ConvOptions(stride.clone(), padding, paddingPreset, dilation, outputPadding, groups, bias, paddingMode);
    }

    public ConvOptions padding(int... padding) {
        return new ConvOptions(stride, padding.clone(), null, dilation, outputPadding, groups, bias, paddingMode);
    }

    /** {@code "same"} (output size = input size; stride must be 1) or {@code "valid"} (no padding). */
    public ConvOptions padding(String preset) {
        if (!preset.equals("same") && !preset.equals("valid"))
            throw new IllegalArgumentException("ConvOptions: padding must be 'same' or 'valid', got '" + preset + "'");
        return new ConvOptions(stride, new int[] {0}, preset, dilation, outputPadding, groups, bias, paddingMode);
    }

    public ConvOptions dilation(int... dilation) {
        return new ConvOptions(stride, padding, paddingPreset, dilation.clone(), outputPadding, groups, bias, paddingMode);
    }

    /** Transposed convolutions only. */
    public ConvOptions outputPadding(int... outputPadding) {
        return new ConvOptions(stride, padding, paddingPreset, dilation, outputPadding.clone(), groups, bias, paddingMode);
    }

    public ConvOptions groups(int groups) {
        return new ConvOptions(stride, padding, paddingPreset, dilation, outputPadding, groups, bias, paddingMode);
    }

    public ConvOptions bias(boolean bias) {
        return new ConvOptions(stride, padding, paddingPreset, dilation, outputPadding, groups, bias, paddingMode);
    }

    /** How the padding is filled: zeros, or the input's own values (reflect, replicate, circular). */
    public ConvOptions paddingMode(String paddingMode) {
        if (!java.util.List.of("zeros", "reflect", "replicate", "circular").contains(paddingMode))
            throw new IllegalArgumentException("ConvOptions: padding_mode must be zeros, reflect, replicate or circular, got '" + paddingMode + "'");
        return new ConvOptions(stride, padding, paddingPreset, dilation, outputPadding, groups, bias, paddingMode);
    }
}
