package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Convert;
import io.jgrad.core.kernels.DTypeKernels;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.core.spi.Tracking;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Elementwise ops: unary math, binary arithmetic with broadcasting and type promotion,
 * comparisons, selection, dtype conversion, and the in-place variants.
 */
public final class Elementwise {
    private Elementwise() {}

    /** Parameters of a parameterised unary op (exponent, bounds, slope, ...), kept for backward. */
    public record Params(double p1, double p2) {}

    /** Unary ops that keep integer dtypes; all others compute in floating point. */
    private static final Set<Op> INTEGER_UNARY = EnumSet.of(Op.NEG, Op.ABS, Op.SQUARE, Op.RELU, Op.CLAMP, Op.SIGN);

    public static Tensor unary(Op op, Tensor x) {
        return unary(op, x, 0, 0);
    }

    /** Applies a unary op with parameters p1, p2 (meaning per op: see elementwise.ops). */
    public static Tensor unary(Op op, Tensor x, double p1, double p2) {
        if (x.dtype() == DType.BOOL) throw new IllegalArgumentException(op.pyName() + ": not supported for bool tensors");
        Tensor in = x.dtype() == DType.INT64 && !INTEGER_UNARY.contains(op) ? x.to(DType.FLOAT32) : x;
        Tensor out = Tensor.empty(in.dtype(), in.shape());
        DTypeKernels k = Kernels.of(in.dtype());
        Object xa = in.storage().array(), ya = out.storage().array();
        if (in.isContiguous()) {
            int xo = in.storageOffset();
            StridedLoop.runFlat(out.numel(), (s, e) -> k.unary(op, xa, xo + s, 1, ya, s, 1, e - s, p1, p2));
        } else {
            StridedLoop.of(in.shape(), out.layout(), in.layout())
                    .run((off, st, n) -> k.unary(op, xa, off[1], st[1], ya, off[0], st[0], n, p1, p2));
        }
        // Always record the parameters: a rule reads them even when they are 0 (pow(x, 0), leaky_relu(x, 0)).
        return Tracking.record(op, new Params(p1, p2), out, in);
    }

    public static Tensor powScalar(Tensor x, double exponent) {
        if (exponent == 1) return unary(Op.CLAMP, x, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (exponent == 2) return unary(Op.SQUARE, x);
        if (x.dtype() == DType.INT64 && exponent >= 0 && exponent == Math.rint(exponent)) {
            Tensor r = unary(Op.POW_SCALAR, x.to(DType.FLOAT64), exponent, 0);
            return r.round().to(DType.INT64);
        }
        return unary(Op.POW_SCALAR, x, exponent, 0);
    }

    public static Tensor clamp(Tensor x, Double min, Double max) {
        if (min == null && max == null) throw new IllegalArgumentException("clamp: at least one of min and max must be given");
        double lo = min == null ? Double.NEGATIVE_INFINITY : min, hi = max == null ? Double.POSITIVE_INFINITY : max;
        if (x.dtype() == DType.INT64 && ((min != null && min != Math.rint(min)) || (max != null && max != Math.rint(max))))
            return unary(Op.CLAMP, x.to(DType.FLOAT32), lo, hi);
        return unary(Op.CLAMP, x, lo, hi);
    }

    /** A 0-d tensor holding {@code value}, of the dtype {@code like} computes in with a Java number. */
    public static Tensor scalarLike(Tensor like, double value) {
        return Tensor.scalar(value, like.dtype().promoteWithScalar(value));
    }

    /** PyTorch's result dtype: dimensioned tensors outrank 0-d ones within a category. */
    static DType resultType(Tensor a, Tensor b) {
        DType da = a.dtype(), db = b.dtype();
        if (da == db) return da;
        boolean a0 = a.dim() == 0, b0 = b.dim() == 0;
        if (a0 != b0) {
            DType dimmed = a0 ? db : da, zeroD = a0 ? da : db;
            int cd = category(dimmed), cz = category(zeroD);
            if (cz <= cd) return dimmed;
            return zeroD.isFloating() ? DType.FLOAT32 : zeroD;
        }
        return da.promote(db);
    }

    private static int category(DType d) {
        return d == DType.BOOL ? 0 : d == DType.INT64 ? 1 : 2;
    }

    /** a op b with broadcasting and type promotion. */
    public static Tensor binary(Op op, Tensor a, Tensor b) {
        DType dt = resultType(a, b);
        if (dt != DType.FLOAT64 && dt != DType.FLOAT32 && (op == Op.DIV || op == Op.POW || op == Op.ATAN2)) dt = DType.FLOAT32;
        if (dt == DType.BOOL) {
            if (op == Op.ADD || op == Op.MAXIMUM) return logical(Op.LOGICAL_OR, a, b);
            if (op == Op.MUL || op == Op.MINIMUM) return logical(Op.LOGICAL_AND, a, b);
            throw new IllegalArgumentException(op.pyName() + ": not supported for two bool tensors");
        }
        Tensor x = a.to(dt), y = b.to(dt);
        int[] shape = Shape.broadcast(op.pyName(), x.shape(), y.shape());
        Tensor out = Tensor.empty(dt, shape);
        DTypeKernels k = Kernels.of(dt);
        Object xa = x.storage().array(), ya = y.storage().array(), oa = out.storage().array();
        int n = out.numel(), xs = flatStride(x, n), ys = flatStride(y, n);
        if (xs >= 0 && ys >= 0) {
            int xo = x.storageOffset(), yo = y.storageOffset();
            StridedLoop.runFlat(n, (s, e) -> k.binary(op, xa, xo + s * xs, xs, ya, yo + s * ys, ys, oa, s, 1, e - s));
        } else {
            StridedLoop.of(shape, out.layout(), x.layout().expand(shape), y.layout().expand(shape))
                    .run((off, st, len) -> k.binary(op, xa, off[1], st[1], ya, off[2], st[2], oa, off[0], st[0], len));
        }
        return Tracking.record(op, null, out, x, y);
    }

    /**
     * The stride with which an operand of a binary op producing {@code n} contiguous elements
     * walks them as one flat run: 1 if it is contiguous with all n elements (then its shape is the
     * output's up to leading 1s, so the element order matches), 0 if it is a single element, -1
     * if it needs the general strided loop.
     */
    private static int flatStride(Tensor t, int n) {
        int m = t.numel();
        return m == 1 ? 0 : m == n && t.isContiguous() ? 1 : -1;
    }

    /** Comparison (EQ, NE, LT, LE, GT, GE) with broadcasting; the result is bool and not differentiable. */
    public static Tensor compare(Op op, Tensor a, Tensor b) {
        DType dt = resultType(a, b);
        Tensor x = a.to(dt).detach(), y = b.to(dt).detach();
        int[] shape = Shape.broadcast(op.pyName(), x.shape(), y.shape());
        Tensor out = Tensor.empty(DType.BOOL, shape);
        DTypeKernels k = Kernels.of(dt);
        Object xa = x.storage().array(), ya = y.storage().array();
        boolean[] oa = out.storage().bools();
        StridedLoop.of(shape, out.layout(), x.layout().expand(shape), y.layout().expand(shape))
                .run((off, st, n) -> k.compare(op, xa, off[1], st[1], ya, off[2], st[2], oa, off[0], st[0], n));
        return out;
    }

    /** Logical NOT (b == null), AND, OR, XOR; inputs are converted to bool. */
    public static Tensor logical(Op op, Tensor a, Tensor b) {
        Tensor x = a.to(DType.BOOL).detach();
        DTypeKernels k = Kernels.of(DType.BOOL);
        if (b == null) {
            Tensor out = Tensor.empty(DType.BOOL, x.shape());
            Object xa = x.storage().array(), oa = out.storage().array();
            StridedLoop.of(x.shape(), out.layout(), x.layout()).run((off, st, n) -> k.unary(op, xa, off[1], st[1], oa, off[0], st[0], n, 0, 0));
            return out;
        }
        Tensor y = b.to(DType.BOOL).detach();
        int[] shape = Shape.broadcast(op.pyName(), x.shape(), y.shape());
        Tensor out = Tensor.empty(DType.BOOL, shape);
        Object xa = x.storage().array(), ya = y.storage().array(), oa = out.storage().array();
        StridedLoop.of(shape, out.layout(), x.layout().expand(shape), y.layout().expand(shape))
                .run((off, st, n) -> k.binary(op, xa, off[1], st[1], ya, off[2], st[2], oa, off[0], st[0], n));
        return out;
    }

    /** condition ? a : b, all broadcast; the condition must be bool. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        if (condition.dtype() != DType.BOOL)
            throw new IllegalArgumentException("where: expected condition to be a bool tensor, got " + condition.dtype());
        DType dt = resultType(a, b);
        Tensor x = a.to(dt), y = b.to(dt);
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", condition.shape(), x.shape()), y.shape());
        Tensor out = Tensor.empty(dt, shape);
        DTypeKernels k = Kernels.of(dt);
        boolean[] ca = condition.storage().bools();
        Object xa = x.storage().array(), ya = y.storage().array(), oa = out.storage().array();
        StridedLoop.of(shape, out.layout(), condition.layout().expand(shape), x.layout().expand(shape), y.layout().expand(shape))
                .run((off, st, n) -> k.where(ca, off[1], st[1], xa, off[2], st[2], ya, off[3], st[3], oa, off[0], st[0], n));
        return Tracking.record(Op.WHERE, null, out, condition.detach(), x, y);
    }

    /** A copy of x with {@code value} where the bool mask (broadcastable to x) is true. */
    public static Tensor maskedFill(Tensor x, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL)
            throw new IllegalArgumentException("masked_fill: expected a bool mask, got " + mask.dtype());
        int[] shape = x.shape();
        int[] b = Shape.broadcast("masked_fill", shape, mask.shape());
        if (!Shape.same(b, shape))
            throw new IllegalArgumentException("masked_fill: mask of shape " + Shape.str(mask.shape()) + " cannot be broadcast to the input's shape " + Shape.str(shape));
        Tensor out = Tensor.empty(x.dtype(), shape);
        Tensor fill = Tensor.scalar(value, x.dtype());
        DTypeKernels k = Kernels.of(x.dtype());
        boolean[] ca = mask.storage().bools();
        Object xa = x.storage().array(), fa = fill.storage().array(), oa = out.storage().array();
        StridedLoop.of(shape, out.layout(), mask.layout().expand(shape), fill.layout().expand(shape), x.layout())
                .run((off, st, n) -> k.where(ca, off[1], st[1], fa, off[2], st[2], xa, off[3], st[3], oa, off[0], st[0], n));
        return Tracking.record(Op.MASKED_FILL, value, out, x, mask.detach());
    }

    /** Converts to another dtype (floats to int64 truncate toward zero; nonzero is true). */
    public static Tensor cast(Tensor x, DType dtype) {
        Tensor out = Tensor.empty(dtype, x.shape());
        copyInto(x, out);
        return Tracking.record(Op.TO_DTYPE, x.dtype(), out, x);
    }

    /** A contiguous copy, recorded as CLONE. */
    public static Tensor cloneOf(Tensor x) {
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        copyInto(x, out);
        return Tracking.record(Op.CLONE, null, out, x);
    }

    /** A contiguous copy of a non-contiguous tensor, recorded as CONTIGUOUS. */
    public static Tensor contiguous(Tensor x) {
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        copyInto(x, out);
        return Tracking.record(Op.CONTIGUOUS, null, out, x);
    }

    /** Copies src (same shape) into dst's elements, converting dtype; records nothing. */
    public static void copyInto(Tensor src, Tensor dst) {
        Object sa = src.storage().array(), da = dst.storage().array();
        DType sd = src.dtype(), dd = dst.dtype();
        if (sd == dd) {
            DTypeKernels k = Kernels.of(dd);
            StridedLoop.of(dst.shape(), dst.layout(), src.layout()).run((off, st, n) -> k.copy(sa, off[1], st[1], da, off[0], st[0], n));
        } else {
            StridedLoop.of(dst.shape(), dst.layout(), src.layout()).run((off, st, n) -> Convert.copy(sd, sa, off[1], st[1], dd, da, off[0], st[0], n));
        }
    }

    // ------------------------------------------------------------------ in place

    /** True if an in-place write of {@code self} with these operands must be recorded. */
    private static boolean recording(Tensor self, Tensor... others) {
        return Tracking.tracked(self) || Tracking.tracked(others) ? Tracking.TRACKER.isGradEnabled() : false;
    }

    /**
     * Overwrites {@code self} with {@code compute(self)}. When autograd is recording, the op runs on
     * a copy of the old values (so what backward saves is never overwritten) and self's history
     * continues from the result; otherwise the result is written straight into self.
     */
    public static Tensor inPlace(String name, Tensor self, UnaryOperator<Tensor> compute, Tensor... others) {
        if (recording(self, others)) {
            Tracking.TRACKER.checkInPlace(name, self);
            Tensor old = cloneOf(self);
            Tensor result = compute.apply(old);
            // A result that ignores the old values (fill_, copy_ of an untracked source) still
            // keeps the target in the graph, passing a zero gradient to its old history.
            if (Tracking.tracked(self) && !Tracking.tracked(result)) result = where(Tensor.scalar(0, DType.BOOL), old, result);
            checkSameShape(name, self, result);
            writeData(self, result);
            Tracking.TRACKER.rebaseInPlace(self, result);
            return self;
        }
        Tensor result = compute.apply(self);
        checkSameShape(name, self, result);
        writeData(self, result);
        return self;
    }

    /** self = self op other, writing directly into self when nothing is recorded. */
    public static Tensor binaryInPlace(Op op, Tensor self, Tensor other) {
        String name = op.pyName() + "_";
        DType dt = resultType(self, other);
        if (dt != DType.FLOAT64 && dt != DType.FLOAT32 && op == Op.DIV) dt = DType.FLOAT32;
        if (dt != self.dtype() && !(dt.isFloating() && self.dtype().isFloating()) && !(dt == DType.INT64 && self.dtype() == DType.INT64))
            throw new IllegalArgumentException(name + ": result type " + dt + " can't be cast to the desired output type " + self.dtype());
        int[] shape = Shape.broadcast(name, self.shape(), other.shape());
        if (!Shape.same(shape, self.shape()))
            throw new IllegalArgumentException(name + ": output with shape " + Shape.str(self.shape()) + " doesn't match the broadcast shape " + Shape.str(shape));
        if (recording(self, other)) return inPlace(name, self, s -> binary(op, s, other), other);
        Tensor y = other.to(self.dtype());
        if (y.storage() == self.storage() && !sameLayout(y.layout(), self.layout())) y = y.clone();
        DTypeKernels k = Kernels.of(self.dtype());
        Object sa = self.storage().array(), ya = y.storage().array();
        StridedLoop.of(shape, self.layout(), self.layout(), y.layout().expand(shape))
                .run((off, st, n) -> k.binary(op, sa, off[1], st[1], ya, off[2], st[2], sa, off[0], st[0], n));
        self.storage().bumpVersion();
        return self;
    }

    public static Tensor fill_(Tensor self, double value) {
        if (recording(self)) return inPlace("fill_", self, s -> Tensor.full(self.dtype(), value, self.shape()));
        DTypeKernels k = Kernels.of(self.dtype());
        Object a = self.storage().array();
        StridedLoop.of(self.shape(), self.layout()).run((off, st, n) -> k.fill(value, a, off[0], st[0], n));
        self.storage().bumpVersion();
        return self;
    }

    /** Copies src (broadcast to self's shape, converted to self's dtype) into self. */
    public static Tensor copy_(Tensor self, Tensor src) {
        int[] shape = Shape.broadcast("copy_", self.shape(), src.shape());
        if (!Shape.same(shape, self.shape()))
            throw new IllegalArgumentException("copy_: source of shape " + Shape.str(src.shape()) + " cannot be broadcast to " + Shape.str(self.shape()));
        if (recording(self, src)) return inPlace("copy_", self, s -> src.expand(self.shape()).to(self.dtype()).clone(), src);
        Tensor s = src.storage() == self.storage() ? src.clone() : src;
        copyInto(Tensor.viewOf(s, s.layout().expand(shape)), self);
        self.storage().bumpVersion();
        return self;
    }

    /** Overwrites self's values with those of a same-shape tensor, outside of autograd's view. */
    public static Tensor overwrite(Tensor self, Tensor values) {
        if (recording(self)) return inPlace("overwrite", self, s -> values);
        writeData(self, values);
        return self;
    }

    private static void writeData(Tensor self, Tensor result) {
        copyInto(result, self);
        self.storage().bumpVersion();
    }

    private static void checkSameShape(String name, Tensor self, Tensor result) {
        if (!Shape.same(self.shape(), result.shape()))
            throw new IllegalArgumentException(name + ": result of shape " + Shape.str(result.shape()) + " cannot be written into a tensor of shape " + Shape.str(self.shape()));
    }

    private static boolean sameLayout(Layout a, Layout b) {
        return a.offset() == b.offset() && java.util.Arrays.equals(a.shape(), b.shape()) && java.util.Arrays.equals(a.strides(), b.strides());
    }

    // ------------------------------------------------------------------ whole-tensor predicates

    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        if (!Shape.same(a.shape(), b.shape())) return false;
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) return false;
            if (x[i] == y[i]) continue;
            if (Math.abs(x[i] - y[i]) > atol + rtol * Math.abs(y[i])) return false;
        }
        return true;
    }

    public static boolean equal(Tensor a, Tensor b) {
        if (!Shape.same(a.shape(), b.shape())) return false;
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        return java.util.Arrays.equals(x, y);
    }
}
