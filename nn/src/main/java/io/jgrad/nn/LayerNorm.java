package io.jgrad.nn;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.Arrays;

/**
 * Normalises over the trailing {@code normalized_shape} dims of each sample with the biased
 * variance, then scales and shifts elementwise ({@code torch.nn.LayerNorm}). Input
 * (*, *normalized_shape). Parameters {@code weight} = 1 and {@code bias} = 0 of shape
 * normalized_shape when elementwise_affine.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;

    /** Over the last dim of size {@code normalizedShape}, eps 1e-5, affine. */
    public LayerNorm(int normalizedShape) {
        this(new int[] {normalizedShape}, 1e-5, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) throw new IllegalArgumentException("LayerNorm: normalized_shape must not be empty");
        for (int s : normalizedShape) LayerInputs.positive("LayerNorm", "normalized_shape element", s);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        registerParameter("weight", elementwiseAffine ? Tensor.ones(normalizedShape) : null);
        registerParameter("bias", elementwiseAffine ? Tensor.zeros(normalizedShape) : null);
    }

    public Tensor weight() { return parameter("weight"); }

    public Tensor bias() { return parameter("bias"); }

    @Override
    public Tensor forward(Tensor input) {
        int k = normalizedShape.length;
        if (input.dim() < k || !Arrays.equals(Arrays.copyOfRange(input.shape(), input.dim() - k, input.dim()), normalizedShape))
            throw LayerInputs.badInput(this, "input of shape (*, " + Shape.str(normalizedShape).replaceAll("[\\[\\]]", "") + ")", input);
        return F.layerNorm(input, normalizedShape, weight(), bias(), eps);
    }

    @Override
    protected String extraRepr() {
        return Repr.tuple(normalizedShape) + ", eps=" + Repr.number(eps) + ", elementwise_affine=" + Repr.bool(elementwiseAffine);
    }
}
