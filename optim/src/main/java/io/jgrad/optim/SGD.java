package io.jgrad.optim;

import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.OptimKernels;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum, L2 weight decay and
 * maximization ({@code torch.optim.SGD}, PyTorch 1.13). Options: {@code lr} (required),
 * {@code momentum} 0, {@code dampening} 0, {@code weight_decay} 0, {@code nesterov} false,
 * {@code maximize} false. State: {@code momentum_buffer} (with momentum).
 *
 * <pre>
 * g = grad + weight_decay * p
 * buf = g (first step), else momentum * buf + (1 - dampening) * g
 * g = nesterov ? g + momentum * buf : buf          (with momentum)
 * p = p - lr * g
 * </pre>
 */
public final class SGD extends Optimizer {
    public SGD(List<Tensor> params, double lr) {
        this(params, Map.of("lr", lr));
    }

    public SGD(List<Tensor> params, Map<String, ?> options) {
        super(params, options, defaultOptions());
    }

    private static Map<String, Object> defaultOptions() {
        return Kwargs.of("lr", null, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0, "nesterov", false, "maximize", false);
    }

    @Override
    protected ParamUpdate prepare(ParamGroup group) {
        String who = name();
        double lr = Kwargs.nonNegative(who, group.options(), "lr");
        double momentum = Kwargs.nonNegative(who, group.options(), "momentum");
        double dampening = Kwargs.number(who, group.options(), "dampening");
        double weightDecay = Kwargs.nonNegative(who, group.options(), "weight_decay");
        boolean nesterov = Kwargs.flag(who, group.options(), "nesterov");
        double gradSign = Kwargs.flag(who, group.options(), "maximize") ? -1 : 1;
        if (nesterov && (momentum == 0 || dampening != 0))
            throw new IllegalArgumentException(who + ": nesterov requires a momentum > 0 and zero dampening (momentum " + momentum + ", dampening " + dampening + ")");
        return (p, grad, s) -> {
            Tensor buf = null;
            boolean first = false;
            if (momentum != 0) {
                first = s.buffer("momentum_buffer") == null;
                buf = s.buffer("momentum_buffer", p, 0);
            }
            var c = new OptimKernels.SgdStep(gradSign, weightDecay, momentum, dampening, nesterov, first, lr);
            OptimKernels k = OptimKernels.of(p.dtype());
            Object b = buf == null ? null : buf.storage().array();
            FusedUpdate.apply(who, p, grad, (pa, po, ga, go, so, n) -> k.sgd(pa, po, ga, go, b, so, n, c));
        };
    }
}
