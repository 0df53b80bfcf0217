package io.jgrad.data;

import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples stored as rows of tensors that share their first dim (PyTorch's
 * {@code TensorDataset}): sample {@code i} is the list of the i-th rows, e.g. {@code [image_i,
 * label_i]}.
 *
 * <p>{@link #batch(int[])} gathers a whole batch at once, one row copy per sample and tensor,
 * instead of building one small tensor per sample; {@link DataLoader#builder(TensorDataset)} uses it.
 * {@link #subset(int[])} keeps an index map over the same tensors, so a random split copies no
 * data.
 */
public final class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;
    /** This dataset's rows in the tensors, or {@code null} for all rows in order. */
    private final int[] rows;

    /** A dataset over the rows of {@code tensors}; they must all have the same first dim. */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset: needs at least one tensor");
        for (Tensor t : tensors) {
            if (t.dim() == 0)
                throw new IllegalArgumentException("TensorDataset: tensors need a first (sample) dim, got a 0-d tensor");
            if (t.size(0) != tensors[0].size(0))
                throw new IllegalArgumentException("TensorDataset: tensors must share their first dim (the sample count), got shapes "
                        + Shape.str(tensors[0].shape()) + " and " + Shape.str(t.shape()));
        }
        this.tensors = List.of(tensors);
        this.rows = null;
    }

    private TensorDataset(List<Tensor> tensors, int[] rows) {
        this.tensors = tensors;
        this.rows = rows;
    }

    @Override
    public int size() {
        return rows == null ? tensors.getFirst().size(0) : rows.length;
    }

    /** The i-th row of every tensor (views, no copy). */
    @Override
    public List<Tensor> get(int index) {
        int row = Indices.check("TensorDataset.get", index, size());
        if (rows != null) row = rows[row];
        List<Tensor> sample = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) sample.add(t.select(0, row));
        return sample;
    }

    /**
     * The samples at {@code indices} collated: for each tensor, a new tensor of its rows at those
     * indices (first dim = {@code indices.length}). The result shares no memory with the dataset,
     * so in-place transforms on a batch are safe.
     */
    public List<Tensor> batch(int[] indices) {
        int[] mapped = Indices.map("TensorDataset.batch", rows, indices, size());
        List<Tensor> batch = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) batch.add(gatherRows(t, mapped));
        return batch;
    }

    /**
     * {@code t.indexSelect(0, rows)}. Dataset tensors are nearly always contiguous, and then each
     * row is one block of the storage: one arraycopy per row is 2-3x faster than the general
     * strided indexSelect, which walks each row as a separate strided loop.
     */
    private static Tensor gatherRows(Tensor t, int[] rows) {
        int[] shape = t.shape();
        shape[0] = rows.length;
        if (!t.isContiguous()) {
            long[] index = new long[rows.length];
            for (int i = 0; i < rows.length; i++) index[i] = rows[i];
            return t.indexSelect(0, Tensor.of(index));
        }
        int rowSize = Shape.numel(shape) / Math.max(rows.length, 1);
        Storage out = Storage.allocate(t.dtype(), rows.length * rowSize);
        Object src = t.storage().array(), dst = out.array();
        for (int i = 0; i < rows.length; i++) System.arraycopy(src, t.storageOffset() + rows[i] * rowSize, dst, i * rowSize, rowSize);
        return Tensor.of(out, Layout.contiguous(shape));
    }

    /** The samples at {@code indices}, as a dataset over the same tensors (no copy). */
    @Override
    public TensorDataset subset(int[] indices) {
        return new TensorDataset(tensors, Indices.map("TensorDataset.subset", rows, indices, size()));
    }
}
