package io.jgrad.autograd;

import io.jgrad.core.DType;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import java.util.Locale;

/**
 * A recorded call of a primitive op: the rule from {@link Derivatives}, the op's attributes, the
 * shapes and dtypes of its inputs, and the tensors the rule asked to save.
 */
final class OpNode extends Node {
    final Op op;
    final Object attrs;
    final Derivatives.Rule rule;
    final int[][] inputShapes;
    final DType[] inputDtypes;
    final boolean[] needsGrad;
    private final SavedTensor[] savedInputs;
    private SavedTensor savedResult;
    private AutogradMeta outputMeta;
    /** Where the forward op was called, recorded in anomaly mode. */
    final StackTraceElement[] creation;
    private boolean released;

    OpNode(Op op, Object attrs, Derivatives.Rule rule, Tensor[] inputs, Node[] next, boolean[] needsGrad, boolean anomaly) {
        super(next);
        this.op = op;
        this.attrs = attrs;
        this.rule = rule;
        this.needsGrad = needsGrad;
        int n = inputs.length;
        inputShapes = new int[n][];
        inputDtypes = new DType[n];
        savedInputs = new SavedTensor[n];
        for (int i = 0; i < n; i++) {
            if (inputs[i] == null) continue;
            inputShapes[i] = inputs[i].shape();
            inputDtypes[i] = inputs[i].dtype();
            if (rule.saves().inputs()) savedInputs[i] = new SavedTensor(inputs[i]);
        }
        creation = anomaly ? new Throwable().getStackTrace() : null;
    }

    void saveResult(Tensor result, AutogradMeta meta) {
        outputMeta = meta;
        if (rule.saves().result()) savedResult = new SavedTensor(result);
    }

    @SuppressWarnings("unchecked")
    <A> A attrs() {
        return (A) attrs;
    }

    Tensor input(int i) {
        SavedTensor s = savedInputs[i];
        if (s == null) {
            if (released) throw Engine.freed(this);
            throw new IllegalStateException(name() + ": the rule for " + op.pyName() + " reads input " + i + " but does not declare that it saves inputs");
        }
        return s.get(this);
    }

    Tensor result() {
        if (savedResult == null) {
            if (released) throw Engine.freed(this);
            throw new IllegalStateException(name() + ": the rule for " + op.pyName() + " reads the result but does not declare that it saves it");
        }
        return savedResult.get(this);
    }

    @Override
    Tensor[] apply(Tensor gradOutput) {
        if (released) throw Engine.freed(this);
        Tensor[] grads = rule.formula().apply(new BackwardContext(this, gradOutput));
        if (grads.length != next.length)
            throw new IllegalStateException(name() + ": backward rule returned " + grads.length + " gradients for " + next.length + " inputs");
        for (int i = 0; i < grads.length; i++) {
            Tensor g = grads[i];
            if (g == null || next[i] == null) {
                grads[i] = null;
                continue;
            }
            // Broadcasting in the forward pass is undone here, for every op at once.
            if (!Shape.same(g.shape(), inputShapes[i])) g = Derivatives.sumTo(g, inputShapes[i], name());
            if (g.dtype() != inputDtypes[i] && inputDtypes[i].isFloating()) g = g.to(inputDtypes[i]);
            grads[i] = g;
        }
        return grads;
    }

    @Override
    AutogradMeta outputMeta() {
        return outputMeta;
    }

    @Override
    void release() {
        released = true;
        for (SavedTensor s : savedInputs) if (s != null) s.release();
        if (savedResult != null) savedResult.release();
    }

    @Override
    String name() {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : op.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
                continue;
            }
            b.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return b.append("Backward0").toString();
    }
}
