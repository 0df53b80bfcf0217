package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.spi.Tracking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape ops that produce new data: cat, stack, flip, roll, repeat, tile, tril/triu, pad and
 * slice_scatter. Primitives (CAT, FLIP, PAD, SLICE_SCATTER) are recorded; the others are
 * compositions of views and these, so their gradients come for free.
 */
public final class Shaping {
    private Shaping() {}

    /** Padding modes of {@link #pad}, as in {@code F.pad}. */
    public enum PadMode {
        CONSTANT, REFLECT, REPLICATE, CIRCULAR;

        /** Parses PyTorch's mode name. */
        public static PadMode of(String name) {
            return switch (name) {
                case "constant" -> CONSTANT;
                case "reflect" -> REFLECT;
                case "replicate" -> REPLICATE;
                case "circular" -> CIRCULAR;
                default -> throw new IllegalArgumentException("pad: unknown mode '" + name + "' (expected constant, reflect, replicate or circular)");
            };
        }
    }

    /** Attrs of CAT: the dim and each input's size along it. */
    public record Cat(int dim, int[] sizes) {}

    /** Attrs of PAD (constant mode): the pads, last dim first. */
    public record Pad(int[] pad, double value) {}

    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        Tensor first = tensors.get(0);
        int rank = first.dim();
        if (rank == 0) throw new IllegalArgumentException("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
        int d = Shape.dim("cat", dim, rank);
        DType dt = first.dtype();
        for (Tensor t : tensors) dt = dt.promote(t.dtype());
        int[] shape = first.shape();
        int total = 0;
        int[] sizes = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() != rank)
                throw new IllegalArgumentException("cat: tensors must have the same number of dimensions: got " + rank + " and " + t.dim() + " (tensor " + i + ")");
            for (int j = 0; j < rank; j++)
                if (j != d && t.size(j) != shape[j])
                    throw new IllegalArgumentException("cat: sizes of tensors must match except in dimension " + d + ": expected size " + shape[j]
                            + " but got size " + t.size(j) + " for tensor number " + i + " in the list (shapes " + Shape.str(shape) + " and " + Shape.str(t.shape()) + ")");
            sizes[i] = t.size(d);
            total += sizes[i];
        }
        shape[d] = total;
        Tensor out = Tensor.empty(dt, shape);
        Tensor[] inputs = new Tensor[tensors.size()];
        int off = 0;
        for (int i = 0; i < tensors.size(); i++) {
            inputs[i] = tensors.get(i).to(dt);
            if (sizes[i] > 0) Elementwise.copyInto(inputs[i], Tensor.viewOf(out, out.layout().slice(d, off, off + sizes[i], 1)));
            off += sizes[i];
        }
        return Tracking.record(Op.CAT, new Cat(d, sizes), out, inputs);
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        int[] shape = tensors.get(0).shape();
        int d = Shape.dim("stack", dim, shape.length + 1);
        List<Tensor> un = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Shape.same(t.shape(), shape))
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + Shape.str(shape) + " at entry 0 and " + Shape.str(t.shape()) + " at entry " + i);
            un.add(t.unsqueeze(d));
        }
        return cat(un, d);
    }

    public static Tensor flip(Tensor x, int... dims) {
        int[] d = Shape.dims("flip", dims, x.dim());
        if (x.dim() == 0 || d.length == 0) return x.clone();
        Layout l = x.layout();
        int[] st = l.strides();
        int off = l.offset();
        for (int k : d) {
            off += (l.size(k) - 1) * st[k];
            st[k] = -st[k];
        }
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        if (x.numel() > 0) Elementwise.copyInto(Tensor.viewOf(x, l.asStrided(l.shape(), st, off)), out);
        return Tracking.record(Op.FLIP, d, out, x);
    }

    public static Tensor roll(Tensor x, int[] shifts, int[] dims) {
        if (dims == null || dims.length == 0) {
            if (shifts.length != 1) throw new IllegalArgumentException("roll: with no dims, exactly one shift is expected, got " + Shape.str(shifts));
            return roll(x.flatten(), shifts, new int[] {0}).reshape(x.shape());
        }
        if (shifts.length != dims.length)
            throw new IllegalArgumentException("roll: shifts " + Shape.str(shifts) + " and dims " + Shape.str(dims) + " must have the same length");
        Tensor r = x;
        for (int i = 0; i < dims.length; i++) {
            int d = Shape.dim("roll", dims[i], x.dim());
            int n = x.size(d);
            if (n == 0) continue;
            int s = Math.floorMod(shifts[i], n);
            if (s == 0) continue;
            r = cat(List.of(r.narrow(d, n - s, s), r.narrow(d, 0, n - s)), d);
        }
        return r == x ? x.clone() : r;
    }

    public static Tensor repeat(Tensor x, int... repeats) {
        if (repeats.length < x.dim())
            throw new IllegalArgumentException("repeat: number of repeat dims (" + repeats.length + ") can not be smaller than the number of dims of the tensor (" + x.dim() + ")");
        for (int r : repeats) if (r < 0) throw new IllegalArgumentException("repeat: repeats must be non-negative, got " + Shape.str(repeats));
        int lead = repeats.length - x.dim();
        int[] padded = new int[repeats.length];
        Arrays.fill(padded, 1);
        System.arraycopy(x.shape(), 0, padded, lead, x.dim());
        // View x as (1, s0, 1, s1, ...), expand to (r0, s0, r1, s1, ...), then merge pairs.
        int[] inter = new int[2 * repeats.length], exp = new int[2 * repeats.length], out = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            inter[2 * i] = 1;
            inter[2 * i + 1] = padded[i];
            exp[2 * i] = repeats[i];
            exp[2 * i + 1] = padded[i];
            out[i] = repeats[i] * padded[i];
        }
        return x.reshape(inter).expand(exp).contiguous().reshape(out);
    }

    public static Tensor tile(Tensor x, int... dims) {
        int[] r = dims;
        if (dims.length < x.dim()) {
            r = new int[x.dim()];
            Arrays.fill(r, 1);
            System.arraycopy(dims, 0, r, x.dim() - dims.length, dims.length);
        }
        return repeat(x, r);
    }

    public static Tensor tril(Tensor x, int diagonal) {
        return triangle(x, diagonal, true);
    }

    public static Tensor triu(Tensor x, int diagonal) {
        return triangle(x, diagonal, false);
    }

    private static Tensor triangle(Tensor x, int diagonal, boolean lower) {
        String name = lower ? "tril" : "triu";
        if (x.dim() < 2) throw new IllegalArgumentException(name + ": input tensor must have at least 2 dimensions, got shape " + Shape.str(x.shape()));
        int rows = x.size(-2), cols = x.size(-1);
        boolean[] keep = new boolean[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) keep[i * cols + j] = lower ? j - i <= diagonal : j - i >= diagonal;
        Tensor mask = Tensor.of(keep, rows, cols);
        return Elementwise.where(mask, x, Tensor.scalar(0, x.dtype()));
    }

    /** F.pad: pairs (left, right) from the last dim backwards; negative pads crop (constant mode). */
    public static Tensor pad(Tensor x, int[] pad, PadMode mode, double value) {
        if (pad.length % 2 != 0) throw new IllegalArgumentException("pad: padding length must be divisible by 2, got " + pad.length);
        if (pad.length / 2 > x.dim())
            throw new IllegalArgumentException("pad: padding length " + pad.length + " is too large for a tensor of " + x.dim() + " dims (shape " + Shape.str(x.shape()) + ")");
        if (mode != PadMode.CONSTANT) return padByIndex(x, pad, mode);
        int[] shape = x.shape(), out = x.shape();
        for (int i = 0; i < pad.length / 2; i++) {
            int d = shape.length - 1 - i;
            out[d] = shape[d] + pad[2 * i] + pad[2 * i + 1];
            if (out[d] < 0)
                throw new IllegalArgumentException("pad: padding " + Shape.str(pad) + " gives a negative size " + out[d] + " for dim " + d + " of shape " + Shape.str(shape));
        }
        Tensor y = Tensor.full(x.dtype(), value, out);
        // Copy the overlap of x and y (padding shifts x, cropping cuts it).
        Layout src = x.layout(), dst = y.layout();
        boolean empty = false;
        for (int i = 0; i < pad.length / 2; i++) {
            int d = shape.length - 1 - i, left = pad[2 * i];
            int srcStart = Math.max(0, -left), dstStart = Math.max(0, left);
            int len = Math.min(shape[d] - srcStart, out[d] - dstStart);
            if (len <= 0) { empty = true; break; }
            src = src.slice(d, srcStart, srcStart + len, 1);
            dst = dst.slice(d, dstStart, dstStart + len, 1);
        }
        if (!empty && src.numel() > 0) Elementwise.copyInto(Tensor.viewOf(x, src), Tensor.viewOf(y, dst));
        return Tracking.record(Op.PAD, new Pad(pad.clone(), value), y, x);
    }

    /** Reflect, replicate and circular padding as index_select along each padded dim. */
    private static Tensor padByIndex(Tensor x, int[] pad, PadMode mode) {
        Tensor r = x;
        for (int i = 0; i < pad.length / 2; i++) {
            int d = x.dim() - 1 - i, n = x.size(d), left = pad[2 * i], right = pad[2 * i + 1];
            if (left < 0 || right < 0) throw new IllegalArgumentException("pad: negative padding is only supported in constant mode, got " + Shape.str(pad));
            if (mode == PadMode.REFLECT && (left >= n || right >= n))
                throw new IllegalArgumentException("pad: padding size should be less than the corresponding input dimension, but got padding (" + left + ", " + right + ") at dimension " + d + " of input " + Shape.str(x.shape()));
            if (mode == PadMode.CIRCULAR && (left > n || right > n))
                throw new IllegalArgumentException("pad: padding value causes wrapping around more than once (padding (" + left + ", " + right + ") for size " + n + ")");
            if (n == 0) throw new IllegalArgumentException("pad: cannot pad an empty dimension " + d + " in " + mode.name().toLowerCase() + " mode");
            long[] idx = new long[n + left + right];
            for (int j = 0; j < idx.length; j++) {
                int p = j - left;
                idx[j] = switch (mode) {
                    case REFLECT -> p < 0 ? -p : p >= n ? 2 * (n - 1) - p : p;
                    case REPLICATE -> Math.clamp(p, 0, n - 1);
                    case CIRCULAR -> Math.floorMod(p, n);
                    case CONSTANT -> throw new IllegalStateException();
                };
            }
            r = Indexing.indexSelect(r, d, Tensor.of(idx));
        }
        return r;
    }

    /** A copy of {@code base} with {@code src} written into {@code base[..., start:end:step]} along dim. */
    public static Tensor sliceScatter(Tensor base, Tensor src, int dim, int start, int end, int step) {
        int d = Shape.dim("slice_scatter", dim, base.dim());
        Tensor out = base.detach().clone();
        Layout l = out.layout().slice(d, start, end, step);
        if (!Shape.same(l.shape(), src.shape()))
            throw new IllegalArgumentException("slice_scatter: expected src of shape " + Shape.str(l.shape()) + ", got " + Shape.str(src.shape()));
        Elementwise.copyInto(src.to(base.dtype()), Tensor.viewOf(out, l));
        return Tracking.record(Op.SLICE_SCATTER, new Views.Slice(d, start, end, step, base.shape()), out, base, src);
    }
}
