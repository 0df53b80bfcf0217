package io.jgrad.optim;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Base of all optimizers ({@code torch.optim.Optimizer}): parameter groups with their own options,
 * per-parameter state, {@link #zeroGrad}, {@link #step} and a state dict to resume training.
 *
 * <p>A subclass supplies its default options and {@link #prepare}: it reads and checks a group's
 * options and returns the update for that group's parameters. {@link #step} calls it once per
 * group and step, so an option changed by a scheduler (or a bad one set by hand) is picked up, or
 * reported, at the next step. Parameters are updated in place, outside autograd.
 */
public abstract class Optimizer {
    /** Updates one parameter in place from its gradient and state. */
    @FunctionalInterface
    protected interface ParamUpdate {
        void apply(Tensor param, Tensor grad, ParamState state);
    }

    private final Map<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();

    /**
     * @param params   the parameters of the first group (leaf floating-point tensors that require grad)
     * @param options  options overriding {@code defaults} for this optimizer (PyTorch's keyword arguments)
     * @param defaults every option the optimizer knows with its default; a null default marks a required option
     */
    protected Optimizer(List<Tensor> params, Map<String, ?> options, Map<String, Object> defaults) {
        this.defaults = Collections.unmodifiableMap(Kwargs.merge(name(), defaults, options));
        addParamGroup(params, Map.of());
    }

    /** Reads and checks the options of {@code group}, and returns the update of its parameters. */
    protected abstract ParamUpdate prepare(ParamGroup group);

    /** The optimizer's name in messages (the class name, as PyTorch's). */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The options every new group starts from (the constructor's options over the built-in defaults). */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** The parameter groups, in order. */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** Adds a group of parameters with its own options ({@code add_param_group}); unlisted options take {@link #defaults()}. */
    public final void addParamGroup(List<Tensor> params, Map<String, ?> options) {
        checkParams(params);
        ParamGroup group = new ParamGroup(params, Kwargs.merge(name(), defaults, options));
        prepare(group); // reports bad options now rather than at the first step
        groups.add(group);
    }

    private void checkParams(List<Tensor> params) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException(name() + ": empty parameter list");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            String which = name() + ": parameter " + i;
            if (p == null) throw new IllegalArgumentException(which + " is null");
            String desc = " (" + p.dtype() + Shape.str(p.shape()) + ")";
            if (!p.dtype().isFloating())
                throw new IllegalArgumentException(which + desc + " is not floating point; only float32 and float64 parameters can be optimized");
            if (!p.requiresGrad())
                throw new IllegalArgumentException(which + desc + " does not require grad; call requiresGrad_(true) on it or leave it out");
            if (!p.isLeaf())
                throw new IllegalArgumentException(which + desc + " is not a leaf (it was computed by " + p.gradFn() + "); optimize the tensor it came from");
            if (!seen.add(p)) throw new IllegalArgumentException(which + desc + " appears twice in the parameter list");
            for (int g = 0; g < groups.size(); g++) {
                for (Tensor q : groups.get(g).params())
                    if (q == p) throw new IllegalArgumentException(which + desc + " is already in parameter group " + g);
            }
        }
    }

    /** Sets the gradients to zero in place, keeping their buffers ({@code zero_grad()}, PyTorch 1.13's default). */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** Sets the gradients to zero in place or, with {@code setToNone}, drops them (then parameters without a new gradient are skipped by {@link #step}). */
    public void zeroGrad(boolean setToNone) {
        try (var noGrad = Autograd.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    Tensor g = p.grad();
                    if (g == null) continue;
                    if (setToNone) {
                        p.setGrad(null);
                        continue;
                    }
                    if (g.requiresGrad()) { // a gradient with history (createGraph): cut it loose first
                        g = g.detach();
                        p.setGrad(g);
                    }
                    g.zero_();
                }
            }
        }
    }

    /** Updates every parameter that has a gradient. */
    public void step() {
        List<ParamUpdate> updates = groups.stream().map(this::prepare).toList(); // every group's options checked first
        try (var noGrad = Autograd.noGrad()) {
            for (int g = 0; g < groups.size(); g++) {
                ParamUpdate update = updates.get(g);
                for (Tensor p : groups.get(g).params()) {
                    Tensor grad = p.grad();
                    if (grad == null) continue;
                    ParamState s = state.computeIfAbsent(p, k -> new ParamState());
                    s.advanceStep();
                    update.apply(p, grad, s);
                }
            }
        }
    }

    /** Evaluates {@code closure} with grad enabled (it typically zeroes grads, runs forward and backward), then steps; returns its loss. */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var enabled = Autograd.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    /** The state of {@code param}, or null before its first update. */
    public ParamState state(Tensor param) {
        return state.get(param);
    }

    /** A copy of the optimizer's state and group options (see {@link OptimizerStateDict} for the layout). */
    public OptimizerStateDict stateDict() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<Map<String, Object>> packed = new ArrayList<>();
        int index = 0;
        for (ParamGroup group : groups) {
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : group.params()) {
                ParamState s = state.get(p);
                if (s != null) {
                    tensors.put(index + ".step", Tensor.of(new long[] {s.step()}, new int[0]));
                    for (Map.Entry<String, Tensor> b : s.buffers().entrySet()) tensors.put(index + "." + b.getKey(), b.getValue().clone());
                }
                ids.add(index++);
            }
            Map<String, Object> options = new LinkedHashMap<>(group.options());
            options.put("params", List.copyOf(ids));
            packed.add(options);
        }
        return new OptimizerStateDict(tensors, packed);
    }

    /**
     * Restores a state dict from an optimizer built over parameters of the same shapes, in the
     * same groups; buffers are copied (and converted to the parameters' dtype). Everything is
     * checked before anything changes.
     */
    public void loadStateDict(OptimizerStateDict dict) {
        String who = name() + ".loadStateDict";
        List<Map<String, Object>> saved = dict.paramGroups();
        if (saved.size() != groups.size())
            throw new IllegalArgumentException(who + ": the state dict has " + saved.size() + " parameter groups, the optimizer " + groups.size());
        List<Tensor> params = new ArrayList<>();
        List<Map<String, Object>> newOptions = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Object ids = saved.get(g).get("params");
            int size = groups.get(g).params().size();
            if (!(ids instanceof List<?> list) || list.size() != size)
                throw new IllegalArgumentException(who + ": parameter group " + g + " has " + size + " parameters, the state dict's " + Kwargs.describe(ids));
            params.addAll(groups.get(g).params());
            Map<String, Object> options = new LinkedHashMap<>();
            saved.get(g).forEach((k, v) -> {
                if (!k.equals("params")) options.put(k, Kwargs.normalize(who, k, v));
            });
            prepare(new ParamGroup(groups.get(g).params(), options));
            newOptions.add(options);
        }
        Map<Integer, Long> steps = new LinkedHashMap<>();
        Map<Integer, Map<String, Tensor>> buffers = new LinkedHashMap<>();
        try (var noGrad = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : dict.state().entrySet()) {
                String key = e.getKey();
                int dot = key.indexOf('.');
                int i = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
                if (i < 0 || i >= params.size())
                    throw new IllegalArgumentException(who + ": state key '" + key + "' does not name one of the " + params.size() + " parameters as '<index>.<name>'");
                String name = key.substring(dot + 1);
                Tensor t = e.getValue(), p = params.get(i);
                if (name.equals("step")) {
                    if (t.numel() != 1) throw new IllegalArgumentException(who + ": '" + key + "' must hold one number, got shape " + Shape.str(t.shape()));
                    steps.put(i, t.itemLong());
                } else {
                    if (!Shape.same(t.shape(), p.shape()))
                        throw new IllegalArgumentException(who + ": '" + key + "' has shape " + Shape.str(t.shape()) + " but parameter " + i + " has shape " + Shape.str(p.shape()));
                    Tensor copy = Tensor.zeros(p.dtype(), p.shape()).copy_(t);
                    buffers.computeIfAbsent(i, k -> new LinkedHashMap<>()).put(name, copy);
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) groups.get(g).replaceOptions(newOptions.get(g));
        state.clear();
        for (int i = 0; i < params.size(); i++) {
            if (steps.containsKey(i) || buffers.containsKey(i))
                state.put(params.get(i), ParamState.restored(steps.getOrDefault(i, 0L), buffers.getOrDefault(i, Map.of())));
        }
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name()).append(" (");
        for (int g = 0; g < groups.size(); g++) b.append("\n  group ").append(g).append(": ").append(groups.get(g));
        return b.append("\n)").toString();
    }
}
