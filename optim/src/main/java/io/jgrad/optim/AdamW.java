package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * AdamW ({@code torch.optim.AdamW}, PyTorch 1.13): Adam with decoupled weight decay, applied to
 * the parameter before the Adam update, {@code p = p * (1 - lr * weight_decay)}, instead of being
 * added to the gradient. Options as {@link Adam}, but {@code weight_decay} defaults to 0.01.
 */
public final class AdamW extends Optimizer {
    public AdamW(List<Tensor> params) {
        this(params, Map.of());
    }

    public AdamW(List<Tensor> params, double lr) {
        this(params, Map.of("lr", lr));
    }

    public AdamW(List<Tensor> params, Map<String, ?> options) {
        super(params, options, Adam.defaultOptions(1e-2));
    }

    @Override
    protected ParamUpdate prepare(ParamGroup group) {
        return Adam.update(name(), group, true);
    }
}
