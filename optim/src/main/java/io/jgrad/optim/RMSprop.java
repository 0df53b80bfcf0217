package io.jgrad.optim;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.OptimKernels;
import java.util.List;
import java.util.Map;

/**
 * RMSprop ({@code torch.optim.RMSprop}, PyTorch 1.13). Options: {@code lr} 1e-2, {@code alpha}
 * 0.99, {@code eps} 1e-8, {@code weight_decay} 0, {@code momentum} 0, {@code centered} false,
 * {@code maximize} false. State: {@code square_avg}, {@code momentum_buffer} (momentum > 0),
 * {@code grad_avg} (centered).
 *
 * <pre>
 * g = grad + weight_decay * p
 * sq = alpha * sq + (1 - alpha) * g * g
 * avg = sqrt(sq) + eps, or centered: ga = alpha * ga + (1 - alpha) * g; avg = sqrt(sq - ga * ga) + eps
 * momentum > 0: buf = momentum * buf + g / avg; p = p - lr * buf;   else p = p - lr * g / avg
 * </pre>
 */
public final class RMSprop extends Optimizer {
    public RMSprop(List<Tensor> params) {
        this(params, Map.of());
    }

    public RMSprop(List<Tensor> params, double lr) {
        this(params, Map.of("lr", lr));
    }

    public RMSprop(List<Tensor> params, Map<String, ?> options) {
        super(params, options, defaultOptions());
    }

    private static Map<String, Object> defaultOptions() {
        return Kwargs.of("lr", 1e-2, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", false, "maximize", false);
    }

    @Override
    protected ParamUpdate prepare(ParamGroup group) {
        String who = name();
        double lr = Kwargs.nonNegative(who, group.options(), "lr");
        double alpha = Kwargs.nonNegative(who, group.options(), "alpha");
        double eps = Kwargs.nonNegative(who, group.options(), "eps");
        double weightDecay = Kwargs.nonNegative(who, group.options(), "weight_decay");
        double momentum = Kwargs.nonNegative(who, group.options(), "momentum");
        boolean centered = Kwargs.flag(who, group.options(), "centered");
        double gradSign = Kwargs.flag(who, group.options(), "maximize") ? -1 : 1;
        var c = new OptimKernels.RmspropStep(gradSign, weightDecay, alpha, eps, momentum, lr);
        return (p, grad, s) -> {
            OptimKernels k = OptimKernels.of(p.dtype());
            Object sq = s.buffer("square_avg", p, 0).storage().array();
            Object buf = momentum > 0 ? s.buffer("momentum_buffer", p, 0).storage().array() : null;
            Object ga = centered ? s.buffer("grad_avg", p, 0).storage().array() : null;
            FusedUpdate.apply(who, p, grad, (pa, po, gr, go, so, n) -> k.rmsprop(pa, po, gr, go, sq, ga, buf, so, n, c));
        };
    }
}
