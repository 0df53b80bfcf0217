package io.jgrad.data;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Iterates over a dataset in batches (PyTorch's {@code DataLoader}): optional seeded shuffling,
 * an optional dropped last batch, collation, and a background thread that prepares the next
 * batches while the caller trains on the current one.
 *
 * <pre>{@code
 * TensorDataset train = new TensorDataset(images, labels);
 * DataLoader<List<Tensor>> loader = DataLoader.builder(train)
 *         .batchSize(64).shuffle(new Generator(0)).dropLast(true).build();
 * for (int epoch = 0; epoch < 10; epoch++)
 *     for (List<Tensor> batch : loader) step(batch.get(0), batch.get(1));
 * }</pre>
 *
 * <p><b>Reproducibility.</b> Each epoch ({@link #iterator()}) draws a fresh permutation from the
 * shuffle generator on the calling thread, so the same seed gives the same sequence of epochs.
 * Batch functions added with {@link Builder#map} run on the prefetch thread, one batch after the
 * other in batch order, so a generator they own gives the same results every run.
 *
 * <p><b>Threads.</b> With {@code prefetch > 0} (the default is 2) each epoch runs one daemon
 * thread that stays at most {@code prefetch} batches ahead. An exception thrown while preparing a
 * batch is rethrown, as the same exception, by the {@code hasNext()}/{@code next()} call that
 * would have returned that batch. Starting a new epoch closes the previous epoch's iterator if it
 * is still open; see {@link BatchIterator} for stopping an epoch early. One epoch at a time: a
 * loader is not meant to be iterated from several threads at once.
 *
 * @param <B> the batch type, e.g. {@code List<Tensor>}
 */
public final class DataLoader<B> implements Iterable<B> {
    private final int datasetSize;
    private final Function<int[], ? extends B> fetcher;
    private final int batchSize;
    private final Generator shuffle;
    private final boolean dropLast;
    private final int prefetch;
    private WeakReference<BatchIterator<B>> current = new WeakReference<>(null);

    private DataLoader(Builder<B> b) {
        this.datasetSize = b.size;
        Function<int[], ? extends B> f = b.fetcher;
        this.fetcher = indices -> {
            B batch = f.apply(indices);
            if (batch == null) throw new IllegalStateException("DataLoader: the batch function returned null (batch of " + indices.length + " samples)");
            return batch;
        };
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
    }

    /** A loader over a tensor dataset; each batch is gathered in one pass per tensor ({@link TensorDataset#batch}). */
    public static Builder<List<Tensor>> builder(TensorDataset dataset) {
        return new Builder<>(dataset.size(), dataset::batch);
    }

    /**
     * A loader over any dataset: the samples of each batch are fetched one by one and merged by
     * {@code collate} (e.g. {@link Collate#stackFields}).
     */
    public static <T, B> Builder<B> builder(Dataset<T> dataset, Function<? super List<T>, ? extends B> collate) {
        return new Builder<>(dataset.size(), indices -> {
            List<T> samples = new ArrayList<>(indices.length);
            for (int i : indices) samples.add(dataset.get(i));
            return collate.apply(samples);
        });
    }

    /**
     * A loader over {@code size} samples whose batches {@code fetcher} builds directly from the
     * sample indices of each batch.
     */
    public static <B> Builder<B> builder(int size, Function<int[], ? extends B> fetcher) {
        return new Builder<>(size, fetcher);
    }

    /** The number of batches in one epoch (PyTorch's {@code len(loader)}). */
    public int numBatches() {
        return dropLast ? datasetSize / batchSize : (datasetSize + batchSize - 1) / batchSize;
    }

    /** The number of samples in the dataset. */
    public int datasetSize() {
        return datasetSize;
    }

    /** Starts an epoch; a still-open iterator of the previous epoch is closed first. */
    @Override
    public BatchIterator<B> iterator() {
        BatchIterator<B> previous = current.get();
        if (previous != null) previous.close();
        EpochPlan plan = new EpochPlan(order(), batchSize, numBatches());
        BatchIterator<B> it = prefetch == 0 ? new SerialBatches<>(plan, fetcher) : new PrefetchingBatches<>(plan, fetcher, prefetch);
        current = new WeakReference<>(it);
        return it;
    }

    private int[] order() {
        if (shuffle == null) {
            int[] order = new int[datasetSize];
            for (int i = 0; i < datasetSize; i++) order[i] = i;
            return order;
        }
        return Permutations.random(shuffle, datasetSize);
    }

    /**
     * Settings of a {@link DataLoader}: batch size 1, no shuffling, last batch kept, 2 batches
     * prefetched, unless set otherwise.
     *
     * @param <B> the batch type
     */
    public static final class Builder<B> {
        private final int size;
        private final Function<int[], ? extends B> fetcher;
        private int batchSize = 1;
        private Generator shuffle;
        private boolean dropLast;
        private int prefetch = 2;

        private Builder(int size, Function<int[], ? extends B> fetcher) {
            if (size < 0) throw new IllegalArgumentException("DataLoader: dataset size must be non-negative, got " + size);
            this.size = size;
            this.fetcher = fetcher;
        }

        /** Samples per batch (at least 1). */
        public Builder<B> batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("DataLoader: batch size must be at least 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffles every epoch with permutations drawn from {@code generator}; {@code null} = no shuffling. */
        public Builder<B> shuffle(Generator generator) {
            this.shuffle = generator;
            return this;
        }

        /** Whether to drop a last batch that is smaller than the batch size. */
        public Builder<B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** How many batches the background thread may prepare ahead; 0 = no thread, batches are built on demand. */
        public Builder<B> prefetch(int batches) {
            if (batches < 0) throw new IllegalArgumentException("DataLoader: prefetch must be non-negative, got " + batches);
            this.prefetch = batches;
            return this;
        }

        /**
         * Applies {@code f} to every batch as part of preparing it (on the prefetch thread), e.g. a
         * random augmentation of the images: {@code b -> List.of(augment.apply(b.get(0)), b.get(1))}.
         */
        public <C> Builder<C> map(Function<? super B, ? extends C> f) {
            Function<int[], ? extends B> inner = fetcher;
            Builder<C> mapped = new Builder<>(size, indices -> f.apply(inner.apply(indices)));
            mapped.batchSize = batchSize;
            mapped.shuffle = shuffle;
            mapped.dropLast = dropLast;
            mapped.prefetch = prefetch;
            return mapped;
        }

        /** The loader. */
        public DataLoader<B> build() {
            return new DataLoader<>(this);
        }
    }
}
