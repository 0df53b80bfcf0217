package io.jgrad.nn.functional;

import io.jgrad.core.DType;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Reduction;
import java.util.Arrays;

/**
 * The loss functions of {@link io.jgrad.nn.F}, composed from differentiable primitives with
 * PyTorch 1.13's formulas (so gradients, including gradients of gradients, come from autograd).
 * Cross entropy is log_softmax (a fused primitive) followed by nll.
 */
public final class Losses {
    private Losses() {}

    private static final System.Logger LOG = System.getLogger("io.jgrad.nn");

    // ------------------------------------------------------------------ regression

    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        checkBroadcast("mse_loss", input, target);
        return reduce("mse_loss", input.sub(target).square(), reduction);
    }

    public static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        checkBroadcast("l1_loss", input, target);
        return reduce("l1_loss", input.sub(target).abs(), reduction);
    }

    /** 0.5 d^2 / beta where |d| &lt; beta, |d| - 0.5 beta elsewhere; beta = 0 is the l1 loss. */
    public static Tensor smoothL1(Tensor input, Tensor target, Reduction reduction, double beta) {
        if (!(beta >= 0)) throw new IllegalArgumentException("smooth_l1_loss: beta must be non-negative, got " + beta);
        checkBroadcast("smooth_l1_loss", input, target);
        Tensor d = input.sub(target).abs();
        if (beta == 0) return reduce("smooth_l1_loss", d, reduction);
        return reduce("smooth_l1_loss", Tensor.where(d.detach().lt(beta), d.square().mul(0.5 / beta), d.sub(0.5 * beta)), reduction);
    }

    /** 0.5 d^2 where |d| &lt; delta, delta (|d| - 0.5 delta) elsewhere. */
    public static Tensor huber(Tensor input, Tensor target, Reduction reduction, double delta) {
        if (!(delta > 0)) throw new IllegalArgumentException("huber_loss: delta must be positive, got " + delta);
        checkBroadcast("huber_loss", input, target);
        Tensor d = input.sub(target).abs();
        return reduce("huber_loss", Tensor.where(d.detach().lt(delta), d.square().mul(0.5), d.sub(0.5 * delta).mul(delta)), reduction);
    }

    // ------------------------------------------------------------------ classification

    /**
     * Cross entropy of logits (N, C), (N, C, d1, ...) or unbatched (C) against class indices (int64,
     * the input's shape without the class dim) or class probabilities (the input's shape).
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
        String op = "cross_entropy";
        if (input.dim() == 0) throw new IllegalArgumentException(op + ": expected an input of shape (C), (N, C) or (N, C, d1, ...), got a 0-d tensor");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new IllegalArgumentException(op + ": label_smoothing must be between 0.0 and 1.0, got " + labelSmoothing);
        noBatchMean(op, reduction);
        int classDim = input.dim() == 1 ? 0 : 1, classes = input.size(classDim);
        checkWeight(op, weight, classes, input);
        Tensor logp = input.logSoftmax(classDim);
        if (target.dtype().isFloating()) {
            if (!Arrays.equals(target.shape(), input.shape()))
                throw new IllegalArgumentException(op + ": expected a probability target of the input's shape " + Shape.str(input.shape())
                        + " or class indices, got target of shape " + Shape.str(target.shape()));
            Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
            Tensor terms = logp.mul(t);
            if (weight != null) terms = terms.mul(alongClasses(weight, input.dim(), classDim));
            Tensor loss = terms.sum(classDim).neg();
            return reduction == Reduction.MEAN ? loss.sum().div((double) input.numel() / classes) : reduce(op, loss, reduction);
        }
        Tensor nll = nll(op, logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;
        // The smoothing term: -sum over classes of logp (weighted), for each non-ignored target.
        Tensor smooth = (weight == null ? logp : logp.mul(alongClasses(weight, input.dim(), classDim))).sum(classDim).neg();
        Tensor kept = target.ne(ignoreIndex);
        smooth = smooth.maskedFill(kept.logicalNot(), 0);
        Tensor term = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            default -> smooth.sum().div(weight == null ? kept.to(smooth.dtype()).sum() : targetWeights(weight, target, kept).sum());
        };
        return nll.mul(1 - labelSmoothing).add(term.mul(labelSmoothing / classes));
    }

    /** Negative log likelihood of log-probabilities (N, C), (N, C, d1, ...) or (C) at int64 class indices. */
    public static Tensor nll(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        if (input.dim() == 0) throw new IllegalArgumentException("nll_loss: expected an input of shape (C), (N, C) or (N, C, d1, ...), got a 0-d tensor");
        noBatchMean("nll_loss", reduction);
        checkWeight("nll_loss", weight, input.size(input.dim() == 1 ? 0 : 1), input);
        return nll("nll_loss", input, target, weight, ignoreIndex, reduction);
    }

    private static Tensor nll(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        if (target.dtype() != DType.INT64)
            throw new IllegalArgumentException(op + ": expected class indices of dtype int64 (or, for cross_entropy, probabilities), got " + target.dtype());
        boolean unbatched = input.dim() == 1;
        int[] expected = new int[Math.max(0, input.dim() - 1)];
        for (int i = 0, j = 0; i < input.dim(); i++) if (i != (unbatched ? 0 : 1)) expected[j++] = input.size(i);
        if (!Arrays.equals(target.shape(), expected))
            throw new IllegalArgumentException(op + ": expected a target of shape " + Shape.str(expected) + " for input of shape " + Shape.str(input.shape())
                    + ", got target of shape " + Shape.str(target.shape()));
        Tensor in = unbatched ? input.unsqueeze(0) : input, tg = unbatched ? target.reshape(1) : target;
        int classes = in.size(1);
        long[] t = tg.toLongArray(), safe = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) continue;
            if (t[i] < 0 || t[i] >= classes)
                throw new IllegalArgumentException(op + ": target " + t[i] + " is out of bounds for " + classes + " classes (valid: 0 to " + (classes - 1)
                        + ", or ignore_index " + ignoreIndex + ")");
            safe[i] = t[i];
        }
        Tensor index = Tensor.of(safe, tg.shape()), kept = tg.ne(ignoreIndex);
        Tensor picked = in.gather(1, index.unsqueeze(1)).squeeze(1);
        Tensor w = weight == null ? kept.to(in.dtype()) : targetWeights(weight, index, kept);
        Tensor loss = picked.mul(w).neg();
        if (unbatched) {
            loss = loss.reshape();
            w = w.reshape();
        }
        return switch (reduction) {
            case NONE -> loss;
            case SUM -> loss.sum();
            default -> loss.sum().div(w.sum());
        };
    }

    /** weight[target] where kept, 0 elsewhere (target shape). */
    private static Tensor targetWeights(Tensor weight, Tensor target, Tensor kept) {
        long[] t = target.toLongArray();
        boolean[] k = kept.toBooleanArray();
        for (int i = 0; i < t.length; i++) if (!k[i]) t[i] = 0;
        return weight.indexSelect(0, Tensor.of(t, t.length)).reshape(target.shape()).mul(kept.to(weight.dtype()));
    }

    /** The class weights viewed to broadcast along the class dim. */
    private static Tensor alongClasses(Tensor weight, int rank, int classDim) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[classDim] = weight.size(0);
        return weight.reshape(shape);
    }

    private static void checkWeight(String op, Tensor weight, int classes, Tensor input) {
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes))
            throw new IllegalArgumentException(op + ": expected a class weight of shape [" + classes + "] for input of shape " + Shape.str(input.shape())
                    + ", got " + Shape.str(weight.shape()));
    }

    /** -weight (t log x + (1 - t) log(1 - x)), each log clamped at -100 as in PyTorch. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        String op = "binary_cross_entropy";
        checkSameShape(op, input, target);
        Tensor outside = input.detach().lt(0).logicalOr(input.detach().gt(1));
        if (outside.any().item() != 0) throw new IllegalArgumentException(op + ": all elements of input should be between 0 and 1");
        Tensor loss = target.mul(input.log().clampMin(-100)).add(target.rsub(1).mul(input.rsub(1).log().clampMin(-100))).neg();
        if (weight != null) loss = loss.mul(checkBroadcastTo(op, weight, input));
        return reduce(op, loss, reduction);
    }

    /** (1 - t) x - (1 + (posWeight - 1) t) logsigmoid(x), times weight: stable for any logit. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        String op = "binary_cross_entropy_with_logits";
        checkSameShape(op, input, target);
        Tensor logSig = Activations.logsigmoid(input);
        Tensor scale = posWeight == null ? null : posWeight.sub(1).mul(target).add(1);
        if (posWeight != null) Shape.broadcast(op + " (pos_weight)", posWeight.shape(), input.shape());
        Tensor loss = target.rsub(1).mul(input).sub(scale == null ? logSig : scale.mul(logSig));
        if (weight != null) loss = loss.mul(checkBroadcastTo(op, weight, input));
        return reduce(op, loss, reduction);
    }

    /** target (log target - input), with 0 log 0 = 0; or exp(target) (target - input) for log-space targets. */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        String op = "kl_div";
        checkBroadcast(op, input, target);
        Tensor loss;
        if (logTarget) {
            loss = target.exp().mul(target.sub(input));
        } else {
            // xlogy(t, t): t log t, defined as 0 at t = 0 (the log's argument is 1 there, not 0).
            Tensor safe = Tensor.where(target.detach().ne(0), target, Tensor.scalar(1, target.dtype()));
            loss = target.mul(safe.log()).sub(target.mul(input));
        }
        if (reduction == Reduction.BATCHMEAN) return input.dim() == 0 ? loss.sum() : loss.sum().div(input.size(0));
        return reduce(op, loss, reduction);
    }

    /**
     * Cosine similarity along dim, with broadcasting: each input is divided by its norm, the norm's
     * square clamped below at eps^2 with no effect on the gradient (PyTorch 1.13's formula).
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        Shape.broadcast("cosine_similarity", x1.shape(), x2.shape());
        return x1.div(clampedNorm(x1, dim, eps)).mul(x2.div(clampedNorm(x2, dim, eps))).sum(dim);
    }

    private static Tensor clampedNorm(Tensor x, int dim, double eps) {
        Tensor sq = x.square().sum(dim, true);
        Tensor floor = sq.detach().clampMin(eps * eps).sub(sq.detach());
        return sq.add(floor).sqrt();
    }

    // ------------------------------------------------------------------ shared

    /** Applies a reduction to per-element losses; batchmean belongs to kl_div only. */
    public static Tensor reduce(String op, Tensor loss, Reduction reduction) {
        noBatchMean(op, reduction);
        return switch (reduction) {
            case NONE -> loss;
            case SUM -> loss.sum();
            default -> loss.mean();
        };
    }

    private static void noBatchMean(String op, Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException(op + ": reduction must not be null (use Reduction.NONE)");
        if (reduction == Reduction.BATCHMEAN) throw new IllegalArgumentException(op + ": reduction 'batchmean' is only valid for kl_div");
    }

    private static void checkSameShape(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape()))
            throw new IllegalArgumentException(op + ": target of shape " + Shape.str(target.shape()) + " must have the input's shape "
                    + Shape.str(input.shape()));
    }

    /** Input and target broadcast (as in PyTorch); a size mismatch is logged, since it is usually a mistake. */
    private static void checkBroadcast(String op, Tensor input, Tensor target) {
        int[] shape = Shape.broadcast(op, input.shape(), target.shape());
        if (!Arrays.equals(input.shape(), target.shape()))
            LOG.log(System.Logger.Level.WARNING, op + ": target of shape " + Shape.str(target.shape()) + " differs from input of shape "
                    + Shape.str(input.shape()) + "; both are broadcast to " + Shape.str(shape) + ", which is likely a mistake");
    }

    private static Tensor checkBroadcastTo(String op, Tensor weight, Tensor input) {
        int[] shape = Shape.broadcast(op + " (weight)", weight.shape(), input.shape());
        if (!Arrays.equals(shape, input.shape()))
            throw new IllegalArgumentException(op + ": weight of shape " + Shape.str(weight.shape()) + " does not broadcast to the input's shape "
                    + Shape.str(input.shape()));
        return weight;
    }
}
