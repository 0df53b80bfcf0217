package io.jgrad.optim;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.OptimKernels;
import java.util.List;
import java.util.Map;

/**
 * Adagrad ({@code torch.optim.Adagrad}, PyTorch 1.13). Options: {@code lr} 1e-2, {@code lr_decay}
 * 0, {@code weight_decay} 0, {@code initial_accumulator_value} 0, {@code eps} 1e-10,
 * {@code maximize} false. State: {@code sum} (starts at initial_accumulator_value).
 *
 * <pre>
 * g = grad + weight_decay * p
 * clr = lr / (1 + (t - 1) * lr_decay)
 * sum = sum + g * g
 * p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 */
public final class Adagrad extends Optimizer {
    public Adagrad(List<Tensor> params) {
        this(params, Map.of());
    }

    public Adagrad(List<Tensor> params, double lr) {
        this(params, Map.of("lr", lr));
    }

    public Adagrad(List<Tensor> params, Map<String, ?> options) {
        super(params, options, defaultOptions());
    }

    private static Map<String, Object> defaultOptions() {
        return Kwargs.of("lr", 1e-2, "lr_decay", 0.0, "weight_decay", 0.0, "initial_accumulator_value", 0.0, "eps", 1e-10, "maximize", false);
    }

    @Override
    protected ParamUpdate prepare(ParamGroup group) {
        String who = name();
        double lr = Kwargs.nonNegative(who, group.options(), "lr");
        double lrDecay = Kwargs.nonNegative(who, group.options(), "lr_decay");
        double weightDecay = Kwargs.nonNegative(who, group.options(), "weight_decay");
        double initial = Kwargs.nonNegative(who, group.options(), "initial_accumulator_value");
        double eps = Kwargs.nonNegative(who, group.options(), "eps");
        double gradSign = Kwargs.flag(who, group.options(), "maximize") ? -1 : 1;
        return (p, grad, s) -> {
            var c = new OptimKernels.AdagradStep(gradSign, weightDecay, lr / (1 + (s.step() - 1) * lrDecay), eps);
            OptimKernels k = OptimKernels.of(p.dtype());
            Object sum = s.buffer("sum", p, initial).storage().array();
            FusedUpdate.apply(who, p, grad, (pa, po, ga, go, so, n) -> k.adagrad(pa, po, ga, go, sum, so, n, c));
        };
    }
}
