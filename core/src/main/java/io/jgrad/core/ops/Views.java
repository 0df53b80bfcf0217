package io.jgrad.core.ops;

import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.spi.Tracking;
import java.util.ArrayList;
import java.util.List;

/**
 * View ops: new layouts over the same storage, never a copy (reshape copies only when the strides
 * make a view impossible, as in PyTorch). Each is recorded for autograd as VIEW (a pure reshape),
 * PERMUTE, SLICE, SELECT or EXPAND.
 */
public final class Views {
    private Views() {}

    /** Attrs of SLICE: the slice and the input's shape. */
    public record Slice(int dim, int start, int end, int step, int[] inputShape) {}

    /** Attrs of SELECT: the selected index and the input's shape. */
    public record Select(int dim, int index, int[] inputShape) {}

    /** Reshape as a view; {@code -1} infers one size. Recorded as VIEW with the input's shape. */
    public static Tensor view(Tensor x, int... shape) {
        int[] s = Shape.infer("view", shape, x.numel());
        Layout l = x.layout().view(s);
        if (l == null)
            throw new IllegalArgumentException("view: size " + Shape.str(s) + " is not compatible with the input's shape "
                    + Shape.str(x.shape()) + " and strides " + Shape.str(x.stride()) + " (at least one dim spans two non-contiguous chunks); use reshape");
        return record(Tensor.viewOf(x, l), x);
    }

    /** A view if possible, else a contiguous copy with the new shape. */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] s = Shape.infer("reshape", shape, x.numel());
        Layout l = x.layout().view(s);
        if (l != null) return record(Tensor.viewOf(x, l), x);
        return view(x.contiguous(), s);
    }

    private static Tensor record(Tensor out, Tensor x) {
        return Tracking.record(Op.VIEW, x.shape(), out, x);
    }

    public static Tensor permute(Tensor x, int... dims) {
        if (dims.length != x.dim())
            throw new IllegalArgumentException("permute: number of dims don't match (the input has " + x.dim() + " dims, got " + dims.length + ": " + Shape.str(dims) + ")");
        int[] perm = Shape.dims("permute", dims, x.dim());
        return Tracking.record(Op.PERMUTE, perm, Tensor.viewOf(x, x.layout().permute(perm)), x);
    }

    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        int r = x.dim();
        if (r == 0) {
            Shape.dim("transpose", dim0, 0);
            Shape.dim("transpose", dim1, 0);
            return x;
        }
        int a = Shape.dim("transpose", dim0, r), b = Shape.dim("transpose", dim1, r);
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    public static Tensor t(Tensor x) {
        if (x.dim() > 2) throw new IllegalArgumentException("t: expects a tensor with <= 2 dims, but the input has " + x.dim() + " (shape " + Shape.str(x.shape()) + ")");
        return x.dim() < 2 ? x : transpose(x, 0, 1);
    }

    public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        if (x.dim() == 0) throw new IllegalArgumentException("slice: cannot slice a 0-d tensor");
        int d = Shape.dim("slice", dim, x.dim());
        if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
        int size = x.size(d);
        // Python slice semantics: negative bounds count from the end, out-of-range bounds clamp.
        if (start < 0) start += size;
        if (end < 0) end += size;
        start = Math.clamp(start, 0, size);
        end = Math.clamp(end, start, size);
        Tensor out = Tensor.viewOf(x, x.layout().slice(d, start, end, step));
        return Tracking.record(Op.SLICE, new Slice(d, start, end, step, x.shape()), out, x);
    }

    public static Tensor narrow(Tensor x, int dim, int start, int length) {
        if (x.dim() == 0) throw new IllegalArgumentException("narrow: cannot narrow a 0-d tensor");
        int d = Shape.dim("narrow", dim, x.dim());
        int size = x.size(d);
        if (start < 0) start += size;
        if (start < 0 || length < 0 || start + length > size)
            throw new IllegalArgumentException("narrow: start " + start + " + length " + length + " exceeds dimension size " + size + " (dim " + d + ", shape " + Shape.str(x.shape()) + ")");
        return slice(x, d, start, start + length, 1);
    }

    public static Tensor select(Tensor x, int dim, int index) {
        if (x.dim() == 0) throw new IllegalArgumentException("select: cannot select on a 0-d tensor");
        int d = Shape.dim("select", dim, x.dim());
        int size = x.size(d);
        if (index < -size || index >= size)
            throw new IllegalArgumentException("select: index " + index + " out of range for dim " + d + " of size " + size + " (shape " + Shape.str(x.shape()) + ")");
        if (index < 0) index += size;
        Tensor out = Tensor.viewOf(x, x.layout().select(d, index));
        return Tracking.record(Op.SELECT, new Select(d, index, x.shape()), out, x);
    }

    public static Tensor expand(Tensor x, int... shape) {
        int[] cur = x.shape();
        if (shape.length < cur.length)
            throw new IllegalArgumentException("expand: the number of sizes provided (" + shape.length + ") must be greater or equal to the number of dims of the tensor (" + cur.length + ")");
        int lead = shape.length - cur.length;
        int[] target = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            if (i < lead) {
                if (shape[i] < 0) throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension (" + Shape.str(shape) + ")");
                continue;
            }
            int c = cur[i - lead];
            if (shape[i] == -1) target[i] = c;
            else if (c != 1 && c != shape[i])
                throw new IllegalArgumentException("expand: the expanded size of the tensor (" + shape[i] + ") must match the existing size (" + c
                        + ") at non-singleton dimension " + i + ". Target sizes: " + Shape.str(shape) + ". Tensor sizes: " + Shape.str(cur));
        }
        if (Shape.same(target, cur)) return x;
        return Tracking.record(Op.EXPAND, cur, Tensor.viewOf(x, x.layout().expand(target)), x);
    }

    public static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shape.dim("unsqueeze", dim, x.dim() + 1);
        return record(Tensor.viewOf(x, x.layout().unsqueeze(d)), x);
    }

    public static Tensor squeeze(Tensor x) {
        Layout l = x.layout();
        for (int d = l.rank() - 1; d >= 0; d--) if (l.size(d) == 1) l = l.squeeze(d);
        return l.rank() == x.dim() ? x : record(Tensor.viewOf(x, l), x);
    }

    public static Tensor squeeze(Tensor x, int dim) {
        int d = Shape.dim("squeeze", dim, x.dim());
        if (x.dim() == 0 || x.size(d) != 1) return x;
        return record(Tensor.viewOf(x, x.layout().squeeze(d)), x);
    }

    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) return reshape(x, 1);
        int s = Shape.dim("flatten", startDim, x.dim()), e = Shape.dim("flatten", endDim, x.dim());
        if (s > e) throw new IllegalArgumentException("flatten: start_dim " + startDim + " cannot come after end_dim " + endDim);
        if (s == e) return x;
        int[] sh = x.shape();
        int[] out = new int[sh.length - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = sh[i];
        int m = 1;
        for (int i = s; i <= e; i++) m *= sh[i];
        out[k++] = m;
        for (int i = e + 1; i < sh.length; i++) out[k++] = sh[i];
        return reshape(x, out);
    }

    public static Tensor unflatten(Tensor x, int dim, int... sizes) {
        int d = Shape.dim("unflatten", dim, x.dim());
        int[] resolved = Shape.infer("unflatten", sizes, x.size(d));
        int[] sh = x.shape();
        int[] out = new int[sh.length - 1 + resolved.length];
        int k = 0;
        for (int i = 0; i < d; i++) out[k++] = sh[i];
        for (int v : resolved) out[k++] = v;
        for (int i = d + 1; i < sh.length; i++) out[k++] = sh[i];
        return reshape(x, out);
    }

    public static Tensor movedim(Tensor x, int[] source, int[] destination) {
        if (source.length != destination.length)
            throw new IllegalArgumentException("movedim: invalid source or destination dims: source " + Shape.str(source) + " needs to have the same number of dims as destination " + Shape.str(destination));
        int r = x.dim();
        int[] src = Shape.dims("movedim", source, r), dst = Shape.dims("movedim", destination, r);
        int[] perm = new int[r];
        java.util.Arrays.fill(perm, -1);
        boolean[] used = new boolean[r];
        for (int i = 0; i < src.length; i++) {
            perm[dst[i]] = src[i];
            used[src[i]] = true;
        }
        int next = 0;
        for (int i = 0; i < r; i++) {
            if (perm[i] >= 0) continue;
            while (used[next]) next++;
            perm[i] = next++;
        }
        return r == 0 ? x : permute(x, perm);
    }

    public static List<Tensor> split(Tensor x, int splitSize, int dim) {
        int d = Shape.dim("split", dim, x.dim());
        if (splitSize <= 0 && !(splitSize == 0 && x.size(d) == 0))
            throw new IllegalArgumentException("split: split_size must be positive, got " + splitSize);
        int size = x.size(d);
        List<Tensor> out = new ArrayList<>();
        if (size == 0) {
            out.add(x);
            return out;
        }
        for (int s = 0; s < size; s += splitSize) out.add(narrow(x, d, s, Math.min(splitSize, size - s)));
        return out;
    }

    public static List<Tensor> split(Tensor x, int[] sections, int dim) {
        int d = Shape.dim("split", dim, x.dim());
        int total = 0;
        for (int s : sections) {
            if (s < 0) throw new IllegalArgumentException("split: split sizes must be non-negative, got " + Shape.str(sections));
            total += s;
        }
        if (total != x.size(d))
            throw new IllegalArgumentException("split: split sizes " + Shape.str(sections) + " sum to " + total + " but the input has size " + x.size(d) + " at dim " + d);
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (int s : sections) {
            out.add(narrow(x, d, start, s));
            start += s;
        }
        return out;
    }

    public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        int d = Shape.dim("chunk", dim, x.dim());
        int size = x.size(d);
        int each = Math.max(1, (size + chunks - 1) / chunks);
        return split(x, each, d);
    }

    public static List<Tensor> unbind(Tensor x, int dim) {
        int d = Shape.dim("unbind", dim, x.dim());
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < x.size(d); i++) out.add(select(x, d, i));
        return out;
    }

    public static Tensor asStrided(Tensor x, int[] shape, int[] strides, int offset) {
        if (shape.length != strides.length)
            throw new IllegalArgumentException("as_strided: shape " + Shape.str(shape) + " and strides " + Shape.str(strides) + " differ in length");
        long max = offset;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || strides[i] < 0) throw new IllegalArgumentException("as_strided: negative size or stride in " + Shape.str(shape) + " / " + Shape.str(strides));
            if (shape[i] == 0) { max = -1; break; }
            max += (long) (shape[i] - 1) * strides[i];
        }
        if (offset < 0 || max >= x.storage().length())
            throw new IllegalArgumentException("as_strided: view of shape " + Shape.str(shape) + ", strides " + Shape.str(strides) + ", offset " + offset
                    + " reaches outside a storage of " + x.storage().length() + " elements");
        return Tracking.record(Op.AS_STRIDED, null, Tensor.viewOf(x, x.layout().asStrided(shape, strides, offset)), x);
    }
}
