package io.jgrad.optim.lr;

import io.jgrad.optim.Kwargs;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.ParamGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the lr by {@code factor} when a metric stops improving for more than {@code patience}
 * epochs ({@code ReduceLROnPlateau}); call {@link #step(double)} with the metric once per epoch.
 *
 * <p>Options (PyTorch's names and defaults): {@code mode} "min" or "max", {@code factor} 0.1,
 * {@code patience} 10, {@code threshold} 1e-4, {@code threshold_mode} "rel" or "abs",
 * {@code cooldown} 0, {@code min_lr} 0 (a number, or a list with one per group), {@code eps} 1e-8
 * (smaller lr changes are skipped).
 */
public final class ReduceLROnPlateau {
    private final Optimizer optimizer;
    private final boolean maximize, relative;
    private final double factor, threshold, eps;
    private final int patience, cooldown;
    private final double[] minLrs;
    private double best;
    private int numBadEpochs, cooldownCounter, lastEpoch;
    private double[] lastLrs;

    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, Map.of());
    }

    public ReduceLROnPlateau(Optimizer optimizer, Map<String, ?> options) {
        String who = "ReduceLROnPlateau";
        Map<String, Object> o = Kwargs.merge(who, defaults(), options);
        this.optimizer = optimizer;
        this.maximize = Kwargs.choice(who, o, "mode", "min", "max").equals("max");
        this.relative = Kwargs.choice(who, o, "threshold_mode", "rel", "abs").equals("rel");
        this.factor = Kwargs.nonNegative(who, o, "factor");
        if (factor >= 1) throw new IllegalArgumentException(who + ": invalid factor " + factor + " (must be < 1)");
        this.threshold = Kwargs.number(who, o, "threshold");
        this.eps = Kwargs.nonNegative(who, o, "eps");
        this.patience = Kwargs.integer(who, o, "patience", 0);
        this.cooldown = Kwargs.integer(who, o, "cooldown", 0);
        int groups = optimizer.paramGroups().size();
        this.minLrs = new double[groups];
        if (o.get("min_lr") instanceof List<?> list) {
            if (list.size() != groups) throw new IllegalArgumentException(who + ": expected " + groups + " min_lr values (one per group), got " + list.size());
            for (int i = 0; i < groups; i++) minLrs[i] = (Double) list.get(i);
        } else {
            java.util.Arrays.fill(minLrs, Kwargs.nonNegative(who, o, "min_lr"));
        }
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        this.lastLrs = currentLrs();
    }

    private static Map<String, Object> defaults() {
        return Kwargs.of("mode", "min", "factor", 0.1, "patience", 10.0, "threshold", 1e-4, "threshold_mode", "rel",
                "cooldown", 0.0, "min_lr", 0.0, "eps", 1e-8);
    }

    /** Records the epoch's metric and cuts the lrs if it has not improved for more than patience epochs. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0; // bad epochs during cooldown do not count
        }
        if (numBadEpochs > patience) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < minLrs.length; i++) {
                double old = groups.get(i).lr(), next = Math.max(old * factor, minLrs[i]);
                if (old - next > eps) groups.get(i).setLr(next);
            }
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLrs = currentLrs();
    }

    private boolean isBetter(double a) {
        if (maximize) return relative ? a > best * (threshold + 1) : a > best + threshold;
        return relative ? a < best * (1 - threshold) : a < best - threshold;
    }

    private double[] currentLrs() {
        return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    public double[] lastLr() {
        return lastLrs.clone();
    }

    /** The best metric so far (infinite before the first step). */
    public double best() {
        return best;
    }

    /** {@code best}, {@code num_bad_epochs}, {@code cooldown_counter}, {@code last_epoch}, {@code _last_lr}; settings are not included. */
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("best", best);
        d.put("num_bad_epochs", numBadEpochs);
        d.put("cooldown_counter", cooldownCounter);
        d.put("last_epoch", lastEpoch);
        d.put("_last_lr", LRScheduler.list(lastLrs));
        return d;
    }

    public void loadStateDict(Map<String, ?> state) {
        String who = "ReduceLROnPlateau.loadStateDict";
        if (!(state.get("best") instanceof Number b)) throw new IllegalArgumentException(who + ": 'best' must be a number, got " + state.get("best"));
        int bad = LRScheduler.integer(who, state, "num_bad_epochs"), cool = LRScheduler.integer(who, state, "cooldown_counter");
        int epoch = LRScheduler.integer(who, state, "last_epoch");
        double[] last = LRScheduler.doubles(who, state, "_last_lr");
        best = b.doubleValue();
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastEpoch = epoch;
        lastLrs = last;
    }
}
