package io.jgrad.examples.training;

import java.util.List;

/**
 * What one training epoch measured.
 *
 * @param loss      mean training loss over the epoch's samples
 * @param accuracy  training accuracy, NaN when the objective has none
 * @param samples   samples seen
 * @param seconds   wall time of the epoch
 * @param lossCurve points {@code {fraction of the epoch, mean loss since the previous point}}
 */
public record EpochStats(double loss, double accuracy, long samples, double seconds, List<double[]> lossCurve) {
    /** Samples per second. */
    public double throughput() {
        return samples / seconds;
    }
}
