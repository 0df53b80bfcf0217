package io.jgrad.data;

/**
 * The samples of another dataset at chosen indices, in the order given (PyTorch's
 * {@code torch.utils.data.Subset}). Holds only the indices; samples are fetched from the parent.
 *
 * @param <T> the sample type of the parent dataset
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> parent;
    private final int[] rows;

    /** The samples of {@code parent} at {@code indices}; every index must be in range. */
    public Subset(Dataset<T> parent, int[] indices) {
        this.parent = parent;
        this.rows = Indices.map("Subset", null, indices, parent.size());
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public T get(int index) {
        return parent.get(rows[Indices.check("Subset.get", index, rows.length)]);
    }

    /** A subset of this subset maps straight to the parent, so chains stay one level deep. */
    @Override
    public Dataset<T> subset(int[] indices) {
        return new Subset<>(parent, Indices.map("Subset.subset", rows, indices, rows.length));
    }
}
