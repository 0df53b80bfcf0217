package io.jgrad.data;

import java.util.NoSuchElementException;
import java.util.function.Function;

/** Batches fetched on the caller's thread, on demand ({@code prefetch = 0}). */
final class SerialBatches<B> implements BatchIterator<B> {
    private final EpochPlan plan;
    private final Function<int[], ? extends B> fetcher;
    private int next;

    SerialBatches(EpochPlan plan, Function<int[], ? extends B> fetcher) {
        this.plan = plan;
        this.fetcher = fetcher;
    }

    @Override
    public boolean hasNext() {
        return next < plan.numBatches();
    }

    @Override
    public B next() {
        if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has no more batches");
        return fetcher.apply(plan.batch(next++));
    }

    @Override
    public void close() {
        next = plan.numBatches();
    }
}
