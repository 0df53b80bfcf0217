package io.jgrad.autograd;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import io.jgrad.core.spi.GradMeta;
import io.jgrad.core.spi.GradTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@link GradTracker} core finds with ServiceLoader: records ops into {@link OpNode}s and
 * answers the gradient methods of {@link Tensor}.
 */
public final class AutogradTracker implements GradTracker {

    static AutogradMeta meta(Tensor t) {
        GradMeta m = t.gradMeta();
        return m instanceof AutogradMeta a ? a : null;
    }

    /** The node a gradient for {@code t} flows into: its producer, or its leaf accumulator. */
    static Node gradientEdge(Tensor t) {
        AutogradMeta m = meta(t);
        if (m == null || !m.requiresGrad) return null;
        if (m.gradFn != null) return m.gradFn;
        if (m.accumulator == null) m.accumulator = new AccumulateGrad(m);
        return m.accumulator;
    }

    @Override
    public Tensor record(Op op, Object attrs, Tensor output, Tensor... inputs) {
        if (!GradMode.isEnabled() || !output.dtype().isFloating()) return output;
        Node[] next = new Node[inputs.length];
        boolean[] needs = new boolean[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) continue;
            next[i] = gradientEdge(inputs[i]);
            needs[i] = next[i] != null;
            any |= needs[i];
        }
        if (!any) return output;
        Derivatives.Rule rule = Derivatives.rule(op);
        if (rule == null) throw new UnsupportedOperationException(op.pyName() + ": backward is not implemented (no rule in Derivatives)");
        OpNode node = new OpNode(op, attrs, rule, inputs, next, needs, GradMode.anomaly());
        AutogradMeta m = new AutogradMeta(true, node);
        node.saveResult(output, m);
        output.gradMeta(m);
        return output;
    }

    @Override
    public void checkInPlace(String op, Tensor target) {
        if (!GradMode.isEnabled()) return;
        AutogradMeta m = meta(target);
        if (m != null && m.requiresGrad && m.isLeaf())
            throw new IllegalStateException(op + ": a leaf tensor that requires grad (shape " + Shape.str(target.shape())
                    + ") is being used in an in-place operation; wrap the update in Autograd.noGrad() or work on a clone()");
        Tensor base = target.base();
        AutogradMeta bm = base == null ? null : meta(base);
        if (bm != null && bm.requiresGrad && bm.isLeaf())
            throw new IllegalStateException(op + ": a view of a leaf tensor that requires grad (base shape " + Shape.str(base.shape())
                    + ") is being used in an in-place operation; wrap the update in Autograd.noGrad()");
    }

    @Override
    public void rebaseInPlace(Tensor target, Tensor result) {
        AutogradMeta rm = meta(result);
        Tensor base = target.base();
        if (base != null && (rm != null || meta(base) != null)) {
            CopySlices.rebase(base, target, result);
        }
        // The target now carries the result's history (and hooks registered on it from now on).
        target.gradMeta(rm);
    }

    @Override
    public boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    @Override
    public boolean requiresGrad(Tensor t) {
        AutogradMeta m = meta(t);
        return m != null && m.requiresGrad;
    }

    @Override
    public void setRequiresGrad(Tensor t, boolean requiresGrad) {
        AutogradMeta m = meta(t);
        if (m != null && !m.isLeaf()) {
            if (!requiresGrad)
                throw new IllegalArgumentException("requiresGrad_: you can only change requires_grad of leaf tensors; use detach() to get a tensor without history");
            return;
        }
        if (requiresGrad && !t.dtype().isFloating())
            throw new IllegalArgumentException("requiresGrad_: only tensors of floating point dtype can require gradients, got " + t.dtype());
        if (requiresGrad) {
            if (m == null || !m.requiresGrad) {
                AutogradMeta n = new AutogradMeta(true, null);
                if (m != null) {
                    n.grad = m.grad;
                    n.hooks = m.hooks;
                }
                t.gradMeta(n);
            }
        } else if (m != null && m.requiresGrad) {
            AutogradMeta n = new AutogradMeta(false, null);
            n.grad = m.grad;
            t.gradMeta(n.grad == null ? null : n);
        }
    }

    @Override
    public Tensor grad(Tensor t) {
        AutogradMeta m = meta(t);
        return m == null ? null : m.grad;
    }

    @Override
    public void setGrad(Tensor t, Tensor grad) {
        if (grad != null && !Shape.same(grad.shape(), t.shape()))
            throw new IllegalArgumentException("setGrad: assigned grad has shape " + Shape.str(grad.shape()) + " but the tensor has shape " + Shape.str(t.shape()));
        if (grad != null && grad.dtype() != t.dtype())
            throw new IllegalArgumentException("setGrad: assigned grad has dtype " + grad.dtype() + " but the tensor has dtype " + t.dtype());
        AutogradMeta m = meta(t);
        if (m == null) {
            if (grad == null) return;
            m = new AutogradMeta(false, null);
            t.gradMeta(m);
        }
        m.grad = grad;
    }

    @Override
    public boolean isLeaf(Tensor t) {
        AutogradMeta m = meta(t);
        return m == null || m.isLeaf();
    }

    @Override
    public String gradFn(Tensor t) {
        AutogradMeta m = meta(t);
        return m == null || m.gradFn == null ? null : m.gradFn.name();
    }

    @Override
    public void retainGrad(Tensor t) {
        AutogradMeta m = meta(t);
        if (m == null || !m.requiresGrad) throw new IllegalStateException("retainGrad: can't retain the gradient of a tensor that does not require grad");
        if (!m.isLeaf()) m.retainGrad = true;
    }

    @Override
    public void backward(Tensor t, Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(List.of(t), gradient == null ? null : List.of(gradient), retainGraph, createGraph);
    }

    @Override
    public AutoCloseable registerHook(Tensor t, UnaryOperator<Tensor> hook) {
        AutogradMeta m = meta(t);
        if (m == null || !m.requiresGrad) throw new IllegalStateException("registerHook: cannot register a hook on a tensor that doesn't require gradient");
        if (m.hooks == null) m.hooks = new ArrayList<>();
        m.hooks.add(hook);
        AutogradMeta owner = m;
        return () -> owner.hooks.remove(hook);
    }
}
