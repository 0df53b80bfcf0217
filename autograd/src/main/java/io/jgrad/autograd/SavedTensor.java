package io.jgrad.autograd;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;

/**
 * A tensor a backward rule needs, with the storage version it had when it was saved. Reading it
 * after an in-place write fails with a message naming the op, the shape and both versions
 * (PyTorch's check), instead of silently computing a wrong gradient.
 */
final class SavedTensor {
    private Tensor tensor;
    private final int version;

    SavedTensor(Tensor tensor) {
        this.tensor = tensor;
        this.version = tensor.version();
    }

    Tensor get(Node owner) {
        if (tensor == null) throw Engine.freed(owner);
        if (tensor.version() != version)
            throw new IllegalStateException("backward: one of the tensors needed for gradient computation has been modified by an "
                    + "in-place operation: a " + tensor.dtype() + " tensor of shape " + Shape.str(tensor.shape()) + " saved by "
                    + owner.name() + " is at version " + tensor.version() + "; expected version " + version
                    + " instead. Avoid the in-place op, or clone() the tensor before modifying it.");
        return tensor;
    }

    void release() {
        tensor = null;
    }
}
