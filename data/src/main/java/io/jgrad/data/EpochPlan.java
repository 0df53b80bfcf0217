package io.jgrad.data;

import java.util.Arrays;

/** One epoch's sample order cut into batches; the last batch may be short unless it was dropped. */
record EpochPlan(int[] order, int batchSize, int numBatches) {

    /** The dataset indices of batch {@code b}. */
    int[] batch(int b) {
        int from = b * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
    }
}
