package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;

/**
 * A fully connected layer, y = x W^T + b ({@code torch.nn.Linear}). Input (*, in_features),
 * output (*, out_features). Parameters {@code weight} (out_features, in_features) and
 * {@code bias} (out_features), initialised U(-1/sqrt(in_features), 1/sqrt(in_features)).
 */
public final class Linear extends Module {
    private final int inFeatures, outFeatures;

    /** A layer with a bias. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** A layer with or without a bias. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this.inFeatures = LayerInputs.positive("Linear", "in_features", inFeatures);
        this.outFeatures = LayerInputs.positive("Linear", "out_features", outFeatures);
        registerParameter("weight", Tensor.empty(outFeatures, inFeatures));
        registerParameter("bias", bias ? Tensor.empty(outFeatures) : null);
        resetParameters(Generator.defaultGenerator());
    }

    /** Re-draws the parameters with PyTorch's default scheme from {@code gen}. */
    public void resetParameters(Generator gen) {
        LayerInit.kaimingUniformWithBias(weight(), bias(), gen);
    }

    public Tensor weight() { return parameter("weight"); }

    /** The bias, or null when built without one. */
    public Tensor bias() { return parameter("bias"); }

    public int inFeatures() { return inFeatures; }

    public int outFeatures() { return outFeatures; }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() == 0 || input.size(-1) != inFeatures)
            throw LayerInputs.badInput(this, "input of shape (*, " + inFeatures + ") (in_features=" + inFeatures + ")", input);
        return F.linear(input, weight(), bias());
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + Repr.bool(bias() != null);
    }
}
