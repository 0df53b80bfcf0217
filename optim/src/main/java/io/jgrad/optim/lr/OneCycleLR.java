package io.jgrad.optim.lr;

import io.jgrad.optim.Kwargs;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.ParamGroup;
import java.util.List;
import java.util.Map;

/**
 * The 1cycle policy ({@code OneCycleLR}): the lr rises from {@code max_lr / div_factor} to
 * {@code max_lr} over the first {@code pct_start} of {@code totalSteps}, then anneals to
 * {@code initial_lr / final_div_factor}; momentum (SGD, RMSprop) or beta1 (Adam, AdamW) moves
 * the opposite way between {@code max_momentum} and {@code base_momentum}. Step it after every
 * batch; stepping more than {@code totalSteps} times is an error.
 *
 * <p>Options (PyTorch's names and defaults): {@code pct_start} 0.3, {@code anneal_strategy}
 * "cos" or "linear", {@code cycle_momentum} true, {@code base_momentum} 0.85,
 * {@code max_momentum} 0.95, {@code div_factor} 25, {@code final_div_factor} 1e4,
 * {@code three_phase} false. PyTorch's epochs/steps_per_epoch form is totalSteps = epochs * steps_per_epoch.
 */
public final class OneCycleLR extends LRScheduler {
    /** A phase ends at endStep and moves each value between two group entries, named as in PyTorch. */
    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {}

    private final int totalSteps;
    private final List<Phase> phases;
    private final boolean linear, cycleMomentum, useBeta1;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, Map.of());
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, Map<String, ?> options) {
        String who = "OneCycleLR";
        Map<String, Object> o = Kwargs.merge(who, defaults(), options);
        if (totalSteps < 1) throw new IllegalArgumentException(who + ": invalid total_steps " + totalSteps + " (must be >= 1)");
        double pct = Kwargs.number(who, o, "pct_start");
        if (!(pct >= 0 && pct <= 1)) throw new IllegalArgumentException(who + ": invalid pct_start " + pct + " (must be in [0, 1])");
        if (!(maxLr >= 0)) throw new IllegalArgumentException(who + ": invalid max_lr " + maxLr + " (must be >= 0)");
        double divFactor = Kwargs.number(who, o, "div_factor"), finalDivFactor = Kwargs.number(who, o, "final_div_factor");
        this.totalSteps = totalSteps;
        this.linear = Kwargs.choice(who, o, "anneal_strategy", "cos", "linear").equals("linear");
        boolean cycle = Kwargs.flag(who, o, "cycle_momentum"), beta1 = optimizer.defaults().containsKey("betas");
        this.cycleMomentum = cycle;
        this.useBeta1 = beta1;
        this.phases = Kwargs.flag(who, o, "three_phase")
                ? List.of(new Phase(pct * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                          new Phase(2 * pct * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                          new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"))
                : List.of(new Phase(pct * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                          new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"));
        if (cycle && !beta1 && !optimizer.defaults().containsKey("momentum"))
            throw new IllegalArgumentException(who + ": " + optimizer.name() + " has no momentum or betas to cycle; pass cycle_momentum=false");
        double maxMomentum = Kwargs.number(who, o, "max_momentum"), baseMomentum = Kwargs.number(who, o, "base_momentum");
        for (ParamGroup g : optimizer.paramGroups()) {
            g.set("initial_lr", maxLr / divFactor);
            g.set("max_lr", maxLr);
            g.set("min_lr", maxLr / divFactor / finalDivFactor);
            if (cycle) {
                setMomentum(g, beta1, maxMomentum);
                g.set("max_momentum", maxMomentum);
                g.set("base_momentum", baseMomentum);
            }
        }
        super(optimizer);
    }

    private static Map<String, Object> defaults() {
        return Kwargs.of("pct_start", 0.3, "anneal_strategy", "cos", "cycle_momentum", true, "base_momentum", 0.85,
                "max_momentum", 0.95, "div_factor", 25.0, "final_div_factor", 1e4, "three_phase", false);
    }

    private static void setMomentum(ParamGroup g, boolean beta1, double momentum) {
        if (beta1) g.set("betas", List.of(momentum, ((List<?>) g.options().get("betas")).get(1)));
        else g.set("momentum", momentum);
    }

    private double anneal(double start, double end, double pct) {
        return linear ? (end - start) * pct + start : end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override
    protected double[] chainedLrs() {
        int step = lastEpoch();
        if (step > totalSteps)
            throw new IllegalStateException("OneCycleLR: tried to step " + (step + 1) + " times; total_steps is " + totalSteps);
        List<ParamGroup> groups = optimizer.paramGroups();
        return perGroup(i -> {
            ParamGroup g = groups.get(i);
            double start = 0;
            for (int p = 0; p < phases.size(); p++) {
                Phase ph = phases.get(p);
                if (step <= ph.endStep() || p == phases.size() - 1) {
                    double pct = (step - start) / (ph.endStep() - start);
                    if (cycleMomentum)
                        setMomentum(g, useBeta1, anneal(g.getDouble(ph.startMomentum()), g.getDouble(ph.endMomentum()), pct));
                    return anneal(g.getDouble(ph.startLr()), g.getDouble(ph.endLr()), pct);
                }
                start = ph.endStep();
            }
            throw new AssertionError("the last phase always matches");
        });
    }
}
