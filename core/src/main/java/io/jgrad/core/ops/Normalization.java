package io.jgrad.core.ops;

import io.jgrad.core.DType;
import io.jgrad.core.Parallel;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.NormKernels;
import io.jgrad.core.spi.Tracking;
import java.util.Arrays;

/**
 * Batch, group and layer normalisation as fused primitives. The input is seen as rows: one row
 * per (n, c) plane for batch and group norm (a group is every row of a channel, or a sample's rows
 * of a channel group), one row per normalised block for layer norm. The forward pass is two
 * reductions (mean, then centred squares, in double) and one affine pass; the backward pass
 * ({@link #backward}) is one reduction and one pass. Statistics are biased, as in PyTorch.
 *
 * <p>Autograd uses {@link #backward} when it is not building a graph; to differentiate the
 * backward pass again it uses the same formula written with differentiable ops.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * Attrs of BATCH_NORM, GROUP_NORM and LAYER_NORM: the op, its group count (group norm) or
     * normalised shape (layer norm), eps, the per-group mean and 1/sqrt(var + eps) of the forward
     * pass, and which of weight and bias were given (inputs 1 and 2).
     */
    public record Norm(Op op, int groups, int[] normalizedShape, double eps, double[] mean, double[] rstd, boolean hasWeight, boolean hasBias) {}

    /** Elements per thread below which a pass runs on one thread. */
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 15;

    /**
     * How the rows of an input map to groups: {@code groups} groups in all, {@code channels} rows
     * per sample (batch and group norm), {@code groupSize} rows per group.
     */
    private record Rows(int rows, int len, int groups, int channels, int groupSize) {
        /** The group of row r: its channel (batch norm), its sample's channel group (group norm), itself (layer norm). */
        int group(Op op, int r) {
            return switch (op) {
                case BATCH_NORM -> r % channels;
                case GROUP_NORM -> r / groupSize;
                default -> r;
            };
        }

        /** Elements per group. */
        int count() {
            return groupSize * len;
        }

        int grain() {
            return Math.max(1, MIN_ELEMENTS_PER_THREAD / Math.max(1, len));
        }
    }

    private static Rows rows(Op op, int[] shape, int groups, int[] normalizedShape) {
        int numel = Shape.numel(shape);
        return switch (op) {
            case BATCH_NORM -> {
                int n = shape[0], c = shape[1], len = n * c == 0 ? 0 : numel / (n * c);
                yield new Rows(n * c, len, c, c, n);
            }
            case GROUP_NORM -> {
                int n = shape[0], c = shape[1], len = n * c == 0 ? 0 : numel / (n * c);
                yield new Rows(n * c, len, n * groups, c, c / groups);
            }
            default -> {
                int d = Shape.numel(normalizedShape), r = d == 0 ? 0 : numel / d;
                yield new Rows(r, d, r, 1, 1);
            }
        };
    }

    // ------------------------------------------------------------------ user-facing, validated

    /**
     * {@code F.batch_norm}. In training mode the batch statistics normalise the input and, when
     * the running buffers are given, update them in place: {@code running = (1 - momentum) running +
     * momentum batch} (the running variance takes the unbiased batch variance). In evaluation mode
     * the running statistics (required) normalise the input.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training, double momentum,
                                   double eps) {
        String op = "batch_norm";
        if (x.dim() < 2) throw new IllegalArgumentException(op + ": expected an input of at least 2 dims (N, C, *), got shape " + Shape.str(x.shape()));
        int c = x.size(1);
        checkFloating(op, x);
        checkVector(op, "weight", weight, c, x);
        checkVector(op, "bias", bias, c, x);
        checkVector(op, "running_mean", runningMean, c, x);
        checkVector(op, "running_var", runningVar, c, x);
        if (!training) {
            if (runningMean == null || runningVar == null)
                throw new IllegalArgumentException(op + ": running_mean and running_var are required when training is false");
            return evalBatchNorm(x, runningMean, runningVar, weight, bias, eps);
        }
        Tensor in = x.contiguous();
        Rows rows = rows(Op.BATCH_NORM, in.shape(), 0, null);
        if (rows.count() <= 1)
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got input of shape " + Shape.str(x.shape()));
        double[][] stats = moments(Op.BATCH_NORM, in, rows);
        Norm norm = new Norm(Op.BATCH_NORM, 0, null, eps, stats[0], rstd(stats[1], eps), weight != null, bias != null);
        if (runningMean != null && runningVar != null) updateRunning(runningMean, runningVar, stats[0], stats[1], rows.count(), momentum);
        return affine(norm, in, rows, weight, bias);
    }

    /** {@code F.group_norm}: input (N, C, *), statistics per sample over each of numGroups channel groups. */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        String op = "group_norm";
        if (x.dim() < 2) throw new IllegalArgumentException(op + ": expected an input of at least 2 dims (N, C, *), got shape " + Shape.str(x.shape()));
        checkFloating(op, x);
        int c = x.size(1);
        if (numGroups < 1 || c % numGroups != 0)
            throw new IllegalArgumentException(op + ": expected the number of channels " + c + " (input of shape " + Shape.str(x.shape())
                    + ") to be divisible by num_groups " + numGroups);
        checkVector(op, "weight", weight, c, x);
        checkVector(op, "bias", bias, c, x);
        Tensor in = x.contiguous();
        Rows rows = rows(Op.GROUP_NORM, in.shape(), numGroups, null);
        double[][] stats = moments(Op.GROUP_NORM, in, rows);
        Norm norm = new Norm(Op.GROUP_NORM, numGroups, null, eps, stats[0], rstd(stats[1], eps), weight != null, bias != null);
        return affine(norm, in, rows, weight, bias);
    }

    /** {@code F.layer_norm}: statistics over the trailing dims given by normalizedShape; weight and bias have that shape. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layer_norm";
        checkFloating(op, x);
        int k = normalizedShape.length;
        if (k == 0 || k > x.dim() || !Arrays.equals(Arrays.copyOfRange(x.shape(), x.dim() - k, x.dim()), normalizedShape))
            throw new IllegalArgumentException(op + ": expected an input whose trailing dims are normalized_shape " + Shape.str(normalizedShape)
                    + ", got input of shape " + Shape.str(x.shape()));
        for (String name : new String[] {"weight", "bias"}) {
            Tensor t = name.equals("weight") ? weight : bias;
            if (t != null && !Arrays.equals(t.shape(), normalizedShape))
                throw new IllegalArgumentException(op + ": expected " + name + " of shape " + Shape.str(normalizedShape) + " (normalized_shape), got "
                        + Shape.str(t.shape()));
            if (t != null && t.dtype() != x.dtype())
                throw new IllegalArgumentException(op + ": " + name + " (" + t.dtype() + ") must have the input's dtype " + x.dtype());
        }
        Tensor in = x.contiguous();
        Rows rows = rows(Op.LAYER_NORM, in.shape(), 0, normalizedShape);
        double[][] stats = moments(Op.LAYER_NORM, in, rows);
        Norm norm = new Norm(Op.LAYER_NORM, 0, normalizedShape.clone(), eps, stats[0], rstd(stats[1], eps), weight != null, bias != null);
        return affine(norm, in, rows, weight, bias);
    }

    private static void checkFloating(String op, Tensor x) {
        if (!x.dtype().isFloating()) throw new IllegalArgumentException(op + ": expected a floating point input, got " + x.dtype());
    }

    private static void checkVector(String op, String name, Tensor t, int channels, Tensor x) {
        if (t == null) return;
        if (t.dim() != 1 || t.size(0) != channels)
            throw new IllegalArgumentException(op + ": expected " + name + " of shape [" + channels + "] (the channels of input " + Shape.str(x.shape())
                    + "), got " + Shape.str(t.shape()));
        if (t.dtype() != x.dtype())
            throw new IllegalArgumentException(op + ": " + name + " (" + t.dtype() + ") must have the input's dtype " + x.dtype());
    }

    /** Evaluation mode: y = x * scale + shift per channel, from the running statistics (plain differentiable ops). */
    private static Tensor evalBatchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, double eps) {
        int[] shape = new int[x.dim()];
        Arrays.fill(shape, 1);
        shape[1] = x.size(1);
        Tensor scale = runningVar.add(eps).rsqrt();
        if (weight != null) scale = scale.mul(weight);
        Tensor shift = runningMean.mul(scale).neg();
        if (bias != null) shift = shift.add(bias);
        return x.mul(scale.reshape(shape)).add(shift.reshape(shape));
    }

    private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] mean, double[] var, int count, double momentum) {
        double[] rm = runningMean.toDoubleArray(), rv = runningVar.toDoubleArray();
        double unbias = (double) count / (count - 1);
        for (int c = 0; c < rm.length; c++) {
            rm[c] = (1 - momentum) * rm[c] + momentum * mean[c];
            rv[c] = (1 - momentum) * rv[c] + momentum * var[c] * unbias;
        }
        Elementwise.overwrite(runningMean, Tensor.of(rm, rm.length).to(runningMean.dtype()));
        Elementwise.overwrite(runningVar, Tensor.of(rv, rv.length).to(runningVar.dtype()));
    }

    // ------------------------------------------------------------------ forward

    /** Per-group mean and biased variance: {mean, var}. */
    private static double[][] moments(Op op, Tensor in, Rows rows) {
        NormKernels k = NormKernels.of(in.dtype());
        Object xa = in.storage().array();
        int xo = in.storageOffset();
        double[] rowStat = new double[rows.rows()], mean = new double[rows.groups()], var = new double[rows.groups()];
        Parallel.forRange(rows.rows(), rows.grain(), (r0, r1) -> k.rowSums(xa, xo, rows.len(), rowStat, r0, r1));
        for (int r = 0; r < rows.rows(); r++) mean[rows.group(op, r)] += rowStat[r];
        for (int q = 0; q < mean.length; q++) mean[q] /= rows.count();
        double[] center = new double[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) center[r] = mean[rows.group(op, r)];
        Parallel.forRange(rows.rows(), rows.grain(), (r0, r1) -> k.rowSquaredDeviations(xa, xo, rows.len(), center, rowStat, r0, r1));
        for (int r = 0; r < rows.rows(); r++) var[rows.group(op, r)] += rowStat[r];
        for (int q = 0; q < var.length; q++) var[q] /= rows.count();
        return new double[][] {mean, var};
    }

    private static double[] rstd(double[] var, double eps) {
        double[] r = new double[var.length];
        for (int q = 0; q < r.length; q++) r[q] = 1 / Math.sqrt(var[q] + eps);
        return r;
    }

    /** y = (x - mean) rstd weight + bias, in one pass; recorded with inputs (x, weight, bias). */
    private static Tensor affine(Norm norm, Tensor in, Rows rows, Tensor weight, Tensor bias) {
        Op op = norm.op();
        Tensor y = Tensor.empty(in.dtype(), in.shape());
        NormKernels k = NormKernels.of(in.dtype());
        Object xa = in.storage().array(), ya = y.storage().array();
        int xo = in.storageOffset();
        double[] scale = new double[rows.rows()], shift = new double[rows.rows()];
        for (int r = 0; r < rows.rows(); r++) {
            int q = rows.group(op, r);
            scale[r] = norm.rstd()[q];
            shift[r] = -norm.mean()[q] * norm.rstd()[q];
        }
        if (op == Op.LAYER_NORM) {
            Tensor w = orFill(weight, norm.normalizedShape(), in.dtype(), 1), b = orFill(bias, norm.normalizedShape(), in.dtype(), 0);
            Object wa = w.storage().array(), ba = b.storage().array();
            Parallel.forRange(rows.rows(), rows.grain(),
                    (r0, r1) -> k.layerAffine(xa, xo, rows.len(), scale, shift, wa, w.storageOffset(), ba, b.storageOffset(), ya, r0, r1));
        } else {
            double[] w = weight == null ? null : weight.detach().toDoubleArray(), b = bias == null ? null : bias.detach().toDoubleArray();
            for (int r = 0; r < rows.rows(); r++) {
                int c = r % rows.channels();
                if (w != null) {
                    scale[r] *= w[c];
                    shift[r] *= w[c];
                }
                if (b != null) shift[r] += b[c];
            }
            Parallel.forRange(rows.rows(), rows.grain(), (r0, r1) -> k.rowAffine(xa, xo, rows.len(), scale, shift, ya, r0, r1));
        }
        return Tracking.record(op, norm, y, in, weight, bias);
    }

    private static Tensor orFill(Tensor t, int[] shape, DType dtype, double value) {
        return t != null ? t.contiguous() : Tensor.full(dtype, value, shape);
    }

    // ------------------------------------------------------------------ backward

    /**
     * The fused gradients {dx, dweight, dbias} (null where not needed) of a normalisation, from its
     * input x, weight (null if none) and the output gradient g. Not recorded: autograd calls this
     * only when it is not building a graph.
     */
    public static Tensor[] backward(Norm norm, Tensor x, Tensor weight, Tensor g, boolean needInput, boolean needWeight, boolean needBias) {
        Op op = norm.op();
        Tensor in = x.detach().contiguous(), go = g.detach().contiguous();
        Rows rows = rows(op, in.shape(), norm.groups(), norm.normalizedShape());
        NormKernels k = NormKernels.of(in.dtype());
        Object xa = in.storage().array(), ga = go.storage().array();
        int xo = in.storageOffset(), gOff = go.storageOffset(), len = rows.len(), n = rows.rows();
        double[] mean = norm.mean(), rstd = norm.rstd();
        double[] a = new double[n], b = new double[n], c = new double[n], sumA = new double[n], sumB = new double[n];
        double m = rows.count();
        Tensor dx = needInput ? Tensor.empty(in.dtype(), in.shape()) : null;
        Object da = dx == null ? null : dx.storage().array();
        if (op == Op.LAYER_NORM) {
            Tensor w = orFill(weight == null ? null : weight.detach(), norm.normalizedShape(), in.dtype(), 1);
            Object wa = w.storage().array();
            double[] dw = new double[len], db = new double[len], scale = new double[n], shift = new double[n];
            for (int r = 0; r < n; r++) {
                scale[r] = rstd[r];
                shift[r] = -mean[r] * rstd[r];
            }
            // Column sums need one buffer per thread; they are added in row order afterwards.
            double[][][] partial = new double[n][][];
            Parallel.forRange(n, rows.grain(), (r0, r1) -> {
                double[] pw = new double[len], pb = new double[len];
                k.layerGradSums(ga, gOff, xa, xo, len, wa, w.storageOffset(), scale, shift, sumA, sumB, pw, pb, r0, r1);
                partial[r0] = new double[][] {pw, pb};
            });
            for (double[][] p : partial) {
                if (p == null) continue;
                for (int j = 0; j < len; j++) {
                    dw[j] += p[0][j];
                    db[j] += p[1][j];
                }
            }
            if (needInput) {
                for (int r = 0; r < n; r++) inputCoefficients(r, rstd[r], mean[r], 1, sumA[r], sumB[r], m, a, b, c);
                Parallel.forRange(n, rows.grain(), (r0, r1) -> k.layerGradInput(ga, gOff, xa, xo, len, wa, w.storageOffset(), a, b, c, da, r0, r1));
            }
            return new Tensor[] {dx, needWeight ? fromDoubles(dw, norm.normalizedShape(), in.dtype()) : null,
                    needBias ? fromDoubles(db, norm.normalizedShape(), in.dtype()) : null};
        }
        Parallel.forRange(n, rows.grain(), (r0, r1) -> k.rowGradSums(ga, gOff, xa, xo, len, sumA, sumB, r0, r1));
        int channels = rows.channels();
        double[] w = weight == null ? null : weight.detach().toDoubleArray();
        double[] dw = new double[channels], db = new double[channels];
        double[] groupA = new double[rows.groups()], groupB = new double[rows.groups()];
        for (int r = 0; r < n; r++) {
            int q = rows.group(op, r), ch = r % channels;
            double wc = w == null ? 1 : w[ch];
            dw[ch] += rstd[q] * (sumB[r] - mean[q] * sumA[r]);
            db[ch] += sumA[r];
            groupA[q] += wc * sumA[r];
            groupB[q] += wc * sumB[r];
        }
        if (needInput) {
            for (int r = 0; r < n; r++) {
                int q = rows.group(op, r);
                inputCoefficients(r, rstd[q], mean[q], w == null ? 1 : w[r % channels], groupA[q], groupB[q], m, a, b, c);
            }
            Parallel.forRange(n, rows.grain(), (r0, r1) -> k.rowGradInput(ga, gOff, xa, xo, len, a, b, c, da, r0, r1));
        }
        return new Tensor[] {dx, needWeight ? fromDoubles(dw, new int[] {channels}, in.dtype()) : null,
                needBias ? fromDoubles(db, new int[] {channels}, in.dtype()) : null};
    }

    /**
     * With dxhat = g w, A = sum dxhat and B = sum dxhat x over a group of m elements:
     * dx = rstd (dxhat - A/m - xhat rstd (B - mean A)/m) = g (w rstd) + x k + (-rstd A/m - mean k),
     * where k = -rstd^3 (B - mean A)/m.
     */
    private static void inputCoefficients(int r, double rstd, double mean, double w, double sumA, double sumB, double m, double[] a, double[] b, double[] c) {
        double k = -rstd * rstd * rstd * (sumB - mean * sumA) / m;
        a[r] = w * rstd;
        b[r] = k;
        c[r] = -rstd * sumA / m - mean * k;
    }

    private static Tensor fromDoubles(double[] v, int[] shape, DType dtype) {
        return Tensor.of(v, shape).to(dtype);
    }
}
