package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;
import io.jgrad.optim.ParamGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another ({@code SequentialLR}): scheduler k drives the lr from
 * milestone k-1 on, and restarts from epoch 0 (closed form) when its milestone is reached.
 * E.g. a LinearLR warm-up for 5 epochs, then CosineAnnealingLR: milestones {5}.
 */
public final class SequentialLR {
    private final Optimizer optimizer;
    private final List<LRScheduler> schedulers;
    private final int[] milestones;
    private int lastEpoch;
    private double[] lastLrs;

    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int[] milestones) {
        String who = "SequentialLR";
        if (schedulers.isEmpty()) throw new IllegalArgumentException(who + ": no schedulers");
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer)
                throw new IllegalArgumentException(who + ": scheduler " + i + " drives a different optimizer than the one given");
        }
        if (milestones.length != schedulers.size() - 1)
            throw new IllegalArgumentException(who + ": " + schedulers.size() + " schedulers need " + (schedulers.size() - 1) + " milestones, got " + milestones.length);
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] < milestones[i - 1])
                throw new IllegalArgumentException(who + ": milestones must be increasing, got " + java.util.Arrays.toString(milestones));
        }
        this.optimizer = optimizer;
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        // Undo the steps the schedulers' constructors took, then start only the first one.
        for (ParamGroup g : optimizer.paramGroups()) g.setLr(g.getDouble("initial_lr"));
        for (LRScheduler s : schedulers) s.shiftLastEpoch(-1);
        schedulers.get(0).initialStep();
        lastLrs = schedulers.get(0).lastLr();
    }

    /** Advances one epoch. */
    public void step() {
        lastEpoch++;
        int idx = 0;
        while (idx < milestones.length && milestones[idx] <= lastEpoch) idx++;
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) s.step(0);
        else s.step();
        lastLrs = s.lastLr();
    }

    public double[] lastLr() {
        return lastLrs.clone();
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@code last_epoch}, {@code _last_lr} and the state of every scheduler under {@code _schedulers}. */
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("last_epoch", lastEpoch);
        d.put("_last_lr", LRScheduler.list(lastLrs));
        List<Map<String, Object>> inner = new ArrayList<>();
        for (LRScheduler s : schedulers) inner.add(s.stateDict());
        d.put("_schedulers", inner);
        return d;
    }

    public void loadStateDict(Map<String, ?> state) {
        String who = "SequentialLR.loadStateDict";
        int epoch = LRScheduler.integer(who, state, "last_epoch");
        double[] last = LRScheduler.doubles(who, state, "_last_lr");
        if (!(state.get("_schedulers") instanceof List<?> inner) || inner.size() != schedulers.size())
            throw new IllegalArgumentException(who + ": '_schedulers' must hold the states of " + schedulers.size() + " schedulers");
        for (int i = 0; i < inner.size(); i++) {
            if (!(inner.get(i) instanceof Map<?, ?> m)) throw new IllegalArgumentException(who + ": scheduler state " + i + " is not a map");
            @SuppressWarnings("unchecked") Map<String, ?> typed = (Map<String, ?>) m;
            schedulers.get(i).loadStateDict(typed);
        }
        lastEpoch = epoch;
        lastLrs = last;
    }
}
