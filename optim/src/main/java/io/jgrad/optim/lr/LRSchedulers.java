package io.jgrad.optim.lr;

import io.jgrad.optim.Kwargs;
import io.jgrad.optim.Optimizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds epoch schedulers from a name and PyTorch-style keyword arguments (config files, golden test data). */
public final class LRSchedulers {
    private LRSchedulers() {}

    /**
     * {@code torch.optim.lr_scheduler.<type>(optimizer, **kwargs)} for StepLR (step_size, gamma),
     * MultiStepLR (milestones, gamma), ExponentialLR (gamma), CosineAnnealingLR (T_max, eta_min),
     * LinearLR (start_factor, end_factor, total_iters) and OneCycleLR (max_lr, total_steps and
     * {@link OneCycleLR}'s options). LambdaLR and SequentialLR take code and objects; build them directly.
     */
    public static LRScheduler fromSpec(String type, Map<String, ?> kwargs, Optimizer optimizer) {
        return switch (type) {
            case "StepLR" -> {
                Map<String, Object> o = Kwargs.merge(type, Kwargs.of("step_size", null, "gamma", 0.1), kwargs);
                yield new StepLR(optimizer, Kwargs.integer(type, o, "step_size", 1), Kwargs.number(type, o, "gamma"));
            }
            case "MultiStepLR" -> {
                Map<String, Object> o = Kwargs.merge(type, Kwargs.of("milestones", null, "gamma", 0.1), kwargs);
                if (!(o.get("milestones") instanceof List<?> list)) throw new IllegalArgumentException(type + ": milestones must be a list of epochs");
                int[] milestones = list.stream().mapToInt(m -> ((Double) m).intValue()).toArray();
                yield new MultiStepLR(optimizer, milestones, Kwargs.number(type, o, "gamma"));
            }
            case "ExponentialLR" -> new ExponentialLR(optimizer, Kwargs.number(type, Kwargs.merge(type, Kwargs.of("gamma", null), kwargs), "gamma"));
            case "CosineAnnealingLR" -> {
                Map<String, Object> o = Kwargs.merge(type, Kwargs.of("T_max", null, "eta_min", 0.0), kwargs);
                yield new CosineAnnealingLR(optimizer, Kwargs.integer(type, o, "T_max", 1), Kwargs.number(type, o, "eta_min"));
            }
            case "LinearLR" -> {
                Map<String, Object> o = Kwargs.merge(type, Kwargs.of("start_factor", 1.0 / 3, "end_factor", 1.0, "total_iters", 5.0), kwargs);
                yield new LinearLR(optimizer, Kwargs.number(type, o, "start_factor"), Kwargs.number(type, o, "end_factor"),
                        Kwargs.integer(type, o, "total_iters", 1));
            }
            case "OneCycleLR" -> {
                Map<String, Object> own = new HashMap<>(), rest = new HashMap<>();
                kwargs.forEach((k, v) -> (k.equals("max_lr") || k.equals("total_steps") ? own : rest).put(k, v));
                Map<String, Object> o = Kwargs.merge(type, Kwargs.of("max_lr", null, "total_steps", null), own);
                yield new OneCycleLR(optimizer, Kwargs.number(type, o, "max_lr"), Kwargs.integer(type, o, "total_steps", 1), rest);
            }
            default -> throw new IllegalArgumentException("lr scheduler: unknown type '" + type
                    + "' (known: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR)");
        };
    }
}
