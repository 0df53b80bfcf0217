package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.DTypeKernels;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.core.spi.Tracking;
import java.util.Arrays;

/**
 * Integer-index ops: index_select, gather, scatter_add, index_add, take_along_dim, embedding,
 * one_hot, tensor indexing and masked_select. Every index is range-checked before any data moves,
 * so a bad index is an error naming the op, never an ArrayIndexOutOfBoundsException.
 */
public final class Indexing {
    private Indexing() {}

    /** Attrs of INDEX_SELECT, GATHER, SCATTER_ADD, INDEX_ADD: the dim and the index tensor. */
    public record DimIndex(int dim, Tensor index) {}

    /** Attrs of EMBEDDING: the indices, the number of rows and the padding row (-1 for none). */
    public record Embedding(Tensor indices, int numEmbeddings, int paddingIdx) {}

    /** Storage offset of a full index into t, with bounds checks. */
    public static int offsetOf(Tensor t, int... index) {
        if (index.length != t.dim())
            throw new IllegalArgumentException("get: expected " + t.dim() + " indices for shape " + Shape.str(t.shape()) + ", got " + index.length);
        int[] idx = index.clone();
        for (int i = 0; i < idx.length; i++) {
            int n = t.size(i);
            if (idx[i] < -n || idx[i] >= n)
                throw new IllegalArgumentException("get: index " + index[i] + " is out of bounds for dim " + i + " with size " + n);
            if (idx[i] < 0) idx[i] += n;
        }
        return t.layout().indexOf(idx);
    }

    private static long[] indices(String op, Tensor index) {
        if (index.dtype() != DType.INT64) throw new IllegalArgumentException(op + ": expected an int64 index tensor, got " + index.dtype());
        return index.contiguous().toLongArray();
    }

    private static void checkRange(String op, long[] idx, int size, int dim) {
        for (long v : idx)
            if (v < 0 || v >= size)
                throw new IllegalArgumentException(op + ": index " + v + " is out of bounds for dimension " + dim + " with size " + size);
    }

    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dim() > 1) throw new IllegalArgumentException("index_select: index must be a 0-d or 1-d tensor, got shape " + Shape.str(index.shape()));
        int d = x.dim() == 0 ? 0 : Shape.dim("index_select", dim, x.dim());
        Tensor xs = x.dim() == 0 ? x.reshape(1) : x;
        long[] idx = indices("index_select", index);
        checkRange("index_select", idx, xs.size(d), d);
        int[] shape = xs.shape();
        shape[d] = idx.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        if (d == 0 && xs.isContiguous()) {
            // Rows of a contiguous tensor (embeddings, batches of a dataset): one block copy per row.
            int row = xs.size(0) == 0 ? 0 : xs.numel() / xs.size(0), base = xs.storageOffset();
            DTypeKernels k = Kernels.of(x.dtype());
            Object xa = xs.storage().array(), oa = out.storage().array();
            for (int i = 0; i < idx.length; i++) k.copy(xa, base + (int) idx[i] * row, 1, oa, i * row, 1, row);
        } else {
            for (int i = 0; i < idx.length; i++)
                Elementwise.copyInto(Tensor.viewOf(xs, xs.layout().select(d, (int) idx[i])), Tensor.viewOf(out, out.layout().select(d, i)));
        }
        if (x.dim() == 0) out = out.reshape(index.dim() == 0 ? new int[0] : new int[] {idx.length});
        return Tracking.record(Op.INDEX_SELECT, new DimIndex(d, index), out, x);
    }

    /** A copy of x with source's slices added at index along dim (duplicates accumulate). */
    public static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor source) {
        int d = Shape.dim("index_add", dim, x.dim());
        long[] idx = indices("index_add", index);
        checkRange("index_add", idx, x.size(d), d);
        int[] expect = x.shape();
        expect[d] = idx.length;
        if (!Shape.same(expect, source.shape()))
            throw new IllegalArgumentException("index_add: source of shape " + Shape.str(source.shape()) + " does not match the expected shape " + Shape.str(expect));
        Tensor out = x.detach().clone();
        Tensor src = source.to(x.dtype()).detach();
        DTypeKernels k = Kernels.of(out.dtype());
        Object oa = out.storage().array(), sa = src.storage().array();
        if (d == 0 && src.isContiguous()) {
            // out is a fresh contiguous clone: add whole rows with the SIMD add.
            int row = out.size(0) == 0 ? 0 : out.numel() / out.size(0), sb = src.storageOffset();
            for (int i = 0; i < idx.length; i++) {
                int o = (int) idx[i] * row;
                k.binary(Op.ADD, oa, o, 1, sa, sb + i * row, 1, oa, o, 1, row);
            }
            return Tracking.record(Op.INDEX_ADD, new DimIndex(d, index), out, x, source.to(x.dtype()));
        }
        for (int i = 0; i < idx.length; i++) {
            Layout dst = out.layout().select(d, (int) idx[i]), s = src.layout().select(d, i);
            StridedLoop.of(dst.shape(), dst, dst, s).runSerial((off, st, n) -> k.binary(Op.ADD, oa, off[1], st[1], sa, off[2], st[2], oa, off[0], st[0], n));
        }
        return Tracking.record(Op.INDEX_ADD, new DimIndex(d, index), out, x, source.to(x.dtype()));
    }

    private static void checkGatherShapes(String op, Tensor x, int d, Tensor index, Tensor other) {
        if (index.dim() != x.dim())
            throw new IllegalArgumentException(op + ": index tensor must have the same number of dimensions as the input tensor (" + index.dim() + " vs " + x.dim() + ")");
        for (int i = 0; i < x.dim(); i++) {
            if (i != d && index.size(i) > x.size(i))
                throw new IllegalArgumentException(op + ": size of index " + Shape.str(index.shape()) + " must not exceed the input's size " + Shape.str(x.shape()) + " at dim " + i);
            if (other != null && index.size(i) > other.size(i))
                throw new IllegalArgumentException(op + ": size of index " + Shape.str(index.shape()) + " must not exceed the source's size " + Shape.str(other.shape()) + " at dim " + i);
        }
    }

    /** Layout over x restricted to index's shape, with stride 0 along dim (the index adds the rest). */
    private static Layout alongIndex(Tensor x, int d, int[] shape) {
        int[] st = x.stride();
        st[d] = 0;
        return x.layout().asStrided(shape, st, x.storageOffset());
    }

    public static Tensor gather(Tensor x, int dim, Tensor index) {
        if (x.dim() == 0) return indexSelect(x, 0, index.reshape(-1)).reshape(index.shape());
        int d = Shape.dim("gather", dim, x.dim());
        checkGatherShapes("gather", x, d, index, null);
        long[] idx = indices("gather", index);
        checkRange("gather", idx, x.size(d), d);
        int[] shape = index.shape();
        Tensor out = Tensor.empty(x.dtype(), shape);
        Tensor ic = Tensor.of(idx, shape);
        int sd = x.stride(d);
        DTypeKernels k = Kernels.of(x.dtype());
        Object xa = x.storage().array(), oa = out.storage().array();
        StridedLoop.of(shape, out.layout(), ic.layout(), alongIndex(x, d, shape)).runSerial((off, st, n) -> {
            for (int i = 0; i < n; i++) k.copy(xa, off[2] + i * st[2] + (int) idx[off[1] + i * st[1]] * sd, 1, oa, off[0] + i * st[0], 1, 1);
        });
        return Tracking.record(Op.GATHER, new DimIndex(d, index), out, x);
    }

    public static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        int d = Shape.dim("scatter_add", dim, Math.max(x.dim(), 1));
        if (x.dim() == 0) throw new IllegalArgumentException("scatter_add: input must have at least 1 dim");
        checkGatherShapes("scatter_add", x, d, index, src);
        long[] idx = indices("scatter_add", index);
        checkRange("scatter_add", idx, x.size(d), d);
        Tensor out = x.detach().clone();
        Tensor s = src.to(x.dtype()).detach();
        int[] shape = index.shape();
        Tensor ic = Tensor.of(idx, shape);
        int sd = out.stride(d);
        DTypeKernels k = Kernels.of(out.dtype());
        Object oa = out.storage().array(), sa = s.storage().array();
        Layout srcL = s.layout().asStrided(shape, s.stride(), s.storageOffset());
        StridedLoop.of(shape, ic.layout(), srcL, alongIndex(out, d, shape)).runSerial((off, st, n) -> {
            for (int i = 0; i < n; i++) {
                int o = off[2] + i * st[2] + (int) idx[off[0] + i * st[0]] * sd;
                k.binary(Op.ADD, oa, o, 1, sa, off[1] + i * st[1], 1, oa, o, 1, 1);
            }
        });
        return Tracking.record(Op.SCATTER_ADD, new DimIndex(d, index), out, x, src.to(x.dtype()));
    }

    public static Tensor takeAlongDim(Tensor x, Tensor indices, int dim) {
        int d = Shape.dim("take_along_dim", dim, x.dim());
        if (indices.dim() != x.dim())
            throw new IllegalArgumentException("take_along_dim: input and indices should have the same number of dimensions, but got " + x.dim() + " and " + indices.dim());
        int[] xs = x.shape(), is = indices.shape();
        int[] bx = xs.clone(), bi = is.clone();
        for (int i = 0; i < xs.length; i++) {
            if (i == d) continue;
            int s = Shape.broadcast("take_along_dim", new int[] {xs[i]}, new int[] {is[i]})[0];
            bx[i] = s;
            bi[i] = s;
        }
        return gather(x.expand(bx), d, indices.expand(bi));
    }

    /** {@code x[index]} along dim 0; negative indices count from the end. */
    public static Tensor indexTensor(Tensor x, Tensor index) {
        if (x.dim() == 0) throw new IllegalArgumentException("index: cannot index a 0-d tensor");
        long[] idx = indices("index", index);
        int n = x.size(0);
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < -n || idx[i] >= n) throw new IllegalArgumentException("index: index " + idx[i] + " is out of bounds for dimension 0 with size " + n);
            if (idx[i] < 0) idx[i] += n;
        }
        Tensor r = indexSelect(x, 0, Tensor.of(idx));
        if (index.dim() != 1) {
            int[] shape = new int[index.dim() + x.dim() - 1];
            System.arraycopy(index.shape(), 0, shape, 0, index.dim());
            System.arraycopy(x.shape(), 1, shape, index.dim(), x.dim() - 1);
            r = r.reshape(shape);
        }
        return r;
    }

    public static Tensor maskedSelect(Tensor x, Tensor mask) {
        if (mask.dtype() != DType.BOOL) throw new IllegalArgumentException("masked_select: expected a bool mask, got " + mask.dtype());
        int[] shape = Shape.broadcast("masked_select", x.shape(), mask.shape());
        boolean[] m = mask.expand(shape).contiguous().toBooleanArray();
        long count = 0;
        for (boolean b : m) if (b) count++;
        long[] idx = new long[(int) count];
        for (int i = 0, k = 0; i < m.length; i++) if (m[i]) idx[k++] = i;
        return indexSelect(x.expand(shape).reshape(-1), 0, Tensor.of(idx));
    }

    /** F.embedding: rows of weight at the indices; the paddingIdx row (null = none) gets no gradient. */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        if (weight.dim() != 2) throw new IllegalArgumentException("embedding: weight must be 2-d, got shape " + Shape.str(weight.shape()));
        int num = weight.size(0);
        if (paddingIdx != null && (paddingIdx < -num || paddingIdx >= num))
            throw new IllegalArgumentException("embedding: padding_idx " + paddingIdx + " must be within num_embeddings (" + num + ")");
        int pad = paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
        long[] idx = indices("embedding", indices);
        checkRange("embedding", idx, num, 0);
        Tensor rows = indexSelect(weight.detach(), 0, Tensor.of(idx));
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = weight.size(1);
        Tensor out = rows.reshape(shape);
        return Tracking.record(Op.EMBEDDING, new Embedding(indices, num, pad), out, weight);
    }

    /** F.one_hot: int64 of shape indices.shape + [numClasses]; numClasses -1 means max + 1. */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        long[] idx = indices("one_hot", indices);
        long max = -1;
        for (long v : idx) {
            if (v < 0) throw new IllegalArgumentException("one_hot: class values must be non-negative, got " + v);
            max = Math.max(max, v);
        }
        int c = numClasses == -1 ? (int) (max + 1) : numClasses;
        if (numClasses < -1 || max >= c) throw new IllegalArgumentException("one_hot: class values must be smaller than num_classes (" + c + "), got " + max);
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = c;
        Tensor out = Tensor.zeros(DType.INT64, shape);
        long[] o = out.storage().longs();
        for (int i = 0; i < idx.length; i++) o[i * c + (int) idx[i]] = 1;
        return out;
    }
}
