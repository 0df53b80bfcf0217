package io.jgrad.autograd;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;

/**
 * History for a base tensor after an in-place write through one of its views: the new base equals
 * the old base everywhere except the view's elements, which now hold the op's result. Backward
 * sends the gradient outside the view to the old base and the gradient inside it to the result.
 */
final class CopySlices extends Node {
    private final int[] baseShape, viewShape, viewStrides;
    private final int viewOffset;

    private CopySlices(Node[] next, int[] baseShape, int[] viewShape, int[] viewStrides, int viewOffset) {
        super(next);
        this.baseShape = baseShape;
        this.viewShape = viewShape;
        this.viewStrides = viewStrides;
        this.viewOffset = viewOffset;
    }

    /** Rewires {@code base}'s history after {@code view} (a view of it) was overwritten with {@code result}. */
    static void rebase(Tensor base, Tensor view, Tensor result) {
        if (!base.isContiguous())
            throw new UnsupportedOperationException("in-place op on a view of a non-contiguous tensor that requires grad is not supported; clone() the base first");
        Layout v = view.layout();
        Node[] next = {AutogradTracker.gradientEdge(base), AutogradTracker.gradientEdge(result)};
        CopySlices node = new CopySlices(next, base.shape(), v.shape(), v.strides(), v.offset() - base.layout().offset());
        AutogradMeta old = AutogradTracker.meta(base);
        AutogradMeta m = new AutogradMeta(true, node);
        if (old != null) m.hooks = old.hooks;
        base.gradMeta(m);
    }

    @Override
    Tensor[] apply(Tensor g) {
        Tensor gc = g.contiguous();
        Tensor inView = gc.asStrided(viewShape, viewStrides, viewOffset);
        Tensor outside = null;
        if (next[0] != null) {
            outside = gc.detach().clone();
            outside.asStrided(viewShape, viewStrides, viewOffset).zero_();
        }
        return new Tensor[] {outside, next[1] != null ? inView.contiguous() : null};
    }

    @Override
    String name() {
        return "CopySlices";
    }

    int[] baseShape() {
        return baseShape.clone();
    }
}
