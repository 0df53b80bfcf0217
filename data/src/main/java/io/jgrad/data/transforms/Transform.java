package io.jgrad.data.transforms;

import io.jgrad.core.Tensor;

/**
 * A function from a tensor to a tensor, usually an image transform (torchvision's transforms).
 * Transforms return new tensors or views and never modify their input; chain them with
 * {@link Compose}.
 */
@FunctionalInterface
public interface Transform {
    /** The transformed tensor. */
    Tensor apply(Tensor x);
}
