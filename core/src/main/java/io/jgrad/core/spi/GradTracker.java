package io.jgrad.core.spi;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import java.util.function.UnaryOperator;

/**
 * The seam between core and autograd. Core computes ops and knows nothing about gradients; when
 * an op's input carries {@link GradMeta}, core hands the call to the tracker found with
 * {@link java.util.ServiceLoader} (the autograd module provides one), and forwards the user-facing
 * gradient methods of {@link Tensor} to it. Without a tracker, requesting gradients fails with a
 * message saying which module is missing.
 */
public interface GradTracker {

    /**
     * Records that {@code output} was computed by {@code op} from {@code inputs} with the op's
     * non-tensor arguments {@code attrs}, if grad mode is on. Returns {@code output}.
     */
    Tensor record(Op op, Object attrs, Tensor output, Tensor... inputs);

    /**
     * Called before {@code target} is written in place by {@code op}: fails for a leaf that
     * requires grad while grad mode is on.
     */
    void checkInPlace(String op, Tensor target);

    /**
     * Makes the history of {@code target}, just overwritten in place with the values of
     * {@code result} (computed out of place from the old values), continue from {@code result}.
     */
    void rebaseInPlace(Tensor target, Tensor result);

    /** True if grad mode is on for the calling thread. */
    boolean isGradEnabled();

    boolean requiresGrad(Tensor t);

    void setRequiresGrad(Tensor t, boolean requiresGrad);

    Tensor grad(Tensor t);

    void setGrad(Tensor t, Tensor grad);

    boolean isLeaf(Tensor t);

    /** A short description of the op that produced {@code t}, or null for leaves. */
    String gradFn(Tensor t);

    void retainGrad(Tensor t);

    void backward(Tensor t, Tensor gradient, boolean retainGraph, boolean createGraph);

    /** Registers a hook called with the gradient of {@code t}; returns a handle whose close() removes it. */
    AutoCloseable registerHook(Tensor t, UnaryOperator<Tensor> hook);
}
