package io.jgrad.core.kernels;

/**
 * A sparse linear map along one axis, from {@code in} positions to {@code out}: output {@code o} is
 * {@code sum over t < count[o] of weights[at[o] + t] * input[first[o] + t]}, a weighted window of
 * consecutive inputs. Average pooling, adaptive average pooling and nearest / linear interpolation
 * are all such a map along each spatial axis, applied one axis after the other.
 */
public record AxisMap(int in, int out, int[] first, int[] count, int[] at, double[] weights) {
    /** Builds a map from each output's window start, length, and per-tap weights. */
    public interface Taps {
        /** Fills {@code w} (capacity {@code maxCount}) with output o's weights; returns the window start. */
        int taps(int o, double[] w);
    }

    /** A map with at most {@code maxCount} taps per output; {@code counts[o]} gives output o's tap count. */
    public static AxisMap build(int in, int out, int maxCount, int[] counts, Taps taps) {
        int[] first = new int[out], at = new int[out];
        int total = 0;
        for (int o = 0; o < out; o++) {
            at[o] = total;
            total += counts[o];
        }
        double[] weights = new double[total], w = new double[maxCount];
        for (int o = 0; o < out; o++) {
            first[o] = taps.taps(o, w);
            System.arraycopy(w, 0, weights, at[o], counts[o]);
        }
        return new AxisMap(in, out, first, counts.clone(), at, weights);
    }
}
