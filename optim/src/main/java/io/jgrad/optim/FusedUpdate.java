package io.jgrad.optim;

import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.StridedLoop;

/**
 * Runs a fused optimizer kernel over a parameter: straight on the parameter's storage (then its
 * version is bumped, as any in-place write does), split across threads when the parameter is
 * large (the same grain as core's elementwise ops). Where the chunks split the vector loops does
 * not matter: the SIMD kernels and their scalar tails agree bit for bit. Strided parameters and
 * gradients are rare; they go through a contiguous copy.
 */
final class FusedUpdate {
    private FusedUpdate() {}

    /** A kernel call over elements [start, start + n): parameter at po, gradient at go, state buffers at so. */
    @FunctionalInterface
    interface Pass {
        void run(Object param, int po, Object grad, int go, int so, int n);
    }

    static void apply(String who, Tensor param, Tensor grad, Pass pass) {
        if (!Shape.same(param.shape(), grad.shape()) || param.dtype() != grad.dtype())
            throw new IllegalArgumentException(who + ": gradient " + grad.dtype() + Shape.str(grad.shape())
                    + " does not match its parameter " + param.dtype() + Shape.str(param.shape()));
        Tensor g = grad.contiguous();
        Tensor p = param.contiguous();
        Object pa = p.storage().array(), ga = g.storage().array();
        int po = p.storageOffset(), go = g.storageOffset();
        Parallel.forRange(p.numel(), StridedLoop.GRAIN, (start, end) -> pass.run(pa, po + start, ga, go + start, start, end - start));
        if (p != param) param.copy_(p);
        else param.storage().bumpVersion();
    }
}
