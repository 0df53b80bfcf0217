package io.jgrad.autograd;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;

/**
 * What a backward formula sees: the incoming gradient {@link #g()}, the saved inputs
 * {@link #in(int)} and result {@link #out()}, the op's attributes, and which inputs need a
 * gradient. Formulas are written with ordinary Tensor ops, so with {@code createGraph} the backward
 * pass is itself recorded and can be differentiated again.
 */
public final class BackwardContext {
    private final OpNode node;
    private final Tensor grad;

    BackwardContext(OpNode node, Tensor grad) {
        this.node = node;
        this.grad = grad;
    }

    /** The gradient flowing into the op's output. */
    public Tensor g() {
        return grad;
    }

    /** Input {@code i} as it was in the forward pass (the rule must save inputs). */
    public Tensor in(int i) {
        return node.input(i);
    }

    /** The op's result (the rule must save the result). */
    public Tensor out() {
        return node.result();
    }

    /** The op's non-tensor arguments (see the Op's ops class for the attrs type). */
    @SuppressWarnings("unchecked")
    public <A> A attrs() {
        return (A) node.attrs;
    }

    /** True if input {@code i} needs a gradient; formulas may skip work for the others. */
    public boolean needs(int i) {
        return node.needsGrad[i];
    }

    /** The shape of input {@code i}. */
    public int[] shape(int i) {
        return node.inputShapes[i].clone();
    }

    /** The dtype of input {@code i}. */
    public DType dtype(int i) {
        return node.inputDtypes[i];
    }

    /** The name of the node, for error messages. */
    public String name() {
        return node.name();
    }
}
