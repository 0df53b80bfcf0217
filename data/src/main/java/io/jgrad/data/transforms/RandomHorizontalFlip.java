package io.jgrad.data.transforms;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;

/**
 * Mirrors images left-right with probability {@code p} (torchvision's
 * {@code RandomHorizontalFlip}). On a batch each image gets its own draw, one
 * {@code generator.nextDouble()} per image in batch order, so a seeded generator makes the
 * augmentation reproducible.
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;
    private final Generator generator;

    /** Flips each image with probability {@code p} in [0, 1], drawing from {@code generator}. */
    public RandomHorizontalFlip(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("RandomHorizontalFlip: p must be in [0, 1], got " + p);
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor batch = Images.asBatch("RandomHorizontalFlip", x);
        int n = batch.size(0);
        boolean[] flip = new boolean[n];
        int flips = 0;
        for (int i = 0; i < n; i++) {
            flip[i] = generator.nextDouble() < p;
            if (flip[i]) flips++;
        }
        if (flips == 0) return x;
        Tensor flipped = batch.flip(-1);
        Tensor out = flips == n ? flipped : Tensor.where(Tensor.of(flip, n, 1, 1, 1), flipped, batch);
        return Images.like(out, x);
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(p=" + p + ")";
    }
}
