package io.jgrad.optim.lr;

import io.jgrad.optim.Kwargs;
import io.jgrad.optim.Optimizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
                Map<String, Object> o = Kwargs.merge(type, defaults("step_size", null, "gamma", 0.1), kwargs);
                yield new StepLR(optimizer, Kwargs.integer(type, o, "step_size", 1), Kwargs.number(type, o, "gamma"));
            }
            case "MultiStepLR" -> {
                Map<String, Object> o = Kwargs.merge(type, defaults("milestones", null, "gamma", 0.1), kwargs);
                if (!(o.get("milestones") instanceof List<?> list)) throw new IllegalArgumentException(type + ": milestones must be a list of epochs");
                int[] milestones = list.stream().mapToInt(m -> ((Double) m).intValue()).toArray();
                yield new MultiStepLR(optimizer, milestones, Kwargs.number(type, o, "gamma"));
            }
            case "ExponentialLR" -> new ExponentialLR(optimizer, Kwargs.number(type, Kwargs.merge(type, defaults("gamma", null), kwargs), "gamma"));
            case "CosineAnnealingLR" -> {
                Map<String, Object> o = Kwargs.merge(type, defaults("T_max", null, "eta_min", 0.0), kwargs);
                yield new CosineAnnealingLR(optimizer, Kwargs.integer(type, o, "T_max", 1), Kwargs.number(type, o, "eta_min"));
            }
            case "LinearLR" -> {
                Map<String, Object> o = Kwargs.merge(type, defaults("start_factor", 1.0 / 3, "end_factor", 1.0, "total_iters", 5.0), kwargs);
                yield new LinearLR(optimizer, Kwargs.number(type, o, "start_factor"), Kwargs.number(type, o, "end_factor"),
                        Kwargs.integer(type, o, "total_iters", 1));
            }
            case "OneCycleLR" -> {
                Map<String, Object> rest = new HashMap<>(kwargs);
                Map<String, Object> o = Kwargs.merge(type, defaults("max_lr", null, "total_steps", null),
                        Map.of("max_lr", required(type, rest.remove("max_lr"), "max_lr"), "total_steps", required(type, rest.remove("total_steps"), "total_steps")));
                yield new OneCycleLR(optimizer, Kwargs.number(type, o, "max_lr"), Kwargs.integer(type, o, "total_steps", 1), rest);
            }
            default -> throw new IllegalArgumentException("lr scheduler: unknown type '" + type
                    + "' (known: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR)");
        };
    }

    private static Object required(String type, Object value, String name) {
        if (value == null) throw new IllegalArgumentException(type + ": option '" + name + "' is required");
        return value;
    }

    /** name, default, name, default, ...; a null default marks a required option. */
    private static Map<String, Object> defaults(Object... pairs) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) d.put((String) pairs[i], pairs[i + 1]);
        return d;
    }
}
