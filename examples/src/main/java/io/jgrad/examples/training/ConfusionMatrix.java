package io.jgrad.examples.training;

import java.util.List;

/**
 * Counts of (true class, predicted class) pairs; row = true class, column = prediction.
 */
public final class ConfusionMatrix {
    private final List<String> classes;
    private final long[][] counts;

    private ConfusionMatrix(List<String> classes, long[][] counts) {
        this.classes = List.copyOf(classes);
        this.counts = counts;
    }

    /** The matrix of {@code predictions} against {@code labels} (equal lengths, values in 0..classes-1). */
    public static ConfusionMatrix of(long[] labels, long[] predictions, List<String> classes) {
        if (labels.length != predictions.length)
            throw new IllegalArgumentException("ConfusionMatrix: " + labels.length + " labels but " + predictions.length + " predictions");
        int k = classes.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k || predictions[i] < 0 || predictions[i] >= k)
                throw new IllegalArgumentException("ConfusionMatrix: sample " + i + " has label " + labels[i] + " and prediction " + predictions[i]
                        + ", expected classes 0.." + (k - 1));
            counts[(int) labels[i]][(int) predictions[i]]++;
        }
        return new ConfusionMatrix(classes, counts);
    }

    /** How often class {@code truth} was predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** The fraction of samples on the diagonal. */
    public double accuracy() {
        long right = 0, all = 0;
        for (int i = 0; i < counts.length; i++)
            for (int j = 0; j < counts.length; j++) {
                all += counts[i][j];
                if (i == j) right += counts[i][j];
            }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** Recall of class {@code c}: the fraction of its samples predicted as {@code c}. */
    public double recall(int c) {
        long all = 0;
        for (long n : counts[c]) all += n;
        return all == 0 ? Double.NaN : (double) counts[c][c] / all;
    }

    /** A table with one row per true class, one column per prediction, and each class's recall. */
    @Override
    public String toString() {
        int nameWidth = 4;
        for (int i = 0; i < classes.size(); i++) nameWidth = Math.max(nameWidth, rowName(i).length());
        int cell = 6;
        for (long[] row : counts) for (long n : row) cell = Math.max(cell, Long.toString(n).length() + 1);
        StringBuilder s = new StringBuilder();
        s.append(" ".repeat(nameWidth)).append("  predicted:\n");
        s.append(String.format("%-" + nameWidth + "s ", "true"));
        for (int j = 0; j < counts.length; j++) s.append(String.format("%" + cell + "d", j));
        s.append("  recall\n");
        for (int i = 0; i < counts.length; i++) {
            s.append(String.format("%-" + nameWidth + "s ", rowName(i)));
            for (int j = 0; j < counts.length; j++) s.append(String.format("%" + cell + "d", counts[i][j]));
            s.append(String.format("  %.3f%n", recall(i)));
        }
        return s.toString();
    }

    private String rowName(int c) {
        return c + " " + classes.get(c);
    }
}
