package io.jgrad.core;

import io.jgrad.core.ops.Creation;
import io.jgrad.core.ops.Elementwise;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Linalg;
import io.jgrad.core.ops.Op;
import io.jgrad.core.ops.Reductions;
import io.jgrad.core.ops.Shaping;
import io.jgrad.core.ops.Views;
import io.jgrad.core.spi.GradMeta;
import io.jgrad.core.spi.Tracking;
import io.jgrad.core.storage.Storage;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array with PyTorch semantics: a {@link Storage} (the elements), a
 * {@link Layout} (shape, strides, offset) and optional gradient-tracking state.
 *
 * <p>Views ({@link #view}, {@link #transpose}, {@link #narrow}, {@link #expand}, ...) share the
 * storage and never copy. Binary ops broadcast like NumPy/PyTorch and promote dtypes like
 * PyTorch. Methods ending in {@code _} work in place. Dims may be negative (counted from the end).
 *
 * <pre>{@code
 * Generator gen = new Generator(42);
 * Tensor x = Tensor.randn(gen, 64, 784);
 * Tensor w = Tensor.randn(gen, 784, 10).mul(0.01).requiresGrad_(true);
 * Tensor loss = x.matmul(w).logSoftmax(1).neg().mean();
 * loss.backward();          // w.grad() now holds d loss / d w (needs the autograd module)
 * }</pre>
 *
 * <p>This class is the API facade; the work happens in {@code io.jgrad.core.ops}.
 */
public final class Tensor {
    private final Storage storage;
    private final Layout layout;
    private final Tensor base;
    private GradMeta gradMeta;

    private Tensor(Storage storage, Layout layout, Tensor base) {
        this.storage = storage;
        this.layout = layout;
        this.base = base;
    }

    // ------------------------------------------------------------------ low-level construction

    /** A tensor over an existing storage and layout (no copy). Low-level; prefer the factories. */
    public static Tensor of(Storage storage, Layout layout) {
        return new Tensor(storage, layout, null);
    }

    /** A view of {@code source}'s storage with another layout; the view remembers its base. */
    public static Tensor viewOf(Tensor source, Layout layout) {
        return new Tensor(source.storage, layout, source.base != null ? source.base : source);
    }

    /** A new contiguous tensor with uninitialised (zero) elements. */
    public static Tensor empty(DType dtype, int... shape) {
        Shape.check("empty", shape);
        return new Tensor(Storage.allocate(dtype, Shape.numel(shape)), Layout.contiguous(shape), null);
    }

    /** A new contiguous float32 tensor with zero elements. */
    public static Tensor empty(int... shape) {
        return empty(DType.FLOAT32, shape);
    }

    // ------------------------------------------------------------------ factories

    public static Tensor zeros(int... shape) { return Creation.full(DType.FLOAT32, shape, 0); }
    public static Tensor zeros(DType dtype, int... shape) { return Creation.full(dtype, shape, 0); }
    public static Tensor ones(int... shape) { return Creation.full(DType.FLOAT32, shape, 1); }
    public static Tensor ones(DType dtype, int... shape) { return Creation.full(dtype, shape, 1); }
    /** A tensor filled with {@code value} (float32). */
    public static Tensor full(double value, int... shape) { return Creation.full(DType.FLOAT32, shape, value); }
    public static Tensor full(DType dtype, double value, int... shape) { return Creation.full(dtype, shape, value); }
    /** {@code [0, 1, ..., end-1]} as int64, like {@code torch.arange(end)}. */
    public static Tensor arange(long end) { return Creation.arange(0, end, 1, DType.INT64); }
    /** {@code torch.arange(start, end, step)}: int64 if all three are integral, else float32. */
    public static Tensor arange(double start, double end, double step) {
        boolean integral = start == Math.rint(start) && end == Math.rint(end) && step == Math.rint(step);
        return Creation.arange(start, end, step, integral ? DType.INT64 : DType.FLOAT32);
    }
    public static Tensor arange(double start, double end, double step, DType dtype) { return Creation.arange(start, end, step, dtype); }
    /** {@code steps} evenly spaced values from start to end inclusive (float32). */
    public static Tensor linspace(double start, double end, int steps) { return Creation.linspace(start, end, steps, DType.FLOAT32); }
    public static Tensor linspace(double start, double end, int steps, DType dtype) { return Creation.linspace(start, end, steps, dtype); }
    /** The n x n identity (float32). */
    public static Tensor eye(int n) { return Creation.eye(n, n, DType.FLOAT32); }
    public static Tensor eye(int n, int m, DType dtype) { return Creation.eye(n, m, dtype); }
    /** Uniform samples in [0, 1) from {@code gen} (float32). */
    public static Tensor rand(Generator gen, int... shape) { return Creation.rand(gen, DType.FLOAT32, shape); }
    public static Tensor rand(Generator gen, DType dtype, int... shape) { return Creation.rand(gen, dtype, shape); }
    /** Uniform samples in [0, 1) from the default generator. */
    public static Tensor rand(int... shape) { return Creation.rand(Generator.defaultGenerator(), DType.FLOAT32, shape); }
    /** Standard normal samples from {@code gen} (float32). */
    public static Tensor randn(Generator gen, int... shape) { return Creation.randn(gen, DType.FLOAT32, shape); }
    public static Tensor randn(Generator gen, DType dtype, int... shape) { return Creation.randn(gen, dtype, shape); }
    /** Standard normal samples from the default generator. */
    public static Tensor randn(int... shape) { return Creation.randn(Generator.defaultGenerator(), DType.FLOAT32, shape); }
    /** Integers uniform in [low, high) (int64). */
    public static Tensor randint(Generator gen, long low, long high, int... shape) { return Creation.randint(gen, low, high, shape); }
    /** A random permutation of 0..n-1 (int64). */
    public static Tensor randperm(Generator gen, int n) { return Creation.randperm(gen, n); }

    public static Tensor zerosLike(Tensor t) { return Creation.full(t.dtype(), t.shape(), 0); }
    public static Tensor onesLike(Tensor t) { return Creation.full(t.dtype(), t.shape(), 1); }
    public static Tensor fullLike(Tensor t, double value) { return Creation.full(t.dtype(), t.shape(), value); }
    public static Tensor emptyLike(Tensor t) { return empty(t.dtype(), t.shape()); }
    public static Tensor randLike(Generator gen, Tensor t) { return Creation.rand(gen, t.dtype(), t.shape()); }
    public static Tensor randnLike(Generator gen, Tensor t) { return Creation.randn(gen, t.dtype(), t.shape()); }

    /** A float32 tensor of the given shape holding a copy of {@code data} (row-major). */
    public static Tensor of(float[] data, int... shape) { return Creation.fromArray(Storage.of(data.clone()), shape, data.length); }
    public static Tensor of(double[] data, int... shape) { return Creation.fromArray(Storage.of(data.clone()), shape, data.length); }
    public static Tensor of(long[] data, int... shape) { return Creation.fromArray(Storage.of(data.clone()), shape, data.length); }
    public static Tensor of(boolean[] data, int... shape) { return Creation.fromArray(Storage.of(data.clone()), shape, data.length); }
    /** A 1-d float32 tensor. */
    public static Tensor of(float... data) { return of(data, data.length); }
    /** A 1-d float64 tensor. */
    public static Tensor of(double... data) { return of(data, data.length); }
    /** A 1-d int64 tensor. */
    public static Tensor of(long... data) { return of(data, data.length); }
    /** A tensor from a nested Java array ({@code float[][]}, {@code double[][][]}, {@code long[]}, ...). */
    public static Tensor fromNested(Object nested) { return Creation.fromNested(nested); }
    /** A 0-d float32 tensor. */
    public static Tensor scalar(double value) { return Creation.full(DType.FLOAT32, new int[0], value); }
    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) { return Creation.full(dtype, new int[0], value); }

    // ------------------------------------------------------------------ properties

    public Storage storage() { return storage; }
    public Layout layout() { return layout; }
    public DType dtype() { return storage.dtype(); }
    /** The shape (a copy). */
    public int[] shape() { return layout.shape(); }
    /** Size of a dim (negative counts from the end). */
    public int size(int dim) { return layout.size(Shape.dim("size", dim, dim())); }
    /** Number of dims. */
    public int dim() { return layout.rank(); }
    public int numel() { return layout.numel(); }
    /** Strides in elements (a copy). */
    public int[] stride() { return layout.strides(); }
    public int stride(int dim) { return layout.stride(Shape.dim("stride", dim, dim())); }
    public int storageOffset() { return layout.offset(); }
    public boolean isContiguous() { return layout.isContiguous(); }
    /** For a view: the tensor that owns the storage; otherwise null. */
    public Tensor base() { return base; }
    /** The version of the storage, bumped by every in-place write. */
    public int version() { return storage.version(); }
    /** True for float32 and float64. */
    public boolean isFloatingPoint() { return dtype().isFloating(); }

    // ------------------------------------------------------------------ reading values

    /** The single value of a one-element tensor, as a double. */
    public double item() {
        if (numel() != 1) throw new IllegalArgumentException("item: a tensor with " + numel() + " elements cannot be converted to a scalar");
        return storage.getDouble(layout.indexOfLinear(0));
    }

    /** The single value of a one-element tensor, as a long. */
    public long itemLong() {
        if (numel() != 1) throw new IllegalArgumentException("itemLong: a tensor with " + numel() + " elements cannot be converted to a scalar");
        return storage.getLong(layout.indexOfLinear(0));
    }

    /** The element at a full index, as a double. */
    public double get(int... index) { return storage.getDouble(Indexing.offsetOf(this, index)); }

    /** All elements in row-major order, converted to float. */
    public float[] toFloatArray() { return to(DType.FLOAT32).contiguous().copyArray(float[].class); }
    /** All elements in row-major order, converted to double. */
    public double[] toDoubleArray() { return to(DType.FLOAT64).contiguous().copyArray(double[].class); }
    /** All elements in row-major order, converted to long. */
    public long[] toLongArray() { return to(DType.INT64).contiguous().copyArray(long[].class); }
    /** All elements in row-major order, converted to boolean. */
    public boolean[] toBooleanArray() { return to(DType.BOOL).contiguous().copyArray(boolean[].class); }

    /**
     * The elements as a nested Java array in this tensor's dtype: {@code float[][]} for a 2-d
     * float32 tensor, {@code long[]} for 1-d int64, a boxed value for 0-d.
     */
    public Object toNested() { return Creation.toNested(this); }

    private <A> A copyArray(Class<A> type) {
        Object a = storage.array();
        Object out = java.lang.reflect.Array.newInstance(type.getComponentType(), numel());
        System.arraycopy(a, layout.offset(), out, 0, numel());
        return type.cast(out);
    }

    // ------------------------------------------------------------------ dtype and copies

    /** This tensor converted to {@code dtype} (itself if it already has it). */
    public Tensor to(DType dtype) { return dtype == dtype() ? this : Elementwise.cast(this, dtype); }
    /** A contiguous copy that does not share storage. */
    public Tensor clone() { return Elementwise.cloneOf(this); }
    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() { return isContiguous() ? this : Elementwise.contiguous(this); }
    /** A tensor sharing storage but with no gradient history. */
    public Tensor detach() { return new Tensor(storage, layout, base); }

    // ------------------------------------------------------------------ views

    /** A view with a new shape (one dim may be -1); fails if the strides do not allow a view. */
    public Tensor view(int... shape) { return Views.view(this, shape); }
    /** Like {@link #view}, but copies when a view is impossible. */
    public Tensor reshape(int... shape) { return Views.reshape(this, shape); }
    public Tensor viewAs(Tensor other) { return view(other.shape()); }
    public Tensor reshapeAs(Tensor other) { return reshape(other.shape()); }
    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }
    /** Transpose of a 2-d tensor (a 0-d or 1-d tensor is returned as is). */
    public Tensor t() { return Views.t(this); }
    /** Transpose of the last two dims. */
    public Tensor mT() { return transpose(-2, -1); }
    public Tensor permute(int... dims) { return Views.permute(this, dims); }
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }
    /** Elements {@code start, start+step, ...} below {@code end} along {@code dim} (like {@code t[..., start:end:step]}). */
    public Tensor slice(int dim, int start, int end, int step) { return Views.slice(this, dim, start, end, step); }
    public Tensor slice(int dim, int start, int end) { return Views.slice(this, dim, start, end, 1); }
    public Tensor select(int dim, int index) { return Views.select(this, dim, index); }
    /** Broadcasts size-1 dims (or adds leading dims) without copying; -1 keeps a size. */
    public Tensor expand(int... shape) { return Views.expand(this, shape); }
    public Tensor expandAs(Tensor other) { return expand(other.shape()); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    /** Removes all size-1 dims. */
    public Tensor squeeze() { return Views.squeeze(this); }
    /** Removes {@code dim} if its size is 1 (otherwise returns an identical view). */
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    public Tensor flatten() { return Views.flatten(this, 0, -1); }
    public Tensor flatten(int startDim, int endDim) { return Views.flatten(this, startDim, endDim); }
    public Tensor unflatten(int dim, int... sizes) { return Views.unflatten(this, dim, sizes); }
    public Tensor movedim(int source, int destination) { return Views.movedim(this, new int[] {source}, new int[] {destination}); }
    public Tensor movedim(int[] source, int[] destination) { return Views.movedim(this, source, destination); }
    /** Pieces of {@code splitSize} along {@code dim} (the last may be smaller). */
    public List<Tensor> split(int splitSize, int dim) { return Views.split(this, splitSize, dim); }
    /** Pieces of the given sizes along {@code dim}. */
    public List<Tensor> split(int[] sections, int dim) { return Views.split(this, sections, dim); }
    public List<Tensor> chunk(int chunks, int dim) { return Views.chunk(this, chunks, dim); }
    public List<Tensor> unbind(int dim) { return Views.unbind(this, dim); }
    /** An arbitrary strided view of the same storage (as {@code torch.as_strided}). */
    public Tensor asStrided(int[] shape, int[] strides, int offset) { return Views.asStrided(this, shape, strides, offset); }

    // ------------------------------------------------------------------ shape ops that copy

    /** Concatenates along an existing dim. */
    public static Tensor cat(List<Tensor> tensors, int dim) { return Shaping.cat(tensors, dim); }
    /** Stacks along a new dim. */
    public static Tensor stack(List<Tensor> tensors, int dim) { return Shaping.stack(tensors, dim); }
    public Tensor flip(int... dims) { return Shaping.flip(this, dims); }
    public Tensor roll(int shift, int dim) { return Shaping.roll(this, new int[] {shift}, new int[] {dim}); }
    /** Rolls by {@code shifts[i]} along {@code dims[i]}; with {@code dims == null} rolls the flattened tensor. */
    public Tensor roll(int[] shifts, int[] dims) { return Shaping.roll(this, shifts, dims); }
    public Tensor repeat(int... repeats) { return Shaping.repeat(this, repeats); }
    public Tensor tile(int... dims) { return Shaping.tile(this, dims); }
    public Tensor tril(int diagonal) { return Shaping.tril(this, diagonal); }
    public Tensor tril() { return tril(0); }
    public Tensor triu(int diagonal) { return Shaping.triu(this, diagonal); }
    public Tensor triu() { return triu(0); }
    /** Pads with a constant; {@code pad} lists (left, right) pairs from the last dim backwards, negative crops. */
    public Tensor pad(int[] pad, double value) { return Shaping.pad(this, pad, Shaping.PadMode.CONSTANT, value); }
    /** Pads with the given mode ({@code constant}, {@code reflect}, {@code replicate}, {@code circular}). */
    public Tensor pad(int[] pad, Shaping.PadMode mode, double value) { return Shaping.pad(this, pad, mode, value); }

    // ------------------------------------------------------------------ elementwise math

    public Tensor neg() { return Elementwise.unary(Op.NEG, this); }
    public Tensor abs() { return Elementwise.unary(Op.ABS, this); }
    public Tensor exp() { return Elementwise.unary(Op.EXP, this); }
    public Tensor log() { return Elementwise.unary(Op.LOG, this); }
    public Tensor sqrt() { return Elementwise.unary(Op.SQRT, this); }
    public Tensor rsqrt() { return Elementwise.unary(Op.RSQRT, this); }
    public Tensor sin() { return Elementwise.unary(Op.SIN, this); }
    public Tensor cos() { return Elementwise.unary(Op.COS, this); }
    public Tensor tan() { return Elementwise.unary(Op.TAN, this); }
    public Tensor atan() { return Elementwise.unary(Op.ATAN, this); }
    public Tensor tanh() { return Elementwise.unary(Op.TANH, this); }
    public Tensor sigmoid() { return Elementwise.unary(Op.SIGMOID, this); }
    public Tensor relu() { return Elementwise.unary(Op.RELU, this); }
    public Tensor square() { return Elementwise.unary(Op.SQUARE, this); }
    public Tensor reciprocal() { return Elementwise.unary(Op.RECIPROCAL, this); }
    public Tensor log1p() { return Elementwise.unary(Op.LOG1P, this); }
    public Tensor expm1() { return Elementwise.unary(Op.EXPM1, this); }
    public Tensor erf() { return Elementwise.unary(Op.ERF, this); }
    public Tensor sign() { return Elementwise.unary(Op.SIGN, this); }
    public Tensor floor() { return Elementwise.unary(Op.FLOOR, this); }
    public Tensor ceil() { return Elementwise.unary(Op.CEIL, this); }
    /** Rounds half to even, as {@code torch.round}. */
    public Tensor round() { return Elementwise.unary(Op.ROUND, this); }
    public Tensor trunc() { return Elementwise.unary(Op.TRUNC, this); }
    public Tensor pow(double exponent) { return Elementwise.powScalar(this, exponent); }
    public Tensor pow(Tensor exponent) { return Elementwise.binary(Op.POW, this, exponent); }
    /** Clamps to [min, max]; pass null for a missing bound. */
    public Tensor clamp(Double min, Double max) { return Elementwise.clamp(this, min, max); }
    public Tensor clamp(double min, double max) { return Elementwise.clamp(this, min, max); }
    public Tensor clampMin(double min) { return Elementwise.clamp(this, min, null); }
    public Tensor clampMax(double max) { return Elementwise.clamp(this, null, max); }

    public Tensor add(Tensor other) { return Elementwise.binary(Op.ADD, this, other); }
    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, double alpha) { return alpha == 1 ? add(other) : add(other.mul(alpha)); }
    public Tensor add(double value) { return Elementwise.binary(Op.ADD, this, Elementwise.scalarLike(this, value)); }
    public Tensor sub(Tensor other) { return Elementwise.binary(Op.SUB, this, other); }
    /** {@code this - alpha * other}. */
    public Tensor sub(Tensor other, double alpha) { return alpha == 1 ? sub(other) : sub(other.mul(alpha)); }
    public Tensor sub(double value) { return Elementwise.binary(Op.SUB, this, Elementwise.scalarLike(this, value)); }
    /** {@code value - this}. */
    public Tensor rsub(double value) { return Elementwise.binary(Op.SUB, Elementwise.scalarLike(this, value), this); }
    public Tensor mul(Tensor other) { return Elementwise.binary(Op.MUL, this, other); }
    public Tensor mul(double value) { return Elementwise.binary(Op.MUL, this, Elementwise.scalarLike(this, value)); }
    /** True division (integer inputs give float32), as {@code torch.div}. */
    public Tensor div(Tensor other) { return Elementwise.binary(Op.DIV, this, other); }
    public Tensor div(double value) { return Elementwise.binary(Op.DIV, this, Elementwise.scalarLike(this, value)); }
    public Tensor maximum(Tensor other) { return Elementwise.binary(Op.MAXIMUM, this, other); }
    public Tensor minimum(Tensor other) { return Elementwise.binary(Op.MINIMUM, this, other); }
    public Tensor atan2(Tensor other) { return Elementwise.binary(Op.ATAN2, this, other); }

    public Tensor eq(Tensor other) { return Elementwise.compare(Op.EQ, this, other); }
    public Tensor eq(double value) { return Elementwise.compare(Op.EQ, this, Elementwise.scalarLike(this, value)); }
    public Tensor ne(Tensor other) { return Elementwise.compare(Op.NE, this, other); }
    public Tensor ne(double value) { return Elementwise.compare(Op.NE, this, Elementwise.scalarLike(this, value)); }
    public Tensor lt(Tensor other) { return Elementwise.compare(Op.LT, this, other); }
    public Tensor lt(double value) { return Elementwise.compare(Op.LT, this, Elementwise.scalarLike(this, value)); }
    public Tensor le(Tensor other) { return Elementwise.compare(Op.LE, this, other); }
    public Tensor le(double value) { return Elementwise.compare(Op.LE, this, Elementwise.scalarLike(this, value)); }
    public Tensor gt(Tensor other) { return Elementwise.compare(Op.GT, this, other); }
    public Tensor gt(double value) { return Elementwise.compare(Op.GT, this, Elementwise.scalarLike(this, value)); }
    public Tensor ge(Tensor other) { return Elementwise.compare(Op.GE, this, other); }
    public Tensor ge(double value) { return Elementwise.compare(Op.GE, this, Elementwise.scalarLike(this, value)); }
    /** True where the element is NaN. */
    public Tensor isnan() { return Elementwise.compare(Op.NE, this, this); }
    /** True where the element is +inf or -inf. */
    public Tensor isinf() { return abs().eq(Double.POSITIVE_INFINITY); }
    /** True where the element is neither NaN nor infinite. */
    public Tensor isfinite() { return isnan().logicalOr(isinf()).logicalNot(); }
    public Tensor logicalNot() { return Elementwise.logical(Op.LOGICAL_NOT, this, null); }
    public Tensor logicalAnd(Tensor other) { return Elementwise.logical(Op.LOGICAL_AND, this, other); }
    public Tensor logicalOr(Tensor other) { return Elementwise.logical(Op.LOGICAL_OR, this, other); }
    public Tensor logicalXor(Tensor other) { return Elementwise.logical(Op.LOGICAL_XOR, this, other); }

    /** Elementwise {@code condition ? input : other}, all three broadcast. */
    public static Tensor where(Tensor condition, Tensor input, Tensor other) { return Elementwise.where(condition, input, other); }
    /** {@code condition ? this : other}. */
    public Tensor where(Tensor condition, double other) { return Elementwise.where(condition, this, Elementwise.scalarLike(this, other)); }
    /** A copy with {@code value} where {@code mask} (broadcast to this shape) is true. */
    public Tensor maskedFill(Tensor mask, double value) { return Elementwise.maskedFill(this, mask, value); }
    /** True if shapes match and every element is within {@code atol + rtol * |other|}. */
    public boolean allclose(Tensor other, double rtol, double atol) { return Elementwise.allclose(this, other, rtol, atol); }
    /** True if shapes and all elements are equal. */
    public boolean equal(Tensor other) { return Elementwise.equal(this, other); }

    // ------------------------------------------------------------------ in place

    public Tensor add_(Tensor other) { return Elementwise.binaryInPlace(Op.ADD, this, other); }
    public Tensor add_(Tensor other, double alpha) { return alpha == 1 ? add_(other) : add_(other.mul(alpha)); }
    public Tensor add_(double value) { return Elementwise.binaryInPlace(Op.ADD, this, Elementwise.scalarLike(this, value)); }
    public Tensor sub_(Tensor other) { return Elementwise.binaryInPlace(Op.SUB, this, other); }
    public Tensor sub_(double value) { return Elementwise.binaryInPlace(Op.SUB, this, Elementwise.scalarLike(this, value)); }
    public Tensor mul_(Tensor other) { return Elementwise.binaryInPlace(Op.MUL, this, other); }
    public Tensor mul_(double value) { return Elementwise.binaryInPlace(Op.MUL, this, Elementwise.scalarLike(this, value)); }
    public Tensor div_(Tensor other) { return Elementwise.binaryInPlace(Op.DIV, this, other); }
    public Tensor div_(double value) { return Elementwise.binaryInPlace(Op.DIV, this, Elementwise.scalarLike(this, value)); }
    public Tensor clamp_(Double min, Double max) { return Elementwise.inPlace("clamp_", this, s -> s.clamp(min, max)); }
    public Tensor clamp_(double min, double max) { return Elementwise.inPlace("clamp_", this, s -> s.clamp(min, max)); }
    public Tensor relu_() { return Elementwise.inPlace("relu_", this, Tensor::relu); }
    public Tensor maskedFill_(Tensor mask, double value) { return Elementwise.inPlace("masked_fill_", this, s -> s.maskedFill(mask, value)); }
    /** Sets every element to 0. */
    public Tensor zero_() { return Elementwise.fill_(this, 0); }
    /** Sets every element to {@code value}. */
    public Tensor fill_(double value) { return Elementwise.fill_(this, value); }
    /** Copies {@code src} (broadcast, converted to this dtype) into this tensor. */
    public Tensor copy_(Tensor src) { return Elementwise.copy_(this, src); }
    /** Fills with uniform samples in [from, to). */
    public Tensor uniform_(Generator gen, double from, double to) { return Creation.uniform_(this, gen, from, to); }
    /** Fills with normal samples. */
    public Tensor normal_(Generator gen, double mean, double std) { return Creation.normal_(this, gen, mean, std); }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    public Tensor sum(int dim) { return Reductions.sum(this, new int[] {dim}, false); }
    public Tensor sum(int dim, boolean keepdim) { return Reductions.sum(this, new int[] {dim}, keepdim); }
    public Tensor sum(int[] dims, boolean keepdim) { return Reductions.sum(this, dims, keepdim); }
    public Tensor mean() { return Reductions.mean(this, null, false); }
    public Tensor mean(int dim) { return Reductions.mean(this, new int[] {dim}, false); }
    public Tensor mean(int dim, boolean keepdim) { return Reductions.mean(this, new int[] {dim}, keepdim); }
    public Tensor mean(int[] dims, boolean keepdim) { return Reductions.mean(this, dims, keepdim); }
    public Tensor prod() { return Reductions.prod(this, null, false); }
    public Tensor prod(int dim, boolean keepdim) { return Reductions.prod(this, dim, keepdim); }
    public Tensor amax() { return Reductions.amax(this, null, false); }
    public Tensor amax(int dim, boolean keepdim) { return Reductions.amax(this, new int[] {dim}, keepdim); }
    public Tensor amax(int[] dims, boolean keepdim) { return Reductions.amax(this, dims, keepdim); }
    public Tensor amin() { return Reductions.amin(this, null, false); }
    public Tensor amin(int dim, boolean keepdim) { return Reductions.amin(this, new int[] {dim}, keepdim); }
    public Tensor amin(int[] dims, boolean keepdim) { return Reductions.amin(this, dims, keepdim); }
    /** The maximum of all elements (0-d). */
    public Tensor max() { return Reductions.amax(this, null, false); }
    /** Maximum values along {@code dim} and their indices, as {@code torch.max(x, dim)}. */
    public ValuesIndices max(int dim, boolean keepdim) { return Reductions.maxDim(this, dim, keepdim, true); }
    public Tensor min() { return Reductions.amin(this, null, false); }
    public ValuesIndices min(int dim, boolean keepdim) { return Reductions.maxDim(this, dim, keepdim, false); }
    /** Index of the maximum of the flattened tensor. */
    public Tensor argmax() { return Reductions.argmax(this, null, false, true); }
    public Tensor argmax(int dim, boolean keepdim) { return Reductions.argmax(this, dim, keepdim, true); }
    public Tensor argmin() { return Reductions.argmax(this, null, false, false); }
    public Tensor argmin(int dim, boolean keepdim) { return Reductions.argmax(this, dim, keepdim, false); }
    /** Unbiased variance of all elements. */
    public Tensor var() { return Reductions.var(this, null, 1, false); }
    /** Variance over {@code dims} with divisor N - correction. */
    public Tensor var(int[] dims, int correction, boolean keepdim) { return Reductions.var(this, dims, correction, keepdim); }
    public Tensor std() { return Reductions.std(this, null, 1, false); }
    public Tensor std(int[] dims, int correction, boolean keepdim) { return Reductions.std(this, dims, correction, keepdim); }
    public Tensor logsumexp(int dim, boolean keepdim) { return Reductions.logsumexp(this, new int[] {dim}, keepdim); }
    public Tensor logsumexp(int[] dims, boolean keepdim) { return Reductions.logsumexp(this, dims, keepdim); }
    /** The p-norm of all elements. */
    public Tensor norm(double p) { return Reductions.norm(this, p, null, false); }
    /** The 2-norm of all elements. */
    public Tensor norm() { return Reductions.norm(this, 2, null, false); }
    public Tensor norm(double p, int[] dims, boolean keepdim) { return Reductions.norm(this, p, dims, keepdim); }
    public Tensor cumsum(int dim) { return Reductions.cumsum(this, dim); }
    public Tensor cumprod(int dim) { return Reductions.cumprod(this, dim); }
    public Tensor softmax(int dim) { return Reductions.softmax(this, dim, false); }
    public Tensor logSoftmax(int dim) { return Reductions.softmax(this, dim, true); }
    /** True (0-d bool) if every element is non-zero. */
    public Tensor all() { return Reductions.allAny(this, null, false, true); }
    public Tensor all(int dim, boolean keepdim) { return Reductions.allAny(this, dim, keepdim, true); }
    public Tensor any() { return Reductions.allAny(this, null, false, false); }
    public Tensor any(int dim, boolean keepdim) { return Reductions.allAny(this, dim, keepdim, false); }

    /** Values and int64 indices from {@link #max(int, boolean)} and {@link #min(int, boolean)}. */
    public record ValuesIndices(Tensor values, Tensor indices) {}

    // ------------------------------------------------------------------ indexing

    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** A copy with {@code src} added at {@code index} along {@code dim} (duplicates accumulate). */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatterAdd(this, dim, index, src); }
    /** A copy with the rows of {@code source} added at {@code index} along {@code dim}. */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) { return Indexing.indexAdd(this, dim, index, source); }
    public Tensor takeAlongDim(Tensor indices, int dim) { return Indexing.takeAlongDim(this, indices, dim); }
    /** {@code t[index]} for a 1-d int64 index along dim 0 (negative indices count from the end). */
    public Tensor index(Tensor index) { return Indexing.indexTensor(this, index); }
    /** {@code t[mask]}: the elements where the bool mask (same shape) is true, as a 1-d tensor. */
    public Tensor maskedSelect(Tensor mask) { return Indexing.maskedSelect(this, mask); }

    // ------------------------------------------------------------------ linear algebra

    /** Matrix product with {@code torch.matmul}'s rules for 1-d, 2-d and batched operands. */
    public Tensor matmul(Tensor other) { return Linalg.matmul(this, other); }
    /** 2-d matrix product. */
    public Tensor mm(Tensor other) { return Linalg.mm(this, other); }
    /** Batched 3-d matrix product. */
    public Tensor bmm(Tensor other) { return Linalg.bmm(this, other); }
    public Tensor dot(Tensor other) { return Linalg.dot(this, other); }
    public Tensor outer(Tensor other) { return Linalg.outer(this, other); }
    /** Einstein summation, as {@code torch.einsum}. */
    public static Tensor einsum(String equation, Tensor... operands) { return Linalg.einsum(equation, operands); }

    // ------------------------------------------------------------------ autograd (needs the autograd module)

    /** Turns gradient tracking on or off for this leaf; returns this. */
    public Tensor requiresGrad_(boolean requiresGrad) {
        Tracking.TRACKER.setRequiresGrad(this, requiresGrad);
        return this;
    }
    public Tensor requiresGrad_() { return requiresGrad_(true); }
    public boolean requiresGrad() { return gradMeta != null && gradMeta.requiresGrad(); }
    /** The accumulated gradient, or null. */
    public Tensor grad() { return gradMeta == null ? null : Tracking.TRACKER.grad(this); }
    /** Replaces the gradient (null clears it). */
    public void setGrad(Tensor grad) { Tracking.TRACKER.setGrad(this, grad); }
    /** True unless this tensor was produced by a recorded op. */
    public boolean isLeaf() { return gradMeta == null || Tracking.TRACKER.isLeaf(this); }
    /** The name of the backward node that produced this tensor (e.g. {@code "MulBackward"}), or null. */
    public String gradFn() { return gradMeta == null ? null : Tracking.TRACKER.gradFn(this); }
    /** Keeps this non-leaf tensor's gradient after backward. */
    public Tensor retainGrad() {
        Tracking.TRACKER.retainGrad(this);
        return this;
    }
    /** Backpropagates from this scalar. */
    public void backward() { Tracking.TRACKER.backward(this, null, false, false); }
    /** Backpropagates {@code gradient} (same shape as this tensor). */
    public void backward(Tensor gradient) { Tracking.TRACKER.backward(this, gradient, false, false); }
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) { Tracking.TRACKER.backward(this, gradient, retainGraph, createGraph); }
    /** Calls {@code hook} with this tensor's gradient during backward; a non-null result replaces it. */
    public AutoCloseable registerHook(UnaryOperator<Tensor> hook) { return Tracking.TRACKER.registerHook(this, hook); }

    /** SPI: the gradient state the autograd module attached, or null. */
    public GradMeta gradMeta() { return gradMeta; }
    /** SPI: attaches gradient state (used by the autograd module). */
    public void gradMeta(GradMeta meta) { this.gradMeta = meta; }

    // ------------------------------------------------------------------ printing

    /** PyTorch-style text, e.g. {@code tensor([[0.1000, 0.2000]])}, eliding large tensors. */
    @Override
    public String toString() { return TensorFormatter.format(this); }

    /** The global thread count for ops (see {@link Parallel#setNumThreads}). */
    public static void setNumThreads(int n) { Parallel.setNumThreads(n); }
    public static int getNumThreads() { return Parallel.getNumThreads(); }
    /** Seeds the default generator, as {@code torch.manual_seed}. */
    public static void manualSeed(long seed) { Generator.defaultGenerator().manualSeed(seed); }
}
