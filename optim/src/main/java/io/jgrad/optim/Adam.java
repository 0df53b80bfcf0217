package io.jgrad.optim;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.OptimKernels;
import java.util.List;
import java.util.Map;

/**
 * Adam ({@code torch.optim.Adam}, PyTorch 1.13). Options: {@code lr} 1e-3, {@code betas}
 * [0.9, 0.999], {@code eps} 1e-8, {@code weight_decay} 0 (L2, added to the gradient),
 * {@code amsgrad} false, {@code maximize} false. State: {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq} (amsgrad).
 *
 * <pre>
 * g = grad + weight_decay * p
 * m = b1 * m + (1 - b1) * g;   v = b2 * v + (1 - b2) * g * g;   (amsgrad: v = vmax = max(vmax, v))
 * p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 */
public final class Adam extends Optimizer {
    public Adam(List<Tensor> params) {
        this(params, Map.of());
    }

    public Adam(List<Tensor> params, double lr) {
        this(params, Map.of("lr", lr));
    }

    public Adam(List<Tensor> params, Map<String, ?> options) {
        super(params, options, defaultOptions(0));
    }

    static Map<String, Object> defaultOptions(double weightDecay) {
        return Kwargs.of("lr", 1e-3, "betas", List.of(0.9, 0.999), "eps", 1e-8, "weight_decay", weightDecay, "amsgrad", false, "maximize", false);
    }

    @Override
    protected ParamUpdate prepare(ParamGroup group) {
        return update(name(), group, false);
    }

    /** The Adam update; {@code decoupled} makes weight decay AdamW's (p *= 1 - lr * weight_decay) instead of L2. */
    static ParamUpdate update(String who, ParamGroup group, boolean decoupled) {
        double lr = Kwargs.nonNegative(who, group.options(), "lr");
        double[] betas = Kwargs.betas(who, group.options(), "betas");
        double eps = Kwargs.nonNegative(who, group.options(), "eps");
        double weightDecay = Kwargs.nonNegative(who, group.options(), "weight_decay");
        boolean amsgrad = Kwargs.flag(who, group.options(), "amsgrad");
        double gradSign = Kwargs.flag(who, group.options(), "maximize") ? -1 : 1;
        double b1 = betas[0], b2 = betas[1];
        double l2 = decoupled ? 0 : weightDecay, paramDecay = decoupled ? 1 - lr * weightDecay : 1;
        return (p, grad, s) -> {
            long t = s.step();
            double bias1 = 1 - Math.pow(b1, t), bias2 = 1 - Math.pow(b2, t);
            var c = new OptimKernels.AdamStep(gradSign, l2, paramDecay, b1, b2, lr / bias1, Math.sqrt(bias2), eps);
            OptimKernels k = OptimKernels.of(p.dtype());
            Object m = s.buffer("exp_avg", p, 0).storage().array();
            Object v = s.buffer("exp_avg_sq", p, 0).storage().array();
            Object vmax = amsgrad ? s.buffer("max_exp_avg_sq", p, 0).storage().array() : null;
            FusedUpdate.apply(who, p, grad, (pa, po, ga, go, so, n) -> k.adam(pa, po, ga, go, m, v, vmax, so, n, c));
        };
    }
}
