package io.jgrad.examples.training;

import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One epoch of mini-batch training, shared by every example: for each batch, zero the gradients,
 * compute the loss, backpropagate, step the optimizer; meanwhile track the running loss and
 * accuracy, draw the progress bar and sample a loss curve.
 */
public final class TrainingLoop {
    /** Points of the within-epoch loss curve per epoch (one per batch when an epoch has fewer batches). */
    static final int CURVE_POINTS = 20;

    private TrainingLoop() {}

    /**
     * What the objective computed for one batch.
     *
     * @param loss    the scalar loss, mean over the batch (backpropagated by the loop)
     * @param correct correctly classified samples, or -1 when accuracy does not apply
     * @param samples samples in the batch
     */
    public record Outcome(Tensor loss, long correct, int samples) {
        /** An outcome without accuracy (regression, ranking, language modelling). */
        public static Outcome lossOnly(Tensor loss, int samples) {
            return new Outcome(loss, -1, samples);
        }
    }

    /** Forward pass and loss for one batch. */
    @FunctionalInterface
    public interface Objective<B> {
        Outcome compute(B batch);
    }

    /** Trains one epoch over {@code loader}; {@code task} labels the progress bar. */
    public static <B> EpochStats epoch(String task, DataLoader<B> loader, Optimizer optimizer, Objective<B> objective, boolean progress) {
        int numBatches = loader.numBatches();
        int points = Math.min(CURVE_POINTS, numBatches);
        double lossSum = 0, windowSum = 0;
        long samples = 0, correct = 0, windowSamples = 0;
        boolean hasAccuracy = true;
        List<double[]> curve = new ArrayList<>();
        long start = System.nanoTime();
        int batchIndex = 0;
        try (EpochProgress bar = EpochProgress.start(task, loader.datasetSize(), progress)) {
            for (B batch : loader) {
                optimizer.zeroGrad();
                Outcome out = objective.compute(batch);
                out.loss().backward();
                optimizer.step();

                double batchLoss = out.loss().item() * out.samples();
                lossSum += batchLoss;
                windowSum += batchLoss;
                samples += out.samples();
                windowSamples += out.samples();
                if (out.correct() < 0) hasAccuracy = false;
                else correct += out.correct();
                batchIndex++;
                // windows of equal size (within one batch), the last ending with the epoch
                if ((long) batchIndex * points / numBatches > (long) (batchIndex - 1) * points / numBatches) {
                    curve.add(new double[] {(double) batchIndex / numBatches, windowSum / windowSamples});
                    windowSum = 0;
                    windowSamples = 0;
                }
                bar.step(out.samples(), samples, lossSum / samples, hasAccuracy ? (double) correct / samples : Double.NaN);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(lossSum / samples, hasAccuracy ? (double) correct / samples : Double.NaN, samples, seconds, curve);
    }
}
