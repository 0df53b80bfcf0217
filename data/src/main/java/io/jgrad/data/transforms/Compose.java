package io.jgrad.data.transforms;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * Several transforms applied in order (torchvision's {@code Compose}):
 * {@code new Compose(new RandomCrop(28, 28, 2, gen), new RandomHorizontalFlip(0.5, gen), new Normalize(...))}.
 */
public final class Compose implements Transform {
    private final List<Transform> steps;

    /** The transforms {@code steps}, first applied first. */
    public Compose(Transform... steps) {
        this.steps = List.of(steps);
    }

    @Override
    public Tensor apply(Tensor x) {
        for (Transform step : steps) x = step.apply(x);
        return x;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
