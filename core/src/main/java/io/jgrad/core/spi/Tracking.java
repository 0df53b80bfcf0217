package io.jgrad.core.spi;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * Finds the installed {@link GradTracker} once, and gives ops the one-line recording calls they
 * use. Recording costs a null check per input when no input is tracked.
 */
public final class Tracking {
    private Tracking() {}

    /** The tracker from the class path (autograd's), or one that tracks nothing. */
    public static final GradTracker TRACKER = ServiceLoader.load(GradTracker.class).findFirst().orElseGet(Untracked::new);

    /** Records a one-input op if the input is tracked; returns {@code out}. */
    public static Tensor record(Op op, Object attrs, Tensor out, Tensor a) {
        return a.gradMeta() == null ? out : TRACKER.record(op, attrs, out, a);
    }

    /** Records a two-input op if an input is tracked; returns {@code out}. */
    public static Tensor record(Op op, Object attrs, Tensor out, Tensor a, Tensor b) {
        return a.gradMeta() == null && b.gradMeta() == null ? out : TRACKER.record(op, attrs, out, a, b);
    }

    /** Records an op over any number of inputs (null inputs are skipped) if one is tracked. */
    public static Tensor record(Op op, Object attrs, Tensor out, Tensor... inputs) {
        for (Tensor t : inputs) if (t != null && t.gradMeta() != null) return TRACKER.record(op, attrs, out, inputs);
        return out;
    }

    /** True if any non-null input is tracked. */
    public static boolean tracked(Tensor... inputs) {
        for (Tensor t : inputs) if (t != null && t.gradMeta() != null) return true;
        return false;
    }

    /** The fallback when the autograd module is absent: nothing is ever tracked. */
    static final class Untracked implements GradTracker {
        private static IllegalStateException missing(String what) {
            return new IllegalStateException(what + ": gradients need the autograd module (io.jgrad:jgrad-autograd) on the class path");
        }

        @Override public Tensor record(Op op, Object attrs, Tensor output, Tensor... inputs) { return output; }
        @Override public void checkInPlace(String op, Tensor target) {}
        @Override public void rebaseInPlace(Tensor target, Tensor result) {}
        @Override public boolean isGradEnabled() { return false; }
        @Override public boolean requiresGrad(Tensor t) { return false; }
        @Override public void setRequiresGrad(Tensor t, boolean requiresGrad) { if (requiresGrad) throw missing("requiresGrad_"); }
        @Override public Tensor grad(Tensor t) { return null; }
        @Override public void setGrad(Tensor t, Tensor grad) { throw missing("setGrad"); }
        @Override public boolean isLeaf(Tensor t) { return true; }
        @Override public String gradFn(Tensor t) { return null; }
        @Override public void retainGrad(Tensor t) { throw missing("retainGrad"); }
        @Override public void backward(Tensor t, Tensor gradient, boolean retainGraph, boolean createGraph) { throw missing("backward"); }
        @Override public AutoCloseable registerHook(Tensor t, UnaryOperator<Tensor> hook) { throw missing("registerHook"); }
    }
}
