package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;
import io.jgrad.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Base of the epoch-driven learning-rate schedulers ({@code torch.optim.lr_scheduler._LRScheduler},
 * PyTorch 1.13). Construction records each group's {@code initial_lr} (the base lr) and takes the
 * first step, to epoch 0; each {@link #step()} then advances one epoch and writes the new lr into
 * the optimizer's groups. Call it after {@code optimizer.step()}.
 *
 * <p>Like PyTorch's, most schedules are chainable: the new lr is computed from the group's current
 * lr ({@link #chainedLrs}), so changes made by others in between carry through. {@link #step(int)}
 * jumps to an epoch with the closed form ({@link #closedFormLrs}).
 *
 * <p>Subclasses set their fields before calling {@code super(optimizer)}, since the constructor
 * already takes a step.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    private final double[] baseLrs;
    private int lastEpoch = -1;
    private int stepCount;
    private double[] lastLrs;

    protected LRScheduler(Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": optimizer is null");
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            ParamGroup g = groups.get(i);
            if (!g.has("initial_lr")) g.set("initial_lr", g.lr());
            baseLrs[i] = g.getDouble("initial_lr");
        }
        initialStep();
    }

    /** The lrs for {@link #lastEpoch()}, from the groups' current lrs (PyTorch's {@code get_lr}). */
    protected abstract double[] chainedLrs();

    /** The lrs for {@link #lastEpoch()} from the base lrs alone; schedules without a closed form use {@link #chainedLrs}. */
    protected double[] closedFormLrs() {
        return chainedLrs();
    }

    final void initialStep() {
        stepCount = 0;
        step();
    }

    /** Advances one epoch and sets the groups' lrs. */
    public void step() {
        stepCount++;
        lastEpoch++;
        apply(chainedLrs());
    }

    /** Jumps to {@code epoch} and sets the groups' lrs from the closed form (PyTorch's deprecated {@code step(epoch)}). */
    public void step(int epoch) {
        stepCount++;
        lastEpoch = epoch;
        apply(closedFormLrs());
    }

    private void apply(double[] lrs) {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < lrs.length; i++) groups.get(i).setLr(lrs[i]);
        lastLrs = lrs.clone();
    }

    /** The lrs this scheduler set last ({@code get_last_lr()}). */
    public double[] lastLr() {
        return lastLrs.clone();
    }

    /** The number of epochs stepped to; 0 right after construction. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The optimizer this scheduler drives. */
    public Optimizer optimizer() {
        return optimizer;
    }

    void shiftLastEpoch(int delta) {
        lastEpoch += delta;
    }

    /** How many times the scheduler stepped, the constructor's step included ({@code _step_count}). */
    protected int stepCount() {
        return stepCount;
    }

    protected int groupCount() {
        return baseLrs.length;
    }

    protected double baseLr(int group) {
        return baseLrs[group];
    }

    /** The group's current lr. */
    protected double lr(int group) {
        return optimizer.paramGroups().get(group).lr();
    }

    /** {@code f} applied to every group index. */
    protected double[] perGroup(IntToDoubleFunction f) {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(i);
        return out;
    }

    /** The groups' current lrs, unchanged. */
    protected double[] currentLrs() {
        return perGroup(this::lr);
    }

    /**
     * The scheduler's progress: {@code last_epoch}, {@code _step_count}, {@code base_lrs},
     * {@code _last_lr} (PyTorch's keys). Its settings are not included: build the same scheduler, then load.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("last_epoch", lastEpoch);
        d.put("_step_count", stepCount);
        d.put("base_lrs", list(baseLrs));
        d.put("_last_lr", list(lastLrs));
        return d;
    }

    /** Restores {@link #stateDict()}'s progress (the optimizer's own state dict restores its lrs). */
    public void loadStateDict(Map<String, ?> state) {
        String who = getClass().getSimpleName() + ".loadStateDict";
        int epoch = integer(who, state, "last_epoch"), steps = integer(who, state, "_step_count");
        double[] base = doubles(who, state, "base_lrs"), last = doubles(who, state, "_last_lr");
        if (base.length != baseLrs.length || last.length != baseLrs.length)
            throw new IllegalArgumentException(who + ": the state has " + base.length + " base lrs, the optimizer " + baseLrs.length + " parameter groups");
        lastEpoch = epoch;
        stepCount = steps;
        System.arraycopy(base, 0, baseLrs, 0, base.length);
        lastLrs = last;
    }

    static List<Double> list(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double d : a) out.add(d);
        return out;
    }

    static int integer(String who, Map<String, ?> state, String key) {
        if (state.get(key) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new IllegalArgumentException(who + ": '" + key + "' must be a whole number, got " + state.get(key));
    }

    static double[] doubles(String who, Map<String, ?> state, String key) {
        if (!(state.get(key) instanceof List<?> list)) throw new IllegalArgumentException(who + ": '" + key + "' must be a list of numbers, got " + state.get(key));
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) throw new IllegalArgumentException(who + ": '" + key + "' must be a list of numbers, got " + list);
            out[i] = n.doubleValue();
        }
        return out;
    }
}
