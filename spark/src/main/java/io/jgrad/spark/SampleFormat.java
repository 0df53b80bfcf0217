package io.jgrad.spark;

import io.jgrad.core.Shape;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The shape of every {@link Sample} of a training run, and how targets become tensors: a batch of
 * {@code n} samples is fed to the model as float32 {@code (n, *featureShape)} and to the loss
 * with either int64 class indices {@code (n)} ({@link #classification}) or float32 values
 * {@code (n, *targetShape)} ({@link #regression}).
 *
 * @param featureShape the shape of one sample's input, e.g. {@code {1, 28, 28}}
 * @param targetShape  the shape of one sample's target; empty for class indices
 * @param classIndex   whether targets are class indices (int64) rather than values (float32)
 */
public record SampleFormat(int[] featureShape, int[] targetShape, boolean classIndex) implements Serializable {
    public SampleFormat {
        featureShape = checkShape("feature", featureShape);
        targetShape = checkShape("target", targetShape);
        if (classIndex && targetShape.length != 0)
            throw new IllegalArgumentException("SampleFormat: a class-index target is one number per sample, so its shape must be empty, got " + Shape.str(targetShape));
    }

    /** Samples with features of {@code featureShape} and one class index each (for cross-entropy and NLL losses). */
    public static SampleFormat classification(int... featureShape) {
        return new SampleFormat(featureShape, new int[0], true);
    }

    /** Samples with features of {@code featureShape} and a float target of {@code targetShape} (for MSE, L1, BCE, ...). */
    public static SampleFormat regression(int[] featureShape, int... targetShape) {
        return new SampleFormat(featureShape, targetShape, false);
    }

    /** The shape of one sample's input (a copy). */
    @Override
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** The shape of one sample's target, empty for class indices (a copy). */
    @Override
    public int[] targetShape() {
        return targetShape.clone();
    }

    /** The number of floats in one sample's features. */
    public int featureSize() {
        return Shape.numel(featureShape);
    }

    /** The number of floats in one sample's target (1 for a class index). */
    public int targetSize() {
        return Shape.numel(targetShape);
    }

    /** The shape of a batch of {@code n} feature rows. */
    int[] featureBatchShape(int n) {
        return prepend(n, featureShape);
    }

    /** The shape of a batch of {@code n} targets. */
    int[] targetBatchShape(int n) {
        return prepend(n, targetShape);
    }

    /** Throws if {@code sample} does not fit this format; {@code where} locates it in messages. */
    void check(Sample sample, String where) {
        if (sample == null) throw new IllegalArgumentException(where + ": sample is null");
        if (sample.features().length != featureSize())
            throw new IllegalArgumentException(where + ": has " + sample.features().length + " features, the format expects "
                    + featureSize() + " (feature shape " + Shape.str(featureShape) + ")");
        if (sample.target().length != targetSize())
            throw new IllegalArgumentException(where + ": has a target of " + sample.target().length + " numbers, the format expects "
                    + targetSize() + (classIndex ? " (a class index)" : " (target shape " + Shape.str(targetShape) + ")"));
        if (classIndex) {
            float label = sample.target()[0];
            if (label != Math.rint(label) || label < 0 || label > 1 << 24) // floats hold every integer up to 2^24 exactly
                throw new IllegalArgumentException(where + ": class index " + label + " is not an integer in [0, 16777216]");
        }
    }

    private static int[] checkShape(String what, int[] shape) {
        if (shape == null) throw new IllegalArgumentException("SampleFormat: " + what + " shape must not be null");
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException("SampleFormat: " + what + " shape " + Shape.str(shape) + " has a dimension < 1");
        }
        return shape.clone();
    }

    private static int[] prepend(int n, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleFormat f && classIndex == f.classIndex && Arrays.equals(featureShape, f.featureShape)
                && Arrays.equals(targetShape, f.targetShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(featureShape) + Arrays.hashCode(targetShape) + (classIndex ? 1 : 0);
    }

    @Override
    public String toString() {
        return "SampleFormat(features " + Shape.str(featureShape) + ", " + (classIndex ? "class index" : "target " + Shape.str(targetShape)) + ")";
    }
}
