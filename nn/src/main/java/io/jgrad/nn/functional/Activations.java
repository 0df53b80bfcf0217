package io.jgrad.nn.functional;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Elementwise;
import io.jgrad.core.ops.Op;
import java.util.Locale;

/**
 * The activation functions of {@link io.jgrad.nn.F}: each is one generated SIMD kernel (see
 * core's elementwise.ops) with its backward rule in autograd's Derivatives; this class only checks
 * arguments and picks the kernel.
 */
public final class Activations {
    private Activations() {}

    public static Tensor unary(Op op, Tensor x) {
        return Elementwise.unary(op, x);
    }

    /** approximate "none" (the erf form) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate == null ? "none" : approximate.toLowerCase(Locale.ROOT)) {
            case "none" -> Elementwise.unary(Op.GELU, x);
            case "tanh" -> Elementwise.unary(Op.GELU_TANH, x);
            default -> throw new IllegalArgumentException("gelu: approximate must be \"none\" or \"tanh\", got '" + approximate + "'");
        };
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Elementwise.unary(Op.LEAKY_RELU, x, negativeSlope, 0);
    }

    public static Tensor elu(Tensor x, double alpha) {
        return Elementwise.unary(Op.ELU, x, alpha, 0);
    }

    /** log(1 + exp(beta x)) / beta, and x itself where beta x &gt; threshold. */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        if (beta == 0) throw new IllegalArgumentException("softplus: beta must be non-zero");
        return Elementwise.unary(Op.SOFTPLUS, x, beta, threshold);
    }

    /** x clamped to [min, max]. */
    public static Tensor hardtanh(Tensor x, double min, double max) {
        if (min > max) throw new IllegalArgumentException("hardtanh: min_val (" + min + ") must not exceed max_val (" + max + ")");
        return x.clamp(min, max);
    }

    public static Tensor logsigmoid(Tensor x) {
        return Elementwise.unary(Op.LOGSIGMOID, x);
    }
}
