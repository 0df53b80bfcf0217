package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * Splits the C channels into {@code num_groups} groups and normalises each (sample, group) over
 * its channels and spatial positions with the biased variance ({@code torch.nn.GroupNorm}), then
 * applies a per-channel scale and shift. Input (N, C, *). Parameters {@code weight} (C) = 1 and
 * {@code bias} (C) = 0 when affine.
 */
public final class GroupNorm extends Module {
    private final int numGroups, numChannels;
    private final double eps;
    private final boolean affine;

    /** eps 1e-5, affine. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        this.numGroups = LayerInputs.positive("GroupNorm", "num_groups", numGroups);
        this.numChannels = LayerInputs.positive("GroupNorm", "num_channels", numChannels);
        if (numChannels % numGroups != 0)
            throw new IllegalArgumentException("GroupNorm: num_channels (" + numChannels + ") must be divisible by num_groups (" + numGroups + ")");
        this.eps = eps;
        this.affine = affine;
        registerParameter("weight", affine ? Tensor.ones(numChannels) : null);
        registerParameter("bias", affine ? Tensor.zeros(numChannels) : null);
    }

    public Tensor weight() { return parameter("weight"); }

    public Tensor bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2 || input.size(1) != numChannels)
            throw LayerInputs.badInput(this, "input of shape (N, " + numChannels + ", *)", input);
        return F.groupNorm(input, numGroups, weight(), bias(), eps);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + Repr.number(eps) + ", affine=" + Repr.bool(affine);
    }
}
