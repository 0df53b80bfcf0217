package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Shaping;

/**
 * What {@link Conv1d}, {@link Conv2d} and {@link ConvTranspose2d} share (PyTorch's
 * {@code _ConvNd}): the options, the weight — (out, in/groups, *kernel), or (in, out/groups,
 * *kernel) when transposed — and {@code bias} (out), both initialised as PyTorch does
 * (kaiming-uniform with a = sqrt(5), bias U(-1/sqrt(fan_in), 1/sqrt(fan_in))), the input checks
 * and the printed form. Subclasses only call the right functional kernel.
 */
public abstract sealed class ConvNd extends Module permits Conv1d, Conv2d, ConvTranspose2d {
    private final int inChannels, outChannels, spatialDims;
    private final int[] kernelSize, stride, padding, dilation, outputPadding;
    private final String paddingPreset, paddingMode;
    private final int groups;

    ConvNd(int inChannels, int outChannels, int[] kernelSize, ConvOptions options, int spatialDims, boolean transposed) {
        String name = getClass().getSimpleName();
        this.inChannels = LayerInputs.positive(name, "in_channels", inChannels);
        this.outChannels = LayerInputs.positive(name, "out_channels", outChannels);
        this.spatialDims = spatialDims;
        this.groups = LayerInputs.positive(name, "groups", options.groups());
        if (inChannels % groups != 0) throw new IllegalArgumentException(name + ": in_channels (" + inChannels + ") must be divisible by groups (" + groups + ")");
        if (outChannels % groups != 0) throw new IllegalArgumentException(name + ": out_channels (" + outChannels + ") must be divisible by groups (" + groups + ")");
        this.kernelSize = Tuples.expand(name, "kernel_size", kernelSize, spatialDims);
        this.stride = Tuples.expand(name, "stride", options.stride(), spatialDims);
        this.padding = Tuples.expand(name, "padding", options.padding(), spatialDims);
        this.dilation = Tuples.expand(name, "dilation", options.dilation(), spatialDims);
        this.outputPadding = Tuples.expand(name, "output_padding", options.outputPadding(), spatialDims);
        for (int k : this.kernelSize) LayerInputs.positive(name, "kernel_size", k);
        for (int s : this.stride) LayerInputs.positive(name, "stride", s);
        for (int d : this.dilation) LayerInputs.positive(name, "dilation", d);
        this.paddingPreset = options.paddingPreset();
        this.paddingMode = options.paddingMode();
        if ("same".equals(paddingPreset) && !Tuples.all(this.stride, 1))
            throw new IllegalArgumentException(name + ": padding='same' is not supported for strided convolutions");
        if (transposed && (paddingPreset != null || !paddingMode.equals("zeros")))
            throw new IllegalArgumentException(name + ": only explicit zero padding is supported for transposed convolutions");
        if (!transposed && !Tuples.all(this.outputPadding, 0))
            throw new IllegalArgumentException(name + ": output_padding is only for transposed convolutions");
        int[] weightShape = new int[2 + spatialDims];
        weightShape[0] = transposed ? inChannels : outChannels;
        weightShape[1] = transposed ? outChannels / groups : inChannels / groups;
        System.arraycopy(this.kernelSize, 0, weightShape, 2, spatialDims);
        registerParameter("weight", Tensor.empty(weightShape));
        registerParameter("bias", options.bias() ? Tensor.empty(outChannels) : null);
        resetParameters(Generator.defaultGenerator());
    }

    /** Re-draws the parameters with PyTorch's default scheme from {@code gen}. */
    public void resetParameters(Generator gen) {
        LayerInit.kaimingUniformWithBias(weight(), bias(), gen);
    }

    public Tensor weight() { return parameter("weight"); }

    /** The bias, or null when built without one. */
    public Tensor bias() { return parameter("bias"); }

    public int inChannels() { return inChannels; }

    public int outChannels() { return outChannels; }

    public int groups() { return groups; }

    int[] stride() { return stride.clone(); }

    int[] padding() { return padding.clone(); }

    int[] dilation() { return dilation.clone(); }

    int[] outputPadding() { return outputPadding.clone(); }

    String paddingPreset() { return paddingPreset; }

    /** The convolution of a checked (N, C_in, *spatial) or (C_in, *spatial) input. */
    abstract Tensor convolve(Tensor batchedInput);

    /** Checks the input, applies non-zero padding modes, and convolves. */
    @Override
    public Tensor forward(Tensor input) {
        boolean batched = input.dim() == spatialDims + 2;
        if ((!batched && input.dim() != spatialDims + 1) || input.size(batched ? 1 : 0) != inChannels) {
            String spatial = LayerInputs.spatial(spatialDims);
            throw LayerInputs.badInput(this, "input of shape (N, " + inChannels + ", " + spatial + ") or (" + inChannels + ", " + spatial + ")", input);
        }
        return convolve(paddingMode.equals("zeros") ? input : input.pad(explicitPadding(), Shaping.PadMode.of(paddingMode), 0));
    }

    /** PyTorch's {@code _reversed_padding_repeated_twice}: (left, right) per spatial dim, last dim first. */
    private int[] explicitPadding() {
        int[] pad = new int[2 * spatialDims];
        for (int d = 0; d < spatialDims; d++) {
            int total = "same".equals(paddingPreset) ? dilation[d] * (kernelSize[d] - 1) : "valid".equals(paddingPreset) ? 0 : 2 * padding[d];
            int left = total / 2;
            pad[2 * (spatialDims - 1 - d)] = left;
            pad[2 * (spatialDims - 1 - d) + 1] = total - left;
        }
        return pad;
    }

    /** True when the padding was already applied by {@link #forward} (a non-zero padding mode). */
    boolean padded() {
        return !paddingMode.equals("zeros");
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder(inChannels + ", " + outChannels + ", kernel_size=" + Repr.tuple(kernelSize) + ", stride=" + Repr.tuple(stride));
        if (paddingPreset != null) s.append(", padding=").append(paddingPreset);
        else if (!Tuples.all(padding, 0)) s.append(", padding=").append(Repr.tuple(padding));
        if (!Tuples.all(dilation, 1)) s.append(", dilation=").append(Repr.tuple(dilation));
        if (!Tuples.all(outputPadding, 0)) s.append(", output_padding=").append(Repr.tuple(outputPadding));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias() == null) s.append(", bias=False");
        if (!paddingMode.equals("zeros")) s.append(", padding_mode=").append(paddingMode);
        return s.toString();
    }
}
