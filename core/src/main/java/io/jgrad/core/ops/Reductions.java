package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.DTypeKernels;
import io.jgrad.core.kernels.DoubleLines;
import io.jgrad.core.kernels.FloatLines;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.core.kernels.LongLines;
import io.jgrad.core.spi.Tracking;
import io.jgrad.core.storage.Storage;
import java.util.Arrays;

/**
 * Reductions (sum, prod, amax, amin, var, logsumexp, norm, arg/max along a dim), scans (cumsum,
 * cumprod) and softmax. A reduction over any set of dims runs either as one kernel call per
 * output element over a strided run, or — when the reduced dims lead and the kept ones are
 * contiguous (a bias gradient) — as vectorised row accumulation.
 */
public final class Reductions {
    private Reductions() {}

    /** Attrs of SUM, AMAX, AMIN, LOGSUMEXP: normalised dims and keepdim. */
    public record Dims(int[] dims, boolean keepdim) {}

    /** Attrs of VAR. */
    public record Var(int[] dims, int correction, boolean keepdim) {}

    /** Attrs of NORM. */
    public record Norm(double p, int[] dims, boolean keepdim) {}

    /** Attrs of MAX_DIM / MIN_DIM: the dim, keepdim, and the indices of the chosen elements. */
    public record DimIndices(int dim, boolean keepdim, Tensor indices) {}

    /** Attrs of SOFTMAX, LOG_SOFTMAX, CUMSUM, CUMPROD: the normalised dim. */
    public record Dim(int dim) {}

    /** Normalises a dim list; null or empty means all dims. */
    static int[] reduceDims(String op, int[] dims, int rank) {
        if (dims == null || dims.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        if (rank == 0) {
            for (int d : dims) Shape.dim(op, d, 0);
            return new int[0];
        }
        int[] n = Shape.dims(op, dims, rank);
        Arrays.sort(n);
        return n;
    }

    /** Shape after reducing {@code dims} (sorted). */
    static int[] reducedShape(int[] shape, int[] dims, boolean keepdim) {
        boolean[] red = new boolean[shape.length];
        for (int d : dims) red[d] = true;
        int[] out = new int[keepdim ? shape.length : shape.length - dims.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!red[i]) out[k++] = shape[i];
            else if (keepdim) out[k++] = 1;
        }
        return out;
    }

    /** Runs a SUM/PROD/AMAX/AMIN kernel reduction (no recording). */
    static Tensor reduceRaw(Op op, Tensor x, int[] dims, boolean keepdim) {
        int[] shape = x.shape();
        int[] outShape = reducedShape(shape, dims, keepdim);
        Tensor out = Tensor.empty(x.dtype(), outShape);
        DTypeKernels k = Kernels.of(x.dtype());
        if (x.numel() == 0) {
            if (op == Op.AMAX || op == Op.AMIN)
                throw new IllegalArgumentException(op.pyName() + ": cannot reduce an empty tensor of shape " + Shape.str(shape) + " over dims " + Shape.str(dims));
            if (op == Op.PROD) k.fill(1, out.storage().array(), 0, 1, out.numel());
            return out;
        }
        boolean[] red = new boolean[shape.length];
        for (int d : dims) red[d] = true;
        int rank = shape.length, nk = rank - dims.length;
        int[] keptShape = new int[nk], keptStrides = new int[nk], redShape = new int[dims.length], redStrides = new int[dims.length];
        int a = 0, b = 0;
        Layout l = x.layout();
        for (int i = 0; i < rank; i++) {
            if (red[i]) { redShape[b] = shape[i]; redStrides[b++] = l.stride(i); }
            else { keptShape[a] = shape[i]; keptStrides[a++] = l.stride(i); }
        }
        Layout outFlat = Layout.contiguous(keptShape);
        Object xa = x.storage().array(), oa = out.storage().array();
        int rn = Shape.numel(redShape);

        // Leading reduced dims, contiguous kept tail: accumulate whole rows with SIMD binary kernels.
        if (nk > 0 && dims.length > 0 && dims[dims.length - 1] < rank - nk && l.isContiguous() && rn > 1 && op != Op.PROD) {
            int rowLen = Shape.numel(keptShape);
            Op acc = op == Op.SUM ? Op.ADD : op == Op.AMAX ? Op.MAXIMUM : Op.MINIMUM;
            int base = l.offset();
            if (x.dtype() == DType.BOOL) throw new IllegalArgumentException(op.pyName() + ": not supported for bool tensors");
            k.copy(xa, base, 1, oa, 0, 1, rowLen);
            for (int r = 1; r < rn; r++) k.binary(acc, oa, 0, 1, xa, base + r * rowLen, 1, oa, 0, 1, rowLen);
            return out;
        }

        int[] run = coalesce(redShape, redStrides);
        if (run == null) {
            // The reduced dims do not form one strided run: copy them into a contiguous block.
            int[] perm = new int[rank];
            int p = 0;
            for (int i = 0; i < rank; i++) if (!red[i]) perm[p++] = i;
            for (int d : dims) perm[p++] = d;
            Tensor packed = Tensor.empty(x.dtype(), permuted(shape, perm));
            Elementwise.copyInto(Tensor.viewOf(x, l.permute(perm)).detach(), packed);
            return reduceRaw(op, packed, tail(rank, dims.length), false).reshape(outShape);
        }
        int rs = run[1];
        if (nk == 0 && rs == 1 && rn >= 2 * StridedLoop.GRAIN && op != Op.PROD) {
            reduceLongRun(op, k, x.dtype(), xa, l.offset(), rn, oa);
            return out;
        }
        Layout xKept = new Layout(keptShape, keptStrides, l.offset());
        StridedLoop.of(keptShape, outFlat, xKept).run((off, st, len) -> {
            for (int i = 0; i < len; i++) k.reduce(op, xa, off[1] + i * st[1], rs, rn, oa, off[0] + i * st[0]);
        });
        return out;
    }

    /** Elements per partial result of a long reduction; fixed, so results do not depend on the thread count. */
    private static final int PARTIAL = 1 << 14;

    /**
     * Reduces one long contiguous run into oa[0]: partial results of fixed-size pieces, computed
     * in parallel, then reduced in order by the same kernel (SUM, AMAX, AMIN).
     */
    private static void reduceLongRun(Op op, DTypeKernels k, DType dtype, Object xa, int offset, int n, Object oa) {
        int parts = (n + PARTIAL - 1) / PARTIAL;
        // Full pieces q and q + half are reduced together (two memory streams per thread); the
        // rest one by one. Each partial result is the same however pieces are paired or split.
        int half = n / PARTIAL / 2, tasks = parts - half;
        Object partial = Storage.allocate(dtype, parts).array();
        Parallel.forRange(tasks, 1, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                if (t < half) {
                    k.reducePair(op, xa, offset + t * PARTIAL, offset + (t + half) * PARTIAL, PARTIAL, partial, t, t + half);
                } else {
                    int p = t + half;
                    k.reduce(op, xa, offset + p * PARTIAL, 1, Math.min(PARTIAL, n - p * PARTIAL), partial, p);
                }
            }
        });
        k.reduce(op, partial, 0, 1, parts, oa, 0);
    }

    /** {n, stride} if the dims form a single strided run, else null. */
    private static int[] coalesce(int[] shape, int[] strides) {
        int n = 1, stride = 0;
        boolean started = false;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 1) continue;
            if (!started) {
                n = shape[i];
                stride = strides[i];
                started = true;
            } else if (strides[i] == stride * n) {
                n *= shape[i];
            } else {
                return null;
            }
        }
        return new int[] {n, stride};
    }

    private static int[] permuted(int[] shape, int[] perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        return out;
    }

    private static int[] tail(int rank, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = rank - count + i;
        return out;
    }

    // ------------------------------------------------------------------ public reductions

    public static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        int[] d = reduceDims("sum", dims, x.dim());
        Tensor in = x.dtype() == DType.BOOL ? x.to(DType.INT64) : x;
        return Tracking.record(Op.SUM, new Dims(d, keepdim), reduceRaw(Op.SUM, in, d, keepdim), in);
    }

    public static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloating())
            throw new IllegalArgumentException("mean: could not infer output dtype; input dtype must be floating point, got " + x.dtype());
        int[] d = reduceDims("mean", dims, x.dim());
        long n = 1;
        for (int i : d) n *= x.size(i);
        Tensor out = reduceRaw(Op.SUM, x, d, keepdim);
        out.div_((double) n);
        return Tracking.record(Op.MEAN, new Dims(d, keepdim), out, x);
    }

    public static Tensor prod(Tensor x, Integer dim, boolean keepdim) {
        int[] d = dim == null ? reduceDims("prod", null, x.dim()) : reduceDims("prod", new int[] {dim}, x.dim());
        Tensor in = x.dtype() == DType.BOOL ? x.to(DType.INT64) : x;
        return Tracking.record(Op.PROD, new Dims(d, keepdim), reduceRaw(Op.PROD, in, d, keepdim), in);
    }

    public static Tensor amax(Tensor x, int[] dims, boolean keepdim) {
        int[] d = reduceDims("amax", dims, x.dim());
        return Tracking.record(Op.AMAX, new Dims(d, keepdim), reduceRaw(Op.AMAX, x, d, keepdim), x);
    }

    public static Tensor amin(Tensor x, int[] dims, boolean keepdim) {
        int[] d = reduceDims("amin", dims, x.dim());
        return Tracking.record(Op.AMIN, new Dims(d, keepdim), reduceRaw(Op.AMIN, x, d, keepdim), x);
    }

    /** Variance with divisor N - correction, computed in two passes for accuracy. */
    public static Tensor var(Tensor x, int[] dims, int correction, boolean keepdim) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("var: expected a floating tensor, got " + x.dtype());
        int[] d = reduceDims("var", dims, x.dim());
        Tensor xd = x.detach();
        long n = 1;
        for (int i : d) n *= x.size(i);
        Tensor mean = reduceRaw(Op.SUM, xd, d, true).div((double) n);
        Tensor dev = xd.sub(mean);
        Tensor out = reduceRaw(Op.SUM, dev.mul(dev), d, keepdim).div((double) Math.max(0, n - correction));
        return Tracking.record(Op.VAR, new Var(d, correction, keepdim), out, x);
    }

    public static Tensor std(Tensor x, int[] dims, int correction, boolean keepdim) {
        return var(x, dims, correction, keepdim).sqrt();
    }

    /** log(sum(exp(x))) over dims, shifted by the max for stability. */
    public static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        Tensor in = x.dtype().isFloating() ? x : x.to(DType.FLOAT32);
        int[] d = reduceDims("logsumexp", dims, in.dim());
        Tensor xd = in.detach();
        Tensor m = in.numel() == 0 ? Tensor.zeros(in.dtype(), reducedShape(in.shape(), d, true)) : reduceRaw(Op.AMAX, xd, d, true);
        Tensor finiteM = Elementwise.where(m.abs().eq(Double.POSITIVE_INFINITY), Tensor.zerosLike(m), m);
        Tensor s = reduceRaw(Op.SUM, xd.sub(finiteM).exp(), d, true).log().add(finiteM);
        Tensor out = keepdim ? s : s.reshape(reducedShape(in.shape(), d, false));
        return Tracking.record(Op.LOGSUMEXP, new Dims(d, keepdim), out, in);
    }

    /** Vector p-norm over dims (p = 1, 2, inf or any positive p). */
    public static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException("norm: expected a floating tensor, got " + x.dtype());
        if (!(p > 0)) throw new IllegalArgumentException("norm: only p > 0 is supported, got " + p);
        int[] d = reduceDims("norm", dims, x.dim());
        Tensor a = x.detach().abs();
        Tensor out;
        if (p == Double.POSITIVE_INFINITY) out = reduceRaw(Op.AMAX, a, d, keepdim);
        else if (p == 1) out = reduceRaw(Op.SUM, a, d, keepdim);
        else if (p == 2) out = reduceRaw(Op.SUM, a.mul(a), d, keepdim).sqrt();
        else out = reduceRaw(Op.SUM, a.pow(p), d, keepdim).pow(1 / p);
        return Tracking.record(Op.NORM, new Norm(p, d, keepdim), out, x);
    }

    // ------------------------------------------------------------------ along one dim

    /** Calls {@code body(aOffset, bOffset)} for the start of every line along dim {@code d} of a and b. */
    interface LineBody {
        void run(int aOff, int bOff);
    }

    static void forEachLine(int[] shape, int d, Layout a, Layout b, LineBody body) {
        int[] rest = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) if (i != d) rest[k++] = shape[i];
        Layout la = a.select(d, 0), lb = b.select(d, 0);
        StridedLoop.of(rest, la, lb).run((off, st, len) -> {
            for (int i = 0; i < len; i++) body.run(off[0] + i * st[0], off[1] + i * st[1]);
        });
    }

    public static Tensor cumsum(Tensor x, int dim) {
        return scan(x, dim, true);
    }

    public static Tensor cumprod(Tensor x, int dim) {
        return scan(x, dim, false);
    }

    private static Tensor scan(Tensor x, int dim, boolean sum) {
        String name = sum ? "cumsum" : "cumprod";
        Tensor in = x.dtype() == DType.BOOL ? x.to(DType.INT64) : x;
        if (in.dim() == 0) return Tracking.record(sum ? Op.CUMSUM : Op.CUMPROD, new Dim(0), in.detach().clone(), in);
        int d = Shape.dim(name, dim, in.dim());
        Tensor out = Tensor.empty(in.dtype(), in.shape());
        int n = in.size(d), xs = in.layout().stride(d), ys = out.layout().stride(d);
        Object xa = in.storage().array(), ya = out.storage().array();
        DType dt = in.dtype();
        if (n > 0) forEachLine(in.shape(), d, in.layout(), out.layout(), (xo, yo) -> {
            switch (dt) {
                case FLOAT32 -> { if (sum) FloatLines.cumsum((float[]) xa, xo, xs, (float[]) ya, yo, ys, n); else FloatLines.cumprod((float[]) xa, xo, xs, (float[]) ya, yo, ys, n); }
                case FLOAT64 -> { if (sum) DoubleLines.cumsum((double[]) xa, xo, xs, (double[]) ya, yo, ys, n); else DoubleLines.cumprod((double[]) xa, xo, xs, (double[]) ya, yo, ys, n); }
                case INT64 -> { if (sum) LongLines.cumsum((long[]) xa, xo, xs, (long[]) ya, yo, ys, n); else LongLines.cumprod((long[]) xa, xo, xs, (long[]) ya, yo, ys, n); }
                case BOOL -> throw new IllegalStateException();
            }
        });
        return Tracking.record(sum ? Op.CUMSUM : Op.CUMPROD, new Dim(d), out, in);
    }

    /** Softmax or log-softmax along {@code dim}. */
    public static Tensor softmax(Tensor x, int dim, boolean log) {
        String name = log ? "log_softmax" : "softmax";
        Tensor in = x.dtype().isFloating() ? x : x.to(DType.FLOAT32);
        Tensor out = Tensor.empty(in.dtype(), in.shape());
        Op op = log ? Op.LOG_SOFTMAX : Op.SOFTMAX;
        if (in.dim() == 0) {
            Shape.dim(name, dim, 0);
            out.fill_(log ? 0 : 1);
            return Tracking.record(op, new Dim(0), out, in);
        }
        int d = Shape.dim(name, dim, in.dim());
        int n = in.size(d), xs = in.layout().stride(d), ys = out.layout().stride(d);
        Object xa = in.storage().array(), ya = out.storage().array();
        boolean f32 = in.dtype() == DType.FLOAT32;
        if (n > 0) forEachLine(in.shape(), d, in.layout(), out.layout(), (xo, yo) -> {
            if (f32) FloatLines.softmax((float[]) xa, xo, xs, (float[]) ya, yo, ys, n, log);
            else DoubleLines.softmax((double[]) xa, xo, xs, (double[]) ya, yo, ys, n, log);
        });
        return Tracking.record(op, new Dim(d), out, in);
    }

    /** Values and indices of the max (or min) along a dim. */
    public static Tensor.ValuesIndices maxDim(Tensor x, int dim, boolean keepdim, boolean max) {
        String name = max ? "max" : "min";
        Tensor idx = argmax(x, dim, keepdim, max);
        int d = x.dim() == 0 ? 0 : Shape.dim(name, dim, x.dim());
        Tensor idxKeep = keepdim || x.dim() == 0 ? idx : idx.unsqueeze(d);
        Tensor values = x.dim() == 0 ? x.detach().clone() : x.detach().gather(d, idxKeep);
        if (!keepdim && x.dim() > 0) values = values.squeeze(d);
        values = Tracking.record(max ? Op.MAX_DIM : Op.MIN_DIM, new DimIndices(d, keepdim, idx), values, x);
        return new Tensor.ValuesIndices(values, idx);
    }

    /** Index of the max (or min) along a dim, or over the flattened tensor when dim is null. */
    public static Tensor argmax(Tensor x, Integer dim, boolean keepdim, boolean max) {
        String name = max ? "argmax" : "argmin";
        if (x.dtype() == DType.BOOL) x = x.to(DType.INT64);
        if (dim == null) {
            Tensor flat = x.reshape(-1);
            Tensor r = argmax(flat, 0, false, max);
            return keepdim ? r.reshape(ones(x.dim())) : r;
        }
        if (x.dim() == 0) {
            Shape.dim(name, dim, 0);
            return Tensor.zeros(DType.INT64);
        }
        int d = Shape.dim(name, dim, x.dim());
        int n = x.size(d);
        if (n == 0) throw new IllegalArgumentException(name + ": cannot reduce over an empty dim " + d + " of shape " + Shape.str(x.shape()));
        int[] outShape = reducedShape(x.shape(), new int[] {d}, true);
        Tensor out = Tensor.empty(DType.INT64, outShape);
        long[] oa = out.storage().longs();
        Object xa = x.storage().array();
        int xs = x.layout().stride(d);
        DType dt = x.dtype();
        Layout outAsInput = out.layout().expand(x.shape());
        forEachLine(x.shape(), d, x.layout(), outAsInput, (xo, yo) -> oa[yo] = switch (dt) {
            case FLOAT32 -> FloatLines.argExtreme((float[]) xa, xo, xs, n, max);
            case FLOAT64 -> DoubleLines.argExtreme((double[]) xa, xo, xs, n, max);
            case INT64 -> LongLines.argExtreme((long[]) xa, xo, xs, n, max);
            case BOOL -> throw new IllegalStateException();
        });
        return keepdim ? out : out.squeeze(d);
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** all / any over a dim or everything; the result is bool. */
    public static Tensor allAny(Tensor x, Integer dim, boolean keepdim, boolean all) {
        Tensor b = x.to(DType.BOOL).detach();
        int[] d = dim == null ? reduceDims(all ? "all" : "any", null, b.dim()) : reduceDims(all ? "all" : "any", new int[] {dim}, b.dim());
        int[] outShape = reducedShape(b.shape(), d, keepdim);
        if (b.numel() == 0) return Tensor.full(DType.BOOL, all ? 1 : 0, outShape);
        Tensor packed = b.contiguous();
        // Reduce via int64 sums of the bools: any = sum > 0, all = sum == count.
        Tensor s = reduceRaw(Op.SUM, packed.to(DType.INT64), d, keepdim);
        long count = 1;
        for (int i : d) count *= b.size(i);
        return all ? s.eq((double) count) : s.gt(0);
    }
}
