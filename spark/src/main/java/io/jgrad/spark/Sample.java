package io.jgrad.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example as it travels through Spark: its features and its target, both flattened
 * row-major. What the numbers mean (feature shape, class index or value target) is given once per
 * training run by a {@link SampleFormat}, not repeated in every sample.
 *
 * <p>The arrays are not copied: do not change them after handing the sample to Spark.
 *
 * @param features the input, e.g. 784 pixels of a 1x28x28 image
 * @param target   a class index as a single number ({@link #of(float[], int)}), or a target vector
 */
public record Sample(float[] features, float[] target) implements Serializable {
    public Sample {
        Objects.requireNonNull(features, "Sample: features must not be null");
        Objects.requireNonNull(target, "Sample: target must not be null");
    }

    /** A classification example: {@code label} is the index of its class. */
    public static Sample of(float[] features, int label) {
        return new Sample(features, new float[] {label});
    }
}
