package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state ({@code optimizer.state_dict()} in PyTorch), split so it can be persisted
 * as tensors plus a small JSON document:
 *
 * <ul>
 *   <li>{@code state}: for parameter number {@code i} (counting through all groups in order, as
 *       PyTorch does), {@code "i.step"} is its update count as a 0-d int64 tensor and
 *       {@code "i.<buffer>"} each state buffer under PyTorch's name ({@code "0.exp_avg"},
 *       {@code "3.momentum_buffer"}). Parameters never updated have no entries.
 *   <li>{@code paramGroups}: per group, its options (Double, Boolean, String or List of Double
 *       values, PyTorch's names) and {@code "params"}: the list of its parameter numbers (Integer).
 * </ul>
 */
public record OptimizerStateDict(Map<String, Tensor> state, List<Map<String, Object>> paramGroups) {
    public OptimizerStateDict {
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, Object> g : paramGroups) groups.add(Collections.unmodifiableMap(new LinkedHashMap<>(g)));
        paramGroups = List.copyOf(groups);
    }
}
