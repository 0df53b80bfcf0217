package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zeroGrad, step with closure, parameter groups, state dicts, strided parameters. */
class OptimizerApiTest {
    @Test
    void zeroGradZeroesTheSameBuffersInPlace() {
        Tensor p = Tensor.ones(3).requiresGrad_(true);
        p.mul(p).sum().backward();
        Tensor grad = p.grad();
        int version = grad.version();
        SGD sgd = new SGD(List.of(p), 0.1);
        sgd.zeroGrad();
        assertThat(p.grad()).isSameAs(grad);
        assertThat(grad.toFloatArray()).containsExactly(0, 0, 0);
        assertThat(grad.version()).isGreaterThan(version);
        sgd.zeroGrad(true);
        assertThat(p.grad()).isNull();
    }

    @Test
    void stepSkipsParametersWithoutGradientAndBumpsVersions() {
        Tensor a = Tensor.ones(2).requiresGrad_(true), b = Tensor.ones(2).requiresGrad_(true);
        Adam adam = new Adam(List.of(a, b), 0.1);
        a.setGrad(Tensor.of(1f, -1f));
        int version = a.version();
        adam.step();
        assertThat(a.toFloatArray()).containsExactly(new float[] {0.9f, 1.1f}, within(1e-6f)); // Adam's first step is lr * sign(grad)
        assertThat(a.version()).isGreaterThan(version);
        assertThat(b.toFloatArray()).containsExactly(1f, 1f);
        assertThat(adam.state(b)).isNull();
        assertThat(adam.state(a).step()).isEqualTo(1);
        assertThat(a.requiresGrad()).isTrue();
        assertThat(a.isLeaf()).isTrue();
    }

    @Test
    void stepWithClosureRecomputesTheLossWithGradEnabled() {
        Tensor p = Tensor.of(3f).requiresGrad_(true);
        SGD sgd = new SGD(List.of(p), 0.25);
        Tensor loss;
        try (var noGrad = Autograd.noGrad()) { // the closure still records: step turns grad mode on for it
            loss = sgd.step(() -> {
                sgd.zeroGrad();
                Tensor l = p.mul(p).sum();
                l.backward();
                return l;
            });
        }
        assertThat(loss.item()).isEqualTo(9);
        assertThat(p.item()).isEqualTo(3 - 0.25 * 6);
    }

    @Test
    void groupsHaveTheirOwnOptions() {
        Tensor a = Tensor.ones(2).requiresGrad_(true), b = Tensor.ones(2).requiresGrad_(true);
        SGD sgd = new SGD(List.of(a), Map.of("lr", 0.1, "momentum", 0.9));
        sgd.addParamGroup(List.of(b), Map.of("lr", 0.01));
        assertThat(sgd.paramGroups().get(1).options()).containsEntry("momentum", 0.9).containsEntry("lr", 0.01);
        a.setGrad(Tensor.ones(2));
        b.setGrad(Tensor.ones(2));
        sgd.step();
        assertThat(a.toFloatArray()).containsExactly(0.9f, 0.9f);
        assertThat(b.toFloatArray()).containsExactly(0.99f, 0.99f);
    }

    @Test
    void stateBuffersAreAllocatedOnce() {
        Tensor p = Tensor.ones(DType.FLOAT64, 5).requiresGrad_(true);
        RMSprop opt = new RMSprop(List.of(p), Map.of("momentum", 0.9, "centered", true));
        p.setGrad(Tensor.ones(DType.FLOAT64, 5));
        opt.step();
        Map<String, Tensor> first = new LinkedHashMap<>(opt.state(p).buffers());
        opt.step();
        assertThat(opt.state(p).buffers().keySet()).containsExactly("square_avg", "momentum_buffer", "grad_avg");
        first.forEach((name, t) -> assertThat(opt.state(p).buffer(name)).as(name).isSameAs(t));
    }

    /** Trains 3 steps, saves, and checks that a fresh optimizer loaded from the save continues exactly like the original. */
    @Test
    void stateDictResumesTrainingExactly() {
        Generator gen = new Generator(3);
        List<Tensor> grads = new ArrayList<>();
        for (int i = 0; i < 6; i++) grads.add(Tensor.randn(gen, 4, 3));
        List<Tensor> params = List.of(Tensor.randn(gen, 4, 3).requiresGrad_(true), Tensor.randn(gen, 4, 3).requiresGrad_(true));
        Adam original = new Adam(List.of(params.get(0)), Map.of("lr", 0.05, "amsgrad", true));
        original.addParamGroup(List.of(params.get(1)), Map.of("lr", 0.01, "betas", List.of(0.8, 0.99)));
        for (int i = 0; i < 3; i++) step(original, params, grads.get(i));
        OptimizerStateDict saved = original.stateDict();
        List<Tensor> copies = params.stream().map(p -> p.detach().clone().requiresGrad_(true)).toList();

        assertThat(saved.state().keySet()).containsExactly("0.step", "0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq",
                "1.step", "1.exp_avg", "1.exp_avg_sq", "1.max_exp_avg_sq");
        assertThat(saved.state().get("1.step").itemLong()).isEqualTo(3);
        assertThat(saved.paramGroups().get(1)).containsEntry("params", List.of(1)).containsEntry("betas", List.of(0.8, 0.99));

        Adam resumed = new Adam(List.of(copies.get(0)));
        resumed.addParamGroup(List.of(copies.get(1)), Map.of());
        resumed.loadStateDict(saved);
        for (int i = 3; i < 6; i++) {
            step(original, params, grads.get(i));
            step(resumed, copies, grads.get(i));
        }
        for (int k = 0; k < 2; k++) assertThat(copies.get(k).toFloatArray()).isEqualTo(params.get(k).toFloatArray());
        assertThat(resumed.paramGroups().get(1).lr()).isEqualTo(0.01);
        assertThat(saved.state().get("0.step").itemLong()).as("the saved state is a copy").isEqualTo(3);
    }

    private static void step(Optimizer opt, List<Tensor> params, Tensor grad) {
        for (Tensor p : params) p.setGrad(grad);
        opt.step();
    }

    @Test
    void loadStateDictChecksBeforeChangingAnything() {
        Tensor p = Tensor.ones(2, 2).requiresGrad_(true);
        SGD sgd = new SGD(List.of(p), Map.of("lr", 0.1, "momentum", 0.9));
        p.setGrad(Tensor.ones(2, 2));
        sgd.step();
        OptimizerStateDict good = sgd.stateDict();
        Map<String, Tensor> wrongShape = new LinkedHashMap<>(good.state());
        wrongShape.put("0.momentum_buffer", Tensor.zeros(3));
        assertThatThrownBy(() -> sgd.loadStateDict(new OptimizerStateDict(wrongShape, good.paramGroups())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SGD.loadStateDict: '0.momentum_buffer' has shape [3] but parameter 0 has shape [2, 2]");
        Map<String, Tensor> badKey = Map.of("7.momentum_buffer", Tensor.zeros(2, 2));
        assertThatThrownBy(() -> sgd.loadStateDict(new OptimizerStateDict(badKey, good.paramGroups())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'7.momentum_buffer' does not name one of the 1 parameters");
        assertThatThrownBy(() -> sgd.loadStateDict(new OptimizerStateDict(good.state(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the state dict has 0 parameter groups, the optimizer 1");
        Map<String, Object> badLr = new LinkedHashMap<>(good.paramGroups().get(0));
        badLr.put("lr", -3.0);
        assertThatThrownBy(() -> sgd.loadStateDict(new OptimizerStateDict(good.state(), List.of(badLr))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SGD: invalid lr -3.0");
        assertThat(sgd.paramGroups().get(0).lr()).isEqualTo(0.1);
        assertThat(sgd.state(p).buffer("momentum_buffer").toFloatArray()).containsOnly(1f);
    }

    @Test
    void stridedParametersAndGradientsGiveTheSameUpdate() {
        Generator gen = new Generator(5);
        Tensor base = Tensor.randn(gen, 6, 4);
        Tensor strided = base.clone().t().requiresGrad_(true); // a transposed leaf: not contiguous
        Tensor dense = base.t().contiguous().requiresGrad_(true);
        assertThat(strided.isContiguous()).isFalse();
        Adagrad a = new Adagrad(List.of(strided), 0.1), b = new Adagrad(List.of(dense), 0.1);
        for (int i = 0; i < 3; i++) {
            Tensor g = Tensor.randn(gen, 6, 4);
            strided.setGrad(g.t());
            dense.setGrad(g.t().contiguous());
            a.step();
            b.step();
        }
        assertThat(strided.toFloatArray()).isEqualTo(dense.toFloatArray());
    }

    @Test
    void splittingAcrossThreadsDoesNotChangeTheResult() {
        int threads = Tensor.getNumThreads();
        try {
            float[][] results = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Tensor.setNumThreads(t);
                Generator gen = new Generator(9);
                Tensor p = Tensor.randn(gen, 100_003).requiresGrad_(true);
                Adam adam = new Adam(List.of(p), Map.of("lr", 0.01, "amsgrad", true));
                for (int i = 0; i < 3; i++) {
                    p.setGrad(Tensor.randn(gen, 100_003));
                    adam.step();
                }
                results[t - 1] = p.toFloatArray();
            }
            assertThat(results[1]).isEqualTo(results[0]);
        } finally {
            Tensor.setNumThreads(threads);
        }
    }

    @Test
    void factoryBuildsEachOptimizerWithPyTorchKwargs() {
        Tensor p = Tensor.ones(2).requiresGrad_(true);
        assertThat(Optimizers.fromSpec("AdamW", Map.of("lr", 1, "betas", new double[] {0.5, 0.6}), List.of(p)))
                .isInstanceOf(AdamW.class)
                .satisfies(o -> assertThat(o.paramGroups().get(0).options()).containsEntry("lr", 1.0)
                        .containsEntry("betas", List.of(0.5, 0.6)).containsEntry("weight_decay", 0.01));
        assertThat(Optimizers.fromSpec("RMSprop", Map.of(), List.of(p)).defaults()).containsEntry("alpha", 0.99);
    }
}
