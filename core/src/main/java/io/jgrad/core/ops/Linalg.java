package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.DoubleGemm;
import io.jgrad.core.kernels.DoubleGemmScalar;
import io.jgrad.core.kernels.FloatGemm;
import io.jgrad.core.kernels.FloatGemmScalar;
import io.jgrad.core.kernels.Kernels;
import io.jgrad.core.spi.Tracking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matrix products: {@code mm} and {@code bmm} run on the packed SIMD GEMM and are the recorded
 * primitives (MATMUL, BMM); {@code matmul}, {@code dot}, {@code outer} and {@code einsum} reduce to
 * them with views, following {@code torch.matmul}'s rules for 1-d, 2-d and batched operands.
 */
public final class Linalg {
    private Linalg() {}

    private static DType computeType(String op, Tensor a, Tensor b) {
        DType dt = Elementwise.resultType(a, b);
        if (dt == DType.BOOL) throw new IllegalArgumentException(op + ": not supported for bool tensors");
        return dt;
    }

    /** 2-d product. */
    public static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2)
            throw new IllegalArgumentException("mm: expected 2-d tensors, got shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        if (a.size(1) != b.size(0))
            throw new IllegalArgumentException("mm: shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()) + " cannot be multiplied (" + a.size(1) + " != " + b.size(0) + ")");
        DType dt = computeType("mm", a, b);
        Tensor x = a.to(dt), y = b.to(dt);
        Tensor out = Tensor.empty(dt, a.size(0), b.size(1));
        gemm(x, y, out, 0, 0, 0, false);
        return Tracking.record(Op.MATMUL, null, out, x, y);
    }

    /** Batched 3-d product with equal batch sizes. */
    public static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3 || b.dim() != 3)
            throw new IllegalArgumentException("bmm: expected 3-d tensors, got shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        if (a.size(0) != b.size(0) || a.size(2) != b.size(1))
            throw new IllegalArgumentException("bmm: shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()) + " cannot be multiplied");
        DType dt = computeType("bmm", a, b);
        Tensor x = a.to(dt), y = b.to(dt);
        int batch = a.size(0), m = a.size(1), n = b.size(2), k = a.size(2);
        Tensor out = Tensor.empty(dt, batch, m, n);
        long flops = (long) m * n * k;
        // Many small products: one thread per product; few large ones: threads inside each product.
        if (batch > 1 && flops < (1L << 21)) {
            Parallel.forRange(batch, 1, (s, e) -> {
                for (int i = s; i < e; i++) gemm(x, y, out, i, i, i, false);
            });
        } else {
            for (int i = 0; i < batch; i++) gemm(x, y, out, i, i, i, false);
        }
        return Tracking.record(Op.BMM, null, out, x, y);
    }

    /** out[batch ob] (+)= a[batch ab] · b[batch bb] (2-d operands have no batch). */
    private static void gemm(Tensor a, Tensor b, Tensor out, int ab, int bb, int ob, boolean accumulate) {
        boolean batched = a.dim() == 3;
        int d = batched ? 1 : 0;
        int m = a.size(d), k = a.size(d + 1), n = b.size(d + 1);
        int[] as = a.stride(), bs = b.stride();
        int ao = a.storageOffset() + (batched ? ab * as[0] : 0), bo = b.storageOffset() + (batched ? bb * bs[0] : 0);
        int co = batched ? ob * m * n : 0;
        if (m == 0 || n == 0) return;
        DType dt = out.dtype();
        switch (dt) {
            case FLOAT32 -> {
                if (Kernels.SIMD) FloatGemm.gemm(m, n, k, a.storage().floats(), ao, as[d], as[d + 1], b.storage().floats(), bo, bs[d], bs[d + 1], out.storage().floats(), co, n, accumulate);
                else FloatGemmScalar.gemm(m, n, k, a.storage().floats(), ao, as[d], as[d + 1], b.storage().floats(), bo, bs[d], bs[d + 1], out.storage().floats(), co, n, accumulate);
            }
            case FLOAT64 -> {
                if (Kernels.SIMD) DoubleGemm.gemm(m, n, k, a.storage().doubles(), ao, as[d], as[d + 1], b.storage().doubles(), bo, bs[d], bs[d + 1], out.storage().doubles(), co, n, accumulate);
                else DoubleGemmScalar.gemm(m, n, k, a.storage().doubles(), ao, as[d], as[d + 1], b.storage().doubles(), bo, bs[d], bs[d + 1], out.storage().doubles(), co, n, accumulate);
            }
            case INT64 -> {
                long[] x = a.storage().longs(), y = b.storage().longs(), c = out.storage().longs();
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) {
                        long s = accumulate ? c[co + i * n + j] : 0;
                        for (int p = 0; p < k; p++) s += x[ao + i * as[d] + p * as[d + 1]] * y[bo + p * bs[d] + j * bs[d + 1]];
                        c[co + i * n + j] = s;
                    }
            }
            case BOOL -> throw new IllegalStateException();
        }
    }

    /** {@code torch.matmul}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.dim(), rb = b.dim();
        if (ra == 0 || rb == 0)
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        int ka = a.size(-1), kb = rb == 1 ? b.size(0) : b.size(-2);
        if (ka != kb)
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()) + " cannot be multiplied");
        if (ra == 1 && rb == 1) return mm(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        if (ra == 2 && rb == 1) return mm(a, b.unsqueeze(1)).squeeze(1);
        if (ra == 1 && rb == 2) return mm(a.unsqueeze(0), b).squeeze(0);
        if (ra == 2 && rb == 2) return mm(a, b);
        if (ra >= 3 && rb <= 2) {
            // Fold a's batch dims into its rows: one large product instead of many small ones.
            int[] sh = a.shape();
            Tensor b2 = rb == 1 ? b.unsqueeze(1) : b;
            Tensor r = mm(a.reshape(-1, ka), b2);
            int[] out = Arrays.copyOf(sh, rb == 1 ? sh.length - 1 : sh.length);
            if (rb == 2) out[out.length - 1] = b.size(1);
            return r.reshape(out);
        }
        Tensor a3 = ra == 1 ? a.unsqueeze(0) : a, b3 = rb == 1 ? b.unsqueeze(1) : b;
        int[] batchA = Arrays.copyOf(a3.shape(), a3.dim() - 2), batchB = Arrays.copyOf(b3.shape(), b3.dim() - 2);
        int[] batch = Shape.broadcast("matmul", batchA, batchB);
        int m = a3.size(-2), n = b3.size(-1), bn = Shape.numel(batch);
        Tensor ae = a3.expand(concat(batch, m, ka)).reshape(bn, m, ka);
        Tensor be = b3.expand(concat(batch, ka, n)).reshape(bn, ka, n);
        Tensor r = bmm(ae, be).reshape(concat(batch, m, n));
        if (ra == 1) r = r.squeeze(-2);
        if (rb == 1) r = r.squeeze(-1);
        return r;
    }

    private static int[] concat(int[] a, int... b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * F.linear: {@code x · weight^T + bias} over the last dim of x (bias may be null). A primitive
     * (LINEAR): the GEMM reads the weight transposed in place and starts from the bias, and the
     * weight's gradient comes out contiguous in the weight's own layout.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2)
            throw new IllegalArgumentException("linear: weight must be 2-d (out_features, in_features), got shape " + Shape.str(weight.shape()));
        if (x.dim() == 0 || x.size(-1) != weight.size(1))
            throw new IllegalArgumentException("linear: input of shape " + Shape.str(x.shape()) + " cannot be multiplied with weight of shape "
                    + Shape.str(weight.shape()) + " (expected last dim " + weight.size(1) + ")");
        if (bias != null && (bias.dim() != 1 || bias.numel() != weight.size(0)))
            throw new IllegalArgumentException("linear: bias of shape " + Shape.str(bias.shape()) + " does not match out_features " + weight.size(0));
        DType dt = computeType("linear", x, weight);
        if (bias != null) dt = dt.promote(bias.dtype());
        if (!dt.isFloating()) return x.matmul(weight.t()).add(bias == null ? Tensor.scalar(0, dt) : bias);
        int in = weight.size(1), outF = weight.size(0);
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = outF;
        Tensor x2 = (x.dim() == 2 ? x : x.reshape(-1, in)).to(dt), w = weight.to(dt), b = bias == null ? null : bias.to(dt);
        Tensor out = Tensor.empty(dt, x2.size(0), outF);
        if (b != null) Elementwise.copyInto(Tensor.viewOf(b, b.layout().expand(out.shape())), out);
        gemm(x2, Tensor.viewOf(w, w.layout().permute(new int[] {1, 0})), out, 0, 0, 0, b != null);
        Tensor y = Tracking.record(Op.LINEAR, null, out, x2, w, b);
        return x.dim() == 2 ? y : y.reshape(outShape);
    }

    public static Tensor dot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1)
            throw new IllegalArgumentException("dot: expected 1-d tensors, got shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        if (a.size(0) != b.size(0))
            throw new IllegalArgumentException("dot: inconsistent tensor size, expected tensors of the same length, got " + a.size(0) + " and " + b.size(0));
        return matmul(a, b);
    }

    public static Tensor outer(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1)
            throw new IllegalArgumentException("outer: expected 1-d tensors, got shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape()));
        return a.unsqueeze(1).mul(b.unsqueeze(0));
    }

    // ------------------------------------------------------------------ einsum

    /** {@code torch.einsum}: explicit ("ij,jk->ik") or implicit ("ij,jk") output; no ellipsis. */
    public static Tensor einsum(String equation, Tensor... operands) {
        String eq = equation.replace(" ", "");
        if (eq.contains("..."))
            throw new UnsupportedOperationException("einsum: '...' (ellipsis) is not supported yet in '" + equation + "'");
        String lhs = eq, rhs = null;
        int arrow = eq.indexOf("->");
        if (arrow >= 0) {
            lhs = eq.substring(0, arrow);
            rhs = eq.substring(arrow + 2);
        }
        String[] terms = lhs.split(",", -1);
        if (terms.length != operands.length)
            throw new IllegalArgumentException("einsum: '" + equation + "' names " + terms.length + " operands but " + operands.length + " were given");
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        Map<Character, Integer> counts = new LinkedHashMap<>();
        List<Tensor> ts = new ArrayList<>();
        List<String> ls = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            String t = terms[i];
            Tensor x = operands[i];
            if (t.length() != x.dim())
                throw new IllegalArgumentException("einsum: operand " + i + " has " + x.dim() + " dims (shape " + Shape.str(x.shape()) + ") but '" + t + "' names " + t.length());
            for (int j = 0; j < t.length(); j++) {
                char c = t.charAt(j);
                if (!Character.isLetter(c)) throw new IllegalArgumentException("einsum: invalid subscript '" + c + "' in '" + equation + "'");
                Integer prev = sizes.putIfAbsent(c, x.size(j));
                if (prev != null && prev != x.size(j))
                    throw new IllegalArgumentException("einsum: subscript '" + c + "' has size " + x.size(j) + " in operand " + i + " but size " + prev + " elsewhere");
                counts.merge(c, 1, Integer::sum);
            }
            // A letter repeated within one operand takes the diagonal.
            while (true) {
                int p = -1, q = -1;
                outer:
                for (int a = 0; a < t.length(); a++)
                    for (int b = a + 1; b < t.length(); b++)
                        if (t.charAt(a) == t.charAt(b)) {
                            p = a;
                            q = b;
                            break outer;
                        }
                if (p < 0) break;
                x = diagonalAlong(x, p, q);
                t = t.substring(0, q) + t.substring(q + 1);
                counts.merge(t.charAt(p), -1, Integer::sum);
            }
            ts.add(x);
            ls.add(t);
        }
        if (rhs == null) {
            StringBuilder b = new StringBuilder();
            counts.keySet().stream().sorted().filter(c -> counts.get(c) == 1).forEach(b::append);
            rhs = b.toString();
        }
        for (char c : rhs.toCharArray())
            if (!sizes.containsKey(c)) throw new IllegalArgumentException("einsum: output subscript '" + c + "' does not appear in the inputs of '" + equation + "'");
        Tensor acc = ts.get(0);
        String al = ls.get(0);
        for (int i = 1; i < ts.size(); i++) {
            StringBuilder keep = new StringBuilder(rhs);
            for (int j = i + 1; j < ls.size(); j++) keep.append(ls.get(j));
            Object[] r = contract(acc, al, ts.get(i), ls.get(i), keep.toString());
            acc = (Tensor) r[0];
            al = (String) r[1];
        }
        acc = sumOut(acc, al, rhs);
        al = keepOnly(al, rhs);
        int[] perm = new int[rhs.length()];
        for (int i = 0; i < perm.length; i++) perm[i] = al.indexOf(rhs.charAt(i));
        return perm.length == 0 ? acc : acc.permute(perm);
    }

    /** x with dims p, q (equal size) replaced by their diagonal at position p. */
    private static Tensor diagonalAlong(Tensor x, int p, int q) {
        int n = x.size(p);
        int[] shape = new int[x.dim()];
        Arrays.fill(shape, 1);
        shape[p] = n;
        shape[q] = n;
        Tensor eye = Tensor.eye(n, n, x.dtype()).reshape(shape);
        return x.mul(eye).sum(q, false);
    }

    private static Tensor sumOut(Tensor x, String letters, String keep) {
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < letters.length(); i++) if (keep.indexOf(letters.charAt(i)) < 0) dims.add(i);
        if (dims.isEmpty()) return x;
        return x.sum(dims.stream().mapToInt(Integer::intValue).toArray(), false);
    }

    private static String keepOnly(String letters, String keep) {
        StringBuilder b = new StringBuilder();
        for (char c : letters.toCharArray()) if (keep.indexOf(c) >= 0) b.append(c);
        return b.toString();
    }

    /** Contracts two operands as one bmm: [batch, aOnly, k] x [batch, k, bOnly]. */
    private static Object[] contract(Tensor a, String la, Tensor b, String lb, String keep) {
        // Letters only in one operand and not needed later are summed out first.
        String keepA = keep + lb, keepB = keep + la;
        a = sumOut(a, la, keepA);
        la = keepOnly(la, keepA);
        b = sumOut(b, lb, keepB);
        lb = keepOnly(lb, keepB);
        StringBuilder batch = new StringBuilder(), con = new StringBuilder(), aOnly = new StringBuilder(), bOnly = new StringBuilder();
        for (char c : la.toCharArray()) {
            if (lb.indexOf(c) >= 0) (keep.indexOf(c) >= 0 ? batch : con).append(c);
            else aOnly.append(c);
        }
        for (char c : lb.toCharArray()) if (la.indexOf(c) < 0) bOnly.append(c);
        String pa = "" + batch + aOnly + con, pb = "" + batch + con + bOnly;
        Tensor at = a.permute(positions(la, pa)), bt = b.permute(positions(lb, pb));
        int nb = prod(at, 0, batch.length()), m = prod(at, batch.length(), batch.length() + aOnly.length());
        int k = prod(at, batch.length() + aOnly.length(), pa.length());
        int n = prod(bt, batch.length() + con.length(), pb.length());
        Tensor r = bmm(at.reshape(nb, m, k), bt.reshape(nb, k, n));
        int[] outShape = new int[batch.length() + aOnly.length() + bOnly.length()];
        int o = 0;
        for (int i = 0; i < batch.length() + aOnly.length(); i++) outShape[o++] = at.size(i);
        for (int i = batch.length() + con.length(); i < pb.length(); i++) outShape[o++] = bt.size(i);
        return new Object[] {r.reshape(outShape), "" + batch + aOnly + bOnly};
    }

    private static int[] positions(String from, String to) {
        int[] p = new int[to.length()];
        for (int i = 0; i < p.length; i++) p[i] = from.indexOf(to.charAt(i));
        return p;
    }

    private static int prod(Tensor t, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) p *= t.size(i);
        return p;
    }
}
