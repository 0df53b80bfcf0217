package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.nn.init.Init;
import java.util.Arrays;

/**
 * y_o = x1^T A_o x2 + b_o ({@code torch.nn.Bilinear}). Inputs (*, in1_features) and
 * (*, in2_features) with the same leading dims; output (*, out_features). Parameters
 * {@code weight} (out, in1, in2) and {@code bias} (out), both U(-1/sqrt(in1), 1/sqrt(in1)).
 */
public final class Bilinear extends Module {
    private final int in1Features, in2Features, outFeatures;

    /** A layer with a bias. */
    public Bilinear(int in1Features, int in2Features, int outFeatures) {
        this(in1Features, in2Features, outFeatures, true);
    }

    public Bilinear(int in1Features, int in2Features, int outFeatures, boolean bias) {
        this.in1Features = LayerInputs.positive("Bilinear", "in1_features", in1Features);
        this.in2Features = LayerInputs.positive("Bilinear", "in2_features", in2Features);
        this.outFeatures = LayerInputs.positive("Bilinear", "out_features", outFeatures);
        registerParameter("weight", Tensor.empty(outFeatures, in1Features, in2Features));
        registerParameter("bias", bias ? Tensor.empty(outFeatures) : null);
        resetParameters(Generator.defaultGenerator());
    }

    /** Re-draws the parameters with PyTorch's default scheme from {@code gen}. */
    public void resetParameters(Generator gen) {
        double bound = 1 / Math.sqrt(in1Features);
        Init.uniform_(weight(), -bound, bound, gen);
        if (bias() != null) Init.uniform_(bias(), -bound, bound, gen);
    }

    public Tensor weight() { return parameter("weight"); }

    /** The bias, or null when built without one. */
    public Tensor bias() { return parameter("bias"); }

    /** The bilinear form of {@code input1} and {@code input2}. */
    public Tensor forward(Tensor input1, Tensor input2) {
        if (input1.dim() == 0 || input1.size(-1) != in1Features)
            throw LayerInputs.badInput(this, "input1 of shape (*, " + in1Features + ")", "input1", input1);
        if (input2.dim() != input1.dim() || input2.size(-1) != in2Features
                || !Arrays.equals(lead(input1), lead(input2)))
            throw new IllegalArgumentException("Bilinear: expected input2 of shape " + Shape.str(with(lead(input1), in2Features))
                    + " to match input1 " + Shape.str(input1.shape()) + ", got input2 of shape " + Shape.str(input2.shape()));
        return F.bilinear(input1, input2, weight(), bias());
    }

    private static int[] lead(Tensor t) {
        return Arrays.copyOf(t.shape(), t.dim() - 1);
    }

    private static int[] with(int[] lead, int last) {
        int[] s = Arrays.copyOf(lead, lead.length + 1);
        s[lead.length] = last;
        return s;
    }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1Features + ", in2_features=" + in2Features + ", out_features=" + outFeatures + ", bias=" + Repr.bool(bias() != null);
    }
}
