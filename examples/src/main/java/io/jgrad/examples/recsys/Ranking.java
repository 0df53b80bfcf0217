package io.jgrad.examples.recsys;

import java.util.BitSet;
import java.util.List;

/**
 * Leave-one-out ranking metrics: each test user's held-out item is ranked among all items the
 * user has not interacted with in training; HR@k is the fraction of users whose held-out item is
 * in the top k, NDCG@k averages {@code 1 / log2(rank + 2)} over those hits (rank from 0).
 */
public final class Ranking {
    private Ranking() {}

    /** HR@k and NDCG@k. */
    public record Metrics(double hitRate, double ndcg) {}

    /**
     * Metrics from {@code scores} (row r = all items' scores for test user r), ranking ties by
     * item index so that equal scores (common for popularity counts) are not counted as hits
     * by luck.
     *
     * @param seen per user, the items interacted with in training (excluded from the ranking)
     */
    public static Metrics evaluate(float[] scores, int items, int[] testUser, int[] testItem, List<BitSet> seen, int k) {
        double hits = 0, gain = 0;
        for (int r = 0; r < testUser.length; r++) {
            int target = testItem[r];
            float s = scores[r * items + target];
            BitSet skip = seen.get(testUser[r]);
            int rank = 0;
            for (int j = 0; j < items && rank < k; j++) {
                if (j == target || skip.get(j)) continue;
                float v = scores[r * items + j];
                if (v > s || (v == s && j < target)) rank++;
            }
            if (rank < k) {
                hits++;
                gain += 1 / (Math.log(rank + 2) / Math.log(2));
            }
        }
        return new Metrics(hits / testUser.length, gain / testUser.length);
    }
}
