package io.jgrad.optim;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping before {@code optimizer.step()} ({@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}, PyTorch 1.13). Parameters without a gradient are skipped; gradients
 * are changed in place.
 */
public final class GradClipping {
    private GradClipping() {}

    /** {@link #clipGradNorm_(List, double, double, boolean)} with the 2-norm, clipping even a non-finite norm. */
    public static double clipGradNorm_(List<Tensor> params, double maxNorm) {
        return clipGradNorm_(params, maxNorm, 2, false);
    }

    /** {@link #clipGradNorm_(List, double, double, boolean)}, clipping even a non-finite norm. */
    public static double clipGradNorm_(List<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm_(params, maxNorm, normType, false);
    }

    /**
     * Scales all gradients by {@code maxNorm / (total + 1e-6)} when that is below 1, where total is
     * the {@code normType}-norm of all gradients together (as if concatenated; {@code normType}
     * may be {@code Double.POSITIVE_INFINITY} for the largest magnitude).
     *
     * @param errorIfNonfinite fail, leaving the gradients alone, if the total norm is NaN or infinite
     *                         (otherwise the gradients become NaN, as in PyTorch)
     * @return the total norm before clipping (0 if no parameter has a gradient)
     */
    public static double clipGradNorm_(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm_: invalid maxNorm " + maxNorm + " (must be >= 0)");
        if (!(normType > 0)) throw new IllegalArgumentException("clipGradNorm_: invalid normType " + normType + " (must be > 0, or infinity)");
        List<Tensor> grads = grads("clipGradNorm_", params);
        if (grads.isEmpty()) return 0;
        try (var noGrad = Autograd.noGrad()) {
            double total;
            if (normType == Double.POSITIVE_INFINITY) {
                total = 0;
                for (Tensor g : grads) total = Math.max(total, g.norm(normType).item());
            } else {
                double sum = 0;
                for (Tensor g : grads) sum += Math.pow(g.norm(normType).item(), normType);
                total = Math.pow(sum, 1 / normType);
            }
            if (errorIfNonfinite && !Double.isFinite(total))
                throw new IllegalArgumentException("clipGradNorm_: the total norm of order " + normType + " of the gradients of "
                        + grads.size() + " parameters is " + total + "; pass errorIfNonfinite=false to clip anyway");
            double coef = maxNorm / (total + 1e-6);
            if (!(coef >= 1)) for (Tensor g : grads) g.mul_(coef); // NaN coef too, as PyTorch's clamp keeps NaN
            return total;
        }
    }

    /** Clamps every gradient element into [-clipValue, clipValue]. */
    public static void clipGradValue_(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) throw new IllegalArgumentException("clipGradValue_: invalid clipValue " + clipValue + " (must be >= 0)");
        try (var noGrad = Autograd.noGrad()) {
            for (Tensor g : grads("clipGradValue_", params)) g.clamp_(-clipValue, clipValue);
        }
    }

    private static List<Tensor> grads(String who, List<Tensor> params) {
        List<Tensor> grads = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == null) throw new IllegalArgumentException(who + ": parameter " + i + " is null");
            Tensor g = params.get(i).grad();
            if (g != null) grads.add(g);
        }
        return grads;
    }
}
