package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Convolution;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Linalg;
import io.jgrad.core.ops.Normalization;
import io.jgrad.core.ops.Op;
import io.jgrad.core.ops.Pooling;
import io.jgrad.core.ops.Resampling;
import io.jgrad.nn.functional.Activations;
import io.jgrad.nn.functional.Dropout;
import io.jgrad.nn.functional.Losses;
import io.jgrad.nn.functional.Spatial;

/**
 * The functional API: {@code torch.nn.functional} with Java names ({@code F.crossEntropy} is
 * {@code F.cross_entropy}), PyTorch's parameter order and semantics, and overloads for PyTorch's
 * defaults. {@code int[]} size arguments accept one value meaning "the same for every spatial dim";
 * null means PyTorch's default. See docs/functional.md for the full table.
 *
 * <p>Every function is differentiable (gradients of gradients included) through the primitives it
 * is built from; bad arguments raise an IllegalArgumentException naming the function and shapes.
 */
public final class F {
    private F() {}

    // ================================================================== linear

    /** {@code x · weight^T + bias} over the last dim of x (bias may be null). */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        return Linalg.linear(x, weight, bias);
    }

    /** {@code y[..., o] = x1[...] · weight[o] · x2[...] + bias[o]}: x1 (*, in1), x2 (*, in2), weight (out, in1, in2). */
    public static Tensor bilinear(Tensor x1, Tensor x2, Tensor weight, Tensor bias) {
        if (weight.dim() != 3 || x1.dim() == 0 || x2.dim() == 0 || x1.size(-1) != weight.size(1) || x2.size(-1) != weight.size(2)
                || !java.util.Arrays.equals(x1.shape(), 0, x1.dim() - 1, x2.shape(), 0, x2.dim() - 1))
            throw new IllegalArgumentException("bilinear: expected x1 (*, " + (weight.dim() == 3 ? weight.size(1) : "in1") + "), x2 (*, "
                    + (weight.dim() == 3 ? weight.size(2) : "in2") + ") with the same leading dims and weight (out, in1, in2), got x1 "
                    + Shape.str(x1.shape()) + ", x2 " + Shape.str(x2.shape()) + ", weight " + Shape.str(weight.shape()));
        int out = weight.size(0), in1 = weight.size(1), in2 = weight.size(2);
        int[] lead = java.util.Arrays.copyOf(x1.shape(), x1.dim());
        lead[lead.length - 1] = out;
        // (B, in1) · (in1, out * in2) gives x1 · weight[o] for every o; then a dot with x2 per o.
        Tensor xw = x1.reshape(-1, in1).matmul(weight.permute(1, 0, 2).reshape(in1, out * in2)).reshape(-1, out, in2);
        Tensor y = xw.mul(x2.reshape(-1, 1, in2)).sum(2);
        if (bias != null) y = y.add(bias);
        return y.reshape(lead);
    }

    // ================================================================== convolution

    /** 1-d convolution: input (N, C, L) or (C, L), weight (O, C/groups, K), bias (O) or null. */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Spatial.conv("conv1d", 1, x, weight, bias, stride, padding, dilation, groups);
    }

    /** 1-d convolution with padding "same" or "valid". */
    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        return Spatial.conv("conv1d", 1, x, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor x, Tensor weight, Tensor bias) {
        return conv1d(x, weight, bias, null, (int[]) null, null, 1);
    }

    /** 2-d convolution: input (N, C, H, W) or (C, H, W), weight (O, C/groups, kH, kW), bias (O) or null. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Spatial.conv("conv2d", 2, x, weight, bias, stride, padding, dilation, groups);
    }

    /** 2-d convolution with padding "same" or "valid". */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        return Spatial.conv("conv2d", 2, x, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, null, (int[]) null, null, 1);
    }

    /** Transposed 1-d convolution: input (N, Cin, L), weight (Cin, Cout/groups, K), bias (Cout) or null. */
    public static Tensor convTranspose1d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding, int groups,
                                         int[] dilation) {
        String op = "conv_transpose1d";
        return Convolution.convTranspose(op, 1, x, weight, bias, Spatial.tuple(op, "stride", stride, 1, 1), Spatial.tuple(op, "padding", padding, 1, 0),
                Spatial.tuple(op, "output_padding", outputPadding, 1, 0), groups, Spatial.tuple(op, "dilation", dilation, 1, 1));
    }

    /** Transposed 2-d convolution: input (N, Cin, H, W), weight (Cin, Cout/groups, kH, kW), bias (Cout) or null. */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding, int groups,
                                         int[] dilation) {
        String op = "conv_transpose2d";
        return Convolution.convTranspose(op, 2, x, weight, bias, Spatial.tuple(op, "stride", stride, 2, 1), Spatial.tuple(op, "padding", padding, 2, 0),
                Spatial.tuple(op, "output_padding", outputPadding, 2, 0), groups, Spatial.tuple(op, "dilation", dilation, 2, 1));
    }

    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias) {
        return convTranspose2d(x, weight, bias, null, null, null, 1, null);
    }

    // ================================================================== pooling and resampling

    /** 1-d max pooling; stride null = kernel; padding null = 0 (implicit -inf); dilation null = 1. */
    public static Tensor maxPool1d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool1d", 1, x, kernel, stride, padding, dilation, ceilMode, false).values();
    }

    /** 1-d max pooling returning the values and the arg-max positions (return_indices=True). */
    public static Tensor.ValuesIndices maxPool1dWithIndices(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool1d", 1, x, kernel, stride, padding, dilation, ceilMode, true);
    }

    /** 2-d max pooling; stride null = kernel; padding null = 0 (implicit -inf); dilation null = 1. */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool2d", 2, x, kernel, stride, padding, dilation, ceilMode, false).values();
    }

    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, new int[] {kernel}, null, null, null, false);
    }

    /** 2-d max pooling returning the values and the arg-max positions (flat h * W + w within each plane). */
    public static Tensor.ValuesIndices maxPool2dWithIndices(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return maxPool("max_pool2d", 2, x, kernel, stride, padding, dilation, ceilMode, true);
    }

    private static Tensor.ValuesIndices maxPool(String op, int n, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
                                                boolean withIndices) {
        int[] k = Spatial.tuple(op, "kernel_size", kernel, n, 0);
        return Pooling.maxPool(op, n, x, k, stride == null ? k : Spatial.tuple(op, "stride", stride, n, 1), Spatial.tuple(op, "padding", padding, n, 0),
                Spatial.tuple(op, "dilation", dilation, n, 1), ceilMode, withIndices);
    }

    /** 1-d average pooling; stride null = kernel; zero padding counted in the divisor if countIncludePad. */
    public static Tensor avgPool1d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool("avg_pool1d", 1, x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    /** 2-d average pooling; stride null = kernel; zero padding counted in the divisor if countIncludePad. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return avgPool("avg_pool2d", 2, x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, new int[] {kernel}, null, null, false, true);
    }

    private static Tensor avgPool(String op, int n, Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        int[] k = Spatial.tuple(op, "kernel_size", kernel, n, 0);
        return Resampling.avgPool(op, n, x, k, stride == null ? k : Spatial.tuple(op, "stride", stride, n, 1), Spatial.tuple(op, "padding", padding, n, 0),
                ceilMode, countIncludePad);
    }

    /** Adaptive 1-d average pooling to {@code outputSize} positions. */
    public static Tensor adaptiveAvgPool1d(Tensor x, int outputSize) {
        return Resampling.adaptiveAvgPool("adaptive_avg_pool1d", 1, x, new int[] {outputSize});
    }

    /** Adaptive 2-d average pooling to {@code outputSize} (one value: square). */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        return Resampling.adaptiveAvgPool("adaptive_avg_pool2d", 2, x, Spatial.tuple("adaptive_avg_pool2d", "output_size", outputSize, 2, 0));
    }

    /**
     * Resizes (N, C, *spatial) by {@code size} or {@code scaleFactor} (exactly one non-null). Modes:
     * "nearest", "linear" (3-d), "bilinear" (4-d), "trilinear" (5-d); alignCorners for the linear
     * modes only (null = false).
     */
    public static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        return Resampling.interpolate(x, size, scaleFactor, mode, alignCorners);
    }

    // ================================================================== normalisation

    /**
     * Batch normalisation over dim 1 of (N, C, *). Training: batch statistics, and the running
     * buffers (if given) are updated in place with momentum (unbiased variance). Evaluation: the
     * running statistics are used. Weight and bias (C) may be null.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training, double momentum,
                                   double eps) {
        return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** Normalises over the trailing {@code normalizedShape} dims; weight and bias have that shape or are null. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    /** Normalises each sample over groups of C / numGroups channels; weight and bias (C) or null. */
    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(x, numGroups, weight, bias, eps);
    }

    /** {@code x / max(||x||_p, eps)} along dim. */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        return x.div(x.norm(p, new int[] {dim}, true).clampMin(eps));
    }

    public static Tensor normalize(Tensor x) {
        return normalize(x, 2, 1, 1e-12);
    }

    // ================================================================== dropout, embeddings

    /** Zeroes elements with probability p (from gen) and scales the rest by 1 / (1 - p); identity unless training. */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        return Dropout.dropout(x, p, training, gen);
    }

    /** Dropout drawing from the default generator. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return Dropout.dropout(x, p, training, Generator.defaultGenerator());
    }

    /** Rows of weight at the int64 indices; the paddingIdx row (null = none) gets no gradient. */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        return Indexing.embedding(indices, weight, paddingIdx);
    }

    /** int64 one-hot encoding with numClasses classes (-1 = max index + 1). */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return Indexing.oneHot(indices, numClasses);
    }

    // ================================================================== activations

    public static Tensor relu(Tensor x) { return x.relu(); }
    public static Tensor relu6(Tensor x) { return hardtanh(x, 0, 6); }
    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }
    public static Tensor tanh(Tensor x) { return x.tanh(); }
    public static Tensor silu(Tensor x) { return Activations.unary(Op.SILU, x); }
    public static Tensor mish(Tensor x) { return Activations.unary(Op.MISH, x); }
    public static Tensor gelu(Tensor x) { return gelu(x, "none"); }
    /** approximate: "none" (erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) { return Activations.gelu(x, approximate); }
    public static Tensor leakyRelu(Tensor x) { return leakyRelu(x, 0.01); }
    public static Tensor leakyRelu(Tensor x, double negativeSlope) { return Activations.leakyRelu(x, negativeSlope); }
    public static Tensor elu(Tensor x) { return elu(x, 1.0); }
    public static Tensor elu(Tensor x, double alpha) { return Activations.elu(x, alpha); }
    public static Tensor selu(Tensor x) { return Activations.unary(Op.SELU, x); }
    public static Tensor softplus(Tensor x) { return softplus(x, 1, 20); }
    public static Tensor softplus(Tensor x, double beta, double threshold) { return Activations.softplus(x, beta, threshold); }
    public static Tensor hardtanh(Tensor x) { return hardtanh(x, -1, 1); }
    public static Tensor hardtanh(Tensor x, double min, double max) { return Activations.hardtanh(x, min, max); }
    public static Tensor hardswish(Tensor x) { return Activations.unary(Op.HARDSWISH, x); }
    public static Tensor hardsigmoid(Tensor x) { return Activations.unary(Op.HARDSIGMOID, x); }
    public static Tensor logsigmoid(Tensor x) { return Activations.logsigmoid(x); }
    public static Tensor softsign(Tensor x) { return Activations.unary(Op.SOFTSIGN, x); }
    public static Tensor softmax(Tensor x, int dim) { return x.softmax(dim); }
    public static Tensor logSoftmax(Tensor x, int dim) { return x.logSoftmax(dim); }

    // ================================================================== losses

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) { return Losses.mse(input, target, reduction); }
    public static Tensor mseLoss(Tensor input, Tensor target) { return mseLoss(input, target, Reduction.MEAN); }
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) { return Losses.l1(input, target, reduction); }
    public static Tensor l1Loss(Tensor input, Tensor target) { return l1Loss(input, target, Reduction.MEAN); }

    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        return Losses.smoothL1(input, target, reduction, beta);
    }

    public static Tensor smoothL1Loss(Tensor input, Tensor target) { return smoothL1Loss(input, target, Reduction.MEAN, 1.0); }

    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        return Losses.huber(input, target, reduction, delta);
    }

    public static Tensor huberLoss(Tensor input, Tensor target) { return huberLoss(input, target, Reduction.MEAN, 1.0); }

    /**
     * Cross entropy of logits (N, C), (N, C, d1, ...) or (C) against int64 class indices or class
     * probabilities; weight (C) or null; targets equal to ignoreIndex contribute nothing.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
        return Losses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    public static Tensor crossEntropy(Tensor input, Tensor target) { return crossEntropy(input, target, null, -100, Reduction.MEAN, 0.0); }

    /** Negative log likelihood of log-probabilities at int64 class indices. */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return Losses.nll(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor nllLoss(Tensor input, Tensor target) { return nllLoss(input, target, null, -100, Reduction.MEAN); }

    /** Binary cross entropy of probabilities in [0, 1]; weight broadcasts to the input or is null. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return Losses.binaryCrossEntropy(input, target, weight, reduction);
    }

    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) { return binaryCrossEntropy(input, target, null, Reduction.MEAN); }

    /** Binary cross entropy of logits; posWeight (broadcast along the last dim) weighs the positive term. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        return Losses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
    }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /** KL divergence of log-probabilities input from target (probabilities, or log-probabilities if logTarget). */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        return Losses.klDiv(input, target, reduction, logTarget);
    }

    public static Tensor klDiv(Tensor input, Tensor target) { return klDiv(input, target, Reduction.MEAN, false); }

    /** Cosine similarity along dim (x1 and x2 broadcast). */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) { return Losses.cosineSimilarity(x1, x2, dim, eps); }

    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) { return cosineSimilarity(x1, x2, 1, 1e-8); }
}
