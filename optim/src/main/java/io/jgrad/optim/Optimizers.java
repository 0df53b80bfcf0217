package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** Builds optimizers from a name and PyTorch-style keyword arguments, e.g. from a config file or golden test data. */
public final class Optimizers {
    private Optimizers() {}

    /**
     * {@code torch.optim.<type>(params, **kwargs)}: type is SGD, Adam, AdamW, RMSprop or Adagrad;
     * kwargs use PyTorch's names (lr, momentum, dampening, nesterov, weight_decay, maximize, betas,
     * eps, amsgrad, alpha, centered, lr_decay, initial_accumulator_value), numbers of any boxed type,
     * betas as a list or double[].
     */
    public static Optimizer fromSpec(String type, Map<String, ?> kwargs, List<Tensor> params) {
        return switch (type) {
            case "SGD" -> new SGD(params, kwargs);
            case "Adam" -> new Adam(params, kwargs);
            case "AdamW" -> new AdamW(params, kwargs);
            case "RMSprop" -> new RMSprop(params, kwargs);
            case "Adagrad" -> new Adagrad(params, kwargs);
            default -> throw new IllegalArgumentException("optimizer: unknown type '" + type + "' (known: SGD, Adam, AdamW, RMSprop, Adagrad)");
        };
    }
}
