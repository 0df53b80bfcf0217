package io.jgrad.examples.tabular;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative (ties count half), computed from ranks (the Mann-Whitney U statistic).
 */
public final class RocAuc {
    private RocAuc() {}

    /** The AUC of {@code scores} for binary {@code labels} (0 or 1); needs at least one of each. */
    public static double of(float[] scores, long[] labels) {
        if (scores.length != labels.length) throw new IllegalArgumentException("RocAuc: " + scores.length + " scores but " + labels.length + " labels");
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1; // tied scores share their average rank
            for (int k = start; k <= end; k++) {
                long label = labels[order[k]];
                if (label != 0 && label != 1) throw new IllegalArgumentException("RocAuc: labels must be 0 or 1, got " + label);
                if (label == 1) {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0)
            throw new IllegalArgumentException("RocAuc: needs both classes, got " + positives + " positives and " + negatives + " negatives");
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
