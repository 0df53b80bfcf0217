package io.jgrad.examples.training;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the samples of one epoch that shows the running loss, accuracy and
 * throughput, e.g. {@code epoch 1/2 62% [=====>   ] 37504/60000 (0:00:41 / 0:00:25) loss 0.4312 acc 0.842 912 samples/s}.
 * It draws on stderr, so stdout keeps only results; a disabled one draws nothing.
 */
public final class EpochProgress implements AutoCloseable {
    /** Characters per bar line: room for the bar, the counts and the extra message. */
    private static final int WIDTH = 130;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();

    private EpochProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} samples, or a silent one when {@code enabled} is false. */
    public static EpochProgress start(String task, long total, boolean enabled) {
        if (!enabled) return new EpochProgress(null);
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(isTerminal() ? 250 : 5000) // redirected to a file: fewer redraws
                .setConsumer(new ConsoleProgressBarConsumer(err, WIDTH))
                .continuousUpdate()
                .build();
        return new EpochProgress(bar);
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Reports {@code samples} more samples done, with the running mean loss and accuracy (NaN to leave it out). */
    public void step(long samples, long done, double loss, double accuracy) {
        if (bar == null) return;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String acc = Double.isNaN(accuracy) ? "" : String.format(" acc %.3f", accuracy);
        bar.setExtraMessage(String.format("loss %.4f%s %,.0f samples/s", loss, acc, done / Math.max(seconds, 1e-9)));
        bar.stepBy(samples);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
