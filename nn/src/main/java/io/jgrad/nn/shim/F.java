package io.jgrad.nn.shim;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Linalg;

/**
 * TEMPORARY stand-in for io.jgrad.nn.F (branch nnfunc), with the signatures agreed for it, so
 * the layers compile and the core-op cases can be tested before that branch is merged. Deleted
 * (with the imports of io.jgrad.nn.shim.*) when main is merged. Kernels F owns (conv, pool,
 * interpolate) throw UnsupportedOperationException here.
 */
public final class F {
    private F() {}

    private static UnsupportedOperationException later(String op) {
        return new UnsupportedOperationException("F." + op + " is not available before the nnfunc merge");
    }

    public static Tensor linear(Tensor x, Tensor w, Tensor b) { return Linalg.linear(x, w, b); }
    public static Tensor embedding(Tensor idx, Tensor w, Integer paddingIdx) { return Indexing.embedding(idx, w, paddingIdx); }

    public static Tensor relu(Tensor x) { return x.relu(); }
    public static Tensor tanh(Tensor x) { return x.tanh(); }
    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }
    public static Tensor silu(Tensor x) { return x.mul(x.sigmoid()); }
    public static Tensor leakyRelu(Tensor x, double slope) { return Tensor.where(x.gt(0), x, x.mul(slope)); }
    public static Tensor softmax(Tensor x, int dim) { return x.softmax(dim); }
    public static Tensor logSoftmax(Tensor x, int dim) { return x.logSoftmax(dim); }

    public static Tensor gelu(Tensor x, String approximate) {
        if (approximate.equals("tanh"))
            return x.mul(0.5).mul(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI)).tanh().add(1));
        return x.mul(0.5).mul(x.div(Math.sqrt(2)).erf().add(1));
    }

    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!training || p == 0) return x;
        Tensor keep = Tensor.rand(gen, x.dtype(), x.shape()).ge(p).to(x.dtype());
        return x.mul(keep).div(1 - p);
    }

    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int[] dims = new int[normalizedShape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = x.dim() - normalizedShape.length + i;
        Tensor y = x.sub(x.mean(dims, true)).div(x.var(dims, 0, true).add(eps).sqrt());
        if (weight != null) y = y.mul(weight);
        return bias == null ? y : y.add(bias);
    }

    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        int[] dims = new int[x.dim() - 1];
        for (int i = 0, k = 0; i < x.dim(); i++) if (i != 1) dims[k++] = i;
        int[] bshape = new int[x.dim()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = x.size(1);
        Tensor mean, var;
        if (training) {
            mean = x.mean(dims, false);
            var = x.var(dims, 0, false);
            if (runningMean != null) {
                try (Autograd.Scope ignored = Autograd.noGrad()) {
                    int n = x.numel() / x.size(1);
                    runningMean.mul_(1 - momentum).add_(mean.detach().mul(momentum));
                    runningVar.mul_(1 - momentum).add_(var.detach().mul(momentum * n / (n - 1.0)));
                }
            }
        } else {
            mean = runningMean;
            var = runningVar;
        }
        Tensor y = x.sub(mean.reshape(bshape)).div(var.add(eps).sqrt().reshape(bshape));
        if (weight != null) y = y.mul(weight.reshape(bshape));
        return bias == null ? y : y.add(bias.reshape(bshape));
    }

    public static Tensor groupNorm(Tensor x, int numGroups, Tensor weight, Tensor bias, double eps) { throw later("groupNorm"); }

    public static Tensor crossEntropy(Tensor input, Tensor target) { return crossEntropy(input, target, null, -100, Reduction.MEAN, 0); }

    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
        if (weight != null || input.dim() != 2) throw later("crossEntropy with weight or spatial dims");
        Tensor logp = input.logSoftmax(1);
        Tensor loss = logp.gather(1, target.unsqueeze(1)).squeeze(1).neg();
        if (labelSmoothing > 0) loss = loss.mul(1 - labelSmoothing).add(logp.mean(1, false).neg().mul(labelSmoothing));
        return reduce(loss, reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) { return mseLoss(input, target, Reduction.MEAN); }

    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) { return reduce(input.sub(target).square(), reduction); }

    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        if (weight != null || posWeight != null) throw later("binaryCrossEntropyWithLogits with weights");
        Tensor loss = input.clampMin(0).sub(input.mul(target)).add(input.abs().neg().exp().log1p());
        return reduce(loss, reduction);
    }

    private static Tensor reduce(Tensor loss, Reduction r) {
        return switch (r) {
            case NONE -> loss;
            case SUM -> loss.sum();
            case MEAN -> loss.mean();
            case BATCHMEAN -> loss.sum().div(loss.size(0));
        };
    }

    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) { throw later("conv1d"); }
    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) { throw later("conv1d"); }
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) { throw later("conv2d"); }
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, String padding, int[] dilation, int groups) { throw later("conv2d"); }
    public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] outputPadding, int groups, int[] dilation) { throw later("convTranspose2d"); }
    public static Tensor maxPool1d(Tensor x, int[] k, int[] s, int[] p, int[] d, boolean ceil) { throw later("maxPool1d"); }
    public static Tensor maxPool2d(Tensor x, int[] k, int[] s, int[] p, int[] d, boolean ceil) { throw later("maxPool2d"); }
    public static Tensor avgPool1d(Tensor x, int[] k, int[] s, int[] p, boolean ceil, boolean countIncludePad) { throw later("avgPool1d"); }
    public static Tensor avgPool2d(Tensor x, int[] k, int[] s, int[] p, boolean ceil, boolean countIncludePad) { throw later("avgPool2d"); }
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) { throw later("adaptiveAvgPool2d"); }
    public static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) { throw later("interpolate"); }
}
