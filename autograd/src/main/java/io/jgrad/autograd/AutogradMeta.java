package io.jgrad.autograd;

import io.jgrad.core.Tensor;
import io.jgrad.core.spi.GradMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What autograd attaches to a tracked tensor: whether it requires grad, the node that produced it
 * (null for a leaf), its accumulated gradient, and its hooks. Gradients live here rather than in
 * the tensor so core stays free of autograd.
 */
final class AutogradMeta implements GradMeta {
    final boolean requiresGrad;
    /** The node that produced the tensor; null for leaves. */
    final Node gradFn;
    Tensor grad;
    boolean retainGrad;
    /** For leaves: the node that accumulates into {@link #grad}, created on first use. */
    AccumulateGrad accumulator;
    List<UnaryOperator<Tensor>> hooks;

    AutogradMeta(boolean requiresGrad, Node gradFn) {
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
    }

    @Override
    public boolean requiresGrad() {
        return requiresGrad;
    }

    boolean isLeaf() {
        return gradFn == null;
    }

    /** Applies the hooks in registration order; a hook returning null keeps the gradient. */
    Tensor runHooks(Tensor g) {
        if (hooks == null) return g;
        for (UnaryOperator<Tensor> h : new ArrayList<>(hooks)) {
            Tensor r = h.apply(g);
            if (r != null) g = r;
        }
        return g;
    }
}
