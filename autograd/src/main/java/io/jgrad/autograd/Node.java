package io.jgrad.autograd;

import io.jgrad.core.Tensor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vertex of the backward graph. It receives the gradient of its output and returns one
 * gradient per input edge ({@link #next}; null where the input needs none).
 */
abstract class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Creation order: later nodes run first in backward. */
    final long seq = SEQUENCE.incrementAndGet();
    /** The node producing each input's gradient target, or null. */
    final Node[] next;

    Node(Node[] next) {
        this.next = next;
    }

    /** The gradients of the inputs, given the gradient of the output. */
    abstract Tensor[] apply(Tensor gradOutput);

    /** Name as PyTorch prints it, e.g. {@code MulBackward0}. */
    abstract String name();

    /** Frees saved tensors after backward (unless retainGraph). */
    void release() {}

    /** Metadata of the tensor this node produced (hooks, retain_grad), or null. */
    AutogradMeta outputMeta() {
        return null;
    }

    @Override
    public String toString() {
        return name();
    }
}
