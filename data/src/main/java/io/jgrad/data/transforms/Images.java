package io.jgrad.data.transforms;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;

/** Shape checks shared by the image transforms: one image {@code (C, H, W)} or a batch {@code (N, C, H, W)}. */
final class Images {
    private Images() {}

    /** {@code x} as a batch: a single image gets a leading dim of 1 (a view). */
    static Tensor asBatch(String op, Tensor x) {
        requireImage(op, x);
        return x.dim() == 3 ? x.unsqueeze(0) : x;
    }

    /** Undoes {@link #asBatch} for a result computed from {@code original}. */
    static Tensor like(Tensor batch, Tensor original) {
        return original.dim() == 3 ? batch.squeeze(0) : batch;
    }

    /** Checks that {@code x} is an image or a batch of images (of any dtype). */
    static void requireImage(String op, Tensor x) {
        if (x.dim() != 3 && x.dim() != 4)
            throw new IllegalArgumentException(op + ": expected an image (C, H, W) or a batch (N, C, H, W), got shape " + Shape.str(x.shape()));
    }
}
