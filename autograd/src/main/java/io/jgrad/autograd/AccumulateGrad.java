package io.jgrad.autograd;

import io.jgrad.core.Tensor;

/** The sink for a leaf: runs the leaf's hooks and adds the gradient into {@code leaf.grad()}. */
final class AccumulateGrad extends Node {
    final AutogradMeta leaf;

    AccumulateGrad(AutogradMeta leaf) {
        super(new Node[0]);
        this.leaf = leaf;
    }

    @Override
    Tensor[] apply(Tensor gradOutput) {
        accumulate(leaf.runHooks(gradOutput), GradMode.isEnabled());
        return new Tensor[0];
    }

    /** leaf.grad += g; the first gradient is copied so no two leaves ever share a buffer. */
    void accumulate(Tensor g, boolean createGraph) {
        if (leaf.grad == null) {
            leaf.grad = createGraph ? g : g.detach().clone();
        } else if (createGraph || leaf.grad.requiresGrad()) {
            leaf.grad = leaf.grad.add(g);
        } else {
            leaf.grad.add_(g.detach());
        }
    }

    @Override
    String name() {
        return "AccumulateGrad";
    }
}
