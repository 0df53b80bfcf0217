package io.jgrad.data;

/**
 * A map-style dataset: a fixed number of samples, each fetched by its index (PyTorch's
 * {@code torch.utils.data.Dataset}).
 *
 * <p>Implementations should be safe to read from a thread other than the one that built them:
 * a {@link DataLoader} fetches samples on its prefetch thread.
 *
 * @param <T> the type of one sample, e.g. {@code List<Tensor>} for (input, target) pairs
 */
public interface Dataset<T> {
    /** The number of samples. */
    int size();

    /** The sample at {@code index}, for {@code 0 <= index < size()}. */
    T get(int index);

    /**
     * A view of the samples at {@code indices} (in that order) of this dataset; nothing is copied.
     * Each index must lie in {@code [0, size())}.
     */
    default Dataset<T> subset(int[] indices) {
        return new Subset<>(this, indices);
    }
}
