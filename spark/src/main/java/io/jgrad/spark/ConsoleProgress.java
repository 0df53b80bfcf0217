package io.jgrad.spark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The default {@link TrainingListener}: one line every {@code every} steps, one per epoch, and
 * one per checkpoint, e.g.
 *
 * <pre>
 * step 40 (epoch 1)  loss 0.6124  2210 samples/s  step 28.9 ms: compute 15.2, broadcast 2.1, aggregate 10.9, update 0.7
 * epoch 1: 47 steps, loss 0.5873, 2150 samples/s, compute 52% / sync 47%
 * </pre>
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final long every;

    /** Prints every 10th step to standard output. */
    public ConsoleProgress() {
        this(System.out, 10);
    }

    /** Prints every {@code every}-th step (and every epoch) to {@code out}. */
    public ConsoleProgress(PrintStream out, long every) {
        if (every < 1) throw new IllegalArgumentException("ConsoleProgress: every must be at least 1, got " + every);
        this.out = out;
        this.every = every;
    }

    @Override
    public void onStep(StepStats s) {
        if (s.step() % every != 0) return;
        out.println(String.format(Locale.ROOT, "step %d (epoch %d)  loss %.4f  %.0f samples/s  step %.1f ms: compute %.1f, broadcast %.1f, aggregate %.1f, update %.1f",
                s.step(), s.epoch(), s.loss(), s.samplesPerSecond(), ms(s.stepNanos()), ms(s.computeNanos()), ms(s.broadcastNanos()),
                ms(s.aggregateNanos()), ms(s.updateNanos())));
    }

    @Override
    public void onEpoch(EpochStats e) {
        double total = Math.max(1, e.nanos());
        out.println(String.format(Locale.ROOT, "epoch %d: %d steps, loss %.4f, %.0f samples/s, compute %.0f%% / sync %.0f%%",
                e.epoch(), e.steps(), e.loss(), e.samplesPerSecond(), 100 * e.computeNanos() / total, 100 * e.syncNanos() / total));
    }

    @Override
    public void onCheckpoint(long step, String path) {
        out.println("checkpoint at step " + step + ": " + path);
    }

    @Override
    public void onResume(long step, String path) {
        out.println("resumed at step " + step + " from " + path);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
