package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parameter group ({@code optimizer.param_groups[i]} in PyTorch): parameters and the options
 * they are optimized with. Options use PyTorch's names ({@code "lr"}, {@code "momentum"},
 * {@code "betas"}, ...) and JSON-like values (Double, Boolean, String, List of Double). Schedulers
 * change options between steps and keep their own entries here ({@code "initial_lr"}), as in
 * PyTorch; the optimizer checks every option again at each step.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options;

    ParamGroup(List<Tensor> params, Map<String, Object> options) {
        this.params = List.copyOf(params);
        this.options = options;
    }

    /** The parameters, in the order given. */
    public List<Tensor> params() {
        return params;
    }

    /** All options (read-only view; change them with {@link #set}). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    /** The learning rate. */
    public double lr() {
        return getDouble("lr");
    }

    public void setLr(double lr) {
        options.put("lr", lr);
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** A numeric option. */
    public double getDouble(String option) {
        Object v = options.get(option);
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("param group: option '" + option + "' is " + Kwargs.describe(v) + ", not a number");
    }

    /** Sets an option (numbers become Double, arrays and lists of numbers List of Double). */
    public void set(String option, Object value) {
        options.put(option, Kwargs.normalize("param group", option, value));
    }

    void replaceOptions(Map<String, Object> newOptions) {
        options.clear();
        options.putAll(newOptions);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
