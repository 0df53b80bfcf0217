package io.jgrad.optim.lr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import io.jgrad.optim.Adagrad;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.ParamGroup;
import io.jgrad.optim.Reference;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Every scheduler's learning rates (and OneCycleLR's momenta) against PyTorch 1.13's (reference.txt). */
class SchedulerTest {
    /** SGD over one or two groups with lrs 0.1 and 0.01, as gen_reference.py builds it. */
    static Optimizer sgd(int groups, Map<String, ?> options) {
        Map<String, Object> o = new java.util.HashMap<>(options);
        o.putIfAbsent("lr", 0.1);
        SGD sgd = new SGD(List.of(Tensor.zeros(2).requiresGrad_(true)), o);
        if (groups == 2) sgd.addParamGroup(List.of(Tensor.zeros(2).requiresGrad_(true)), Map.of("lr", 0.01));
        return sgd;
    }

    static Optimizer sgd() {
        return sgd(1, Map.of());
    }

    /** Group lrs (or momenta) after construction and after each of {@code steps} steps, one list per group. */
    static List<List<Double>> trace(Optimizer opt, Runnable step, int steps, Function<ParamGroup, Double> what) {
        List<List<Double>> out = new ArrayList<>();
        for (ParamGroup g : opt.paramGroups()) out.add(new ArrayList<>(List.of(what.apply(g))));
        for (int s = 0; s < steps; s++) {
            opt.step();
            step.run();
            for (int i = 0; i < out.size(); i++) out.get(i).add(what.apply(opt.paramGroups().get(i)));
        }
        return out;
    }

    static void matches(String name, Optimizer opt, Runnable step) {
        double[] expected = Reference.get(name, "lr0");
        List<List<Double>> lrs = trace(opt, step, expected.length - 1, ParamGroup::lr);
        for (int g = 0; g < lrs.size(); g++) close(name + " lr" + g, lrs.get(g), Reference.get(name, "lr" + g));
    }

    static void close(String what, List<Double> actual, double[] expected) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual.get(i);
            assertThat(Math.abs(a - e) <= 1e-13 + 1e-12 * Math.abs(e)).as("%s[%d]: %s, PyTorch %s", what, i, a, e).isTrue();
        }
    }

    @Test
    void stepLR() {
        Optimizer o = sgd(2, Map.of());
        matches("steplr", o, new StepLR(o, 3, 0.5)::step);
    }

    @Test
    void multiStepLRCountsRepeatedMilestones() {
        Optimizer o = sgd();
        matches("multisteplr", o, new MultiStepLR(o, new int[] {2, 5, 5, 8}, 0.5)::step);
    }

    @Test
    void exponentialLR() {
        Optimizer o = sgd();
        matches("exponentiallr", o, new ExponentialLR(o, 0.9)::step);
    }

    @Test
    void cosineAnnealingRisesAgainPastTMax() {
        Optimizer o = sgd();
        matches("cosine", o, new CosineAnnealingLR(o, 4, 0.01)::step);
    }

    @Test
    void linearWarmUpAndDecay() {
        Optimizer o = sgd();
        matches("linear_warmup", o, new LinearLR(o, 0.25, 1.0, 4)::step);
        Optimizer d = sgd();
        matches("linear_decay", d, new LinearLR(d, 1.0, 0.1, 3)::step);
    }

    @Test
    void lambdaPerGroup() {
        Optimizer o = sgd(2, Map.of());
        List<IntToDoubleFunction> lambdas = List.of(e -> Math.pow(0.95, e), e -> 1.0 / (e + 1));
        matches("lambda", o, new LambdaLR(o, lambdas)::step);
    }

    @Test
    void oneCycleCyclesSgdMomentum() {
        Optimizer o = sgd(1, Map.of("momentum", 0.9));
        OneCycleLR s = new OneCycleLR(o, 1.0, 10);
        double[] lrs = Reference.get("onecycle_sgd", "lr0");
        List<List<Double>> trace = trace(o, s::step, lrs.length - 1, g -> g.getDouble("momentum"));
        close("momentum", trace.get(0), Reference.get("onecycle_sgd", "momentum0"));
        Optimizer again = sgd(1, Map.of("momentum", 0.9));
        matches("onecycle_sgd", again, new OneCycleLR(again, 1.0, 10)::step);
        s.step(); // epoch 10 = total_steps is still allowed, as in PyTorch
        assertThatThrownBy(s::step).isInstanceOf(IllegalStateException.class).hasMessage("OneCycleLR: tried to step 12 times; total_steps is 10");
    }

    @Test
    void oneCycleThreePhaseLinearCyclesAdamBeta1() {
        Map<String, Object> options = Map.of("pct_start", 0.25, "anneal_strategy", "linear", "three_phase", true);
        Optimizer o = new Adam(List.of(Tensor.zeros(2).requiresGrad_(true)), 0.001);
        OneCycleLR s = new OneCycleLR(o, 0.01, 12, options);
        double[] lrs = Reference.get("onecycle_adam", "lr0");
        List<List<Double>> betas = trace(o, s::step, lrs.length - 1, g -> ((Number) ((List<?>) g.options().get("betas")).get(0)).doubleValue());
        close("beta1", betas.get(0), Reference.get("onecycle_adam", "momentum0"));
        Optimizer again = new Adam(List.of(Tensor.zeros(2).requiresGrad_(true)), 0.001);
        matches("onecycle_adam", again, new OneCycleLR(again, 0.01, 12, options)::step);
    }

    @Test
    void reduceOnPlateau() {
        Optimizer o = sgd(1, Map.of("lr", 1.0));
        ReduceLROnPlateau s = new ReduceLROnPlateau(o, Map.of("mode", "min", "factor", 0.5, "patience", 2, "cooldown", 1, "min_lr", 0.05));
        double[] metrics = Reference.get("plateau_min", "metrics");
        int[] epoch = {0};
        matches("plateau_min", o, () -> s.step(metrics[epoch[0]++]));
        Optimizer m = sgd(1, Map.of("lr", 1.0));
        ReduceLROnPlateau max = new ReduceLROnPlateau(m, Map.of("mode", "max", "threshold_mode", "abs", "threshold", 0.1, "patience", 1));
        double[] rising = Reference.get("plateau_max_abs", "metrics");
        int[] e2 = {0};
        matches("plateau_max_abs", m, () -> max.step(rising[e2[0]++]));
    }

    @Test
    void sequentialRestartsTheNextSchedulerAtItsMilestone() {
        Optimizer o = sgd();
        SequentialLR s = new SequentialLR(o, List.of(new LinearLR(o, 0.5, 1.0, 2), new ExponentialLR(o, 0.8)), new int[] {3});
        matches("sequential_exp", o, s::step);
        Optimizer c = sgd();
        SequentialLR sc = new SequentialLR(c, List.of(new LinearLR(c, 0.2, 1.0, 3), new CosineAnnealingLR(c, 5, 0.001)), new int[] {3});
        matches("sequential_cos", c, sc::step);
    }

    @Test
    void stateDictResumesTheSchedule() {
        Optimizer o = sgd();
        CosineAnnealingLR s = new CosineAnnealingLR(o, 4, 0.01);
        for (int i = 0; i < 5; i++) s.step();
        var optState = o.stateDict();
        var schedState = s.stateDict();
        assertThat(schedState).containsEntry("last_epoch", 5).containsEntry("_step_count", 6);

        Optimizer o2 = sgd();
        CosineAnnealingLR s2 = new CosineAnnealingLR(o2, 4, 0.01);
        o2.loadStateDict(optState);
        s2.loadStateDict(schedState);
        for (int i = 0; i < 4; i++) {
            s.step();
            s2.step();
            assertThat(o2.paramGroups().get(0).lr()).isEqualTo(o.paramGroups().get(0).lr());
        }
        assertThat(s2.lastLr()).containsExactly(s.lastLr());
    }

    @Test
    void sequentialAndPlateauStateDicts() {
        Optimizer o = sgd();
        SequentialLR s = new SequentialLR(o, List.of(new LinearLR(o, 0.5, 1.0, 2), new ExponentialLR(o, 0.8)), new int[] {3});
        for (int i = 0; i < 4; i++) s.step();
        Optimizer o2 = sgd();
        SequentialLR s2 = new SequentialLR(o2, List.of(new LinearLR(o2, 0.5, 1.0, 2), new ExponentialLR(o2, 0.8)), new int[] {3});
        o2.loadStateDict(o.stateDict());
        s2.loadStateDict(s.stateDict());
        s.step();
        s2.step();
        assertThat(o2.paramGroups().get(0).lr()).isEqualTo(o.paramGroups().get(0).lr());

        ReduceLROnPlateau p = new ReduceLROnPlateau(sgd(), Map.of("patience", 0));
        p.step(3);
        ReduceLROnPlateau p2 = new ReduceLROnPlateau(sgd(), Map.of("patience", 0));
        p2.loadStateDict(p.stateDict());
        assertThat(p2.best()).isEqualTo(3);
    }

    @Test
    void factoryBuildsSchedulersFromPyTorchKwargs() {
        Optimizer o = sgd();
        LRScheduler s = LRSchedulers.fromSpec("CosineAnnealingLR", Map.of("T_max", 5, "eta_min", 0.001), o);
        assertThat(s).isInstanceOf(CosineAnnealingLR.class);
        assertThat(LRSchedulers.fromSpec("OneCycleLR", Map.of("max_lr", 0.5, "total_steps", 20, "pct_start", 0.5), sgd()))
                .isInstanceOf(OneCycleLR.class);
        assertThat(LRSchedulers.fromSpec("MultiStepLR", Map.of("milestones", List.of(1, 2)), sgd()).lastLr()).containsExactly(0.1);
        assertThatThrownBy(() -> LRSchedulers.fromSpec("CyclicLR", Map.of(), sgd())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type 'CyclicLR'");
        assertThatThrownBy(() -> LRSchedulers.fromSpec("StepLR", Map.of("gamma", 0.5), sgd())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StepLR: option 'step_size' is required");
    }

    @Test
    void badSchedulerArguments() {
        assertThatThrownBy(() -> new StepLR(sgd(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("StepLR: invalid step_size 0 (must be >= 1)");
        assertThatThrownBy(() -> new LinearLR(sgd(), 1.5, 1.0, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LinearLR: invalid start_factor 1.5");
        Optimizer adagrad = new Adagrad(List.of(Tensor.zeros(2).requiresGrad_(true)));
        assertThatThrownBy(() -> new OneCycleLR(adagrad, 0.1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("OneCycleLR: Adagrad has no momentum or betas to cycle; pass cycle_momentum=false");
        new OneCycleLR(adagrad, 0.1, 10, Map.of("cycle_momentum", false)); // fine without momentum cycling
        Optimizer o = sgd();
        assertThatThrownBy(() -> new SequentialLR(o, List.of(new StepLR(o, 2), new ExponentialLR(o, 0.9)), new int[] {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SequentialLR: 2 schedulers need 1 milestones, got 0");
        assertThatThrownBy(() -> new SequentialLR(o, List.of(new StepLR(sgd(), 2)), new int[] {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SequentialLR: scheduler 0 drives a different optimizer than the one given");
        assertThatThrownBy(() -> new ReduceLROnPlateau(sgd(), Map.of("factor", 1.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ReduceLROnPlateau: invalid factor 1.0 (must be < 1)");
        assertThatThrownBy(() -> new ReduceLROnPlateau(sgd(), Map.of("mode", "minimum"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ReduceLROnPlateau: option 'mode' must be one of min, max, got String minimum");
    }
}
