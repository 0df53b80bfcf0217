package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer option, both dtypes, small and multi-threaded sizes: the fused optimizers agree
 * with PyTorch's update rules written as whole-tensor ops ({@link NaiveRules}) over several steps.
 * (The golden cases pin the rules to PyTorch itself; this covers the option combinations they do not.)
 */
class OptimizerRulesTest {
    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        List<Map<String, Object>> sgd = List.of(Map.of("lr", 0.1), Map.of("lr", 0.05, "momentum", 0.9, "dampening", 0.3),
                Map.of("lr", 0.05, "momentum", 0.9, "nesterov", true, "weight_decay", 0.1), Map.of("lr", 0.1, "maximize", true, "weight_decay", 0.2));
        List<Map<String, Object>> adam = List.of(Map.of(), Map.of("lr", 0.02, "betas", List.of(0.8, 0.9), "eps", 1e-6, "weight_decay", 0.1),
                Map.of("lr", 0.01, "amsgrad", true, "maximize", true), Map.of("lr", 0.01, "betas", List.of(0.0, 0.5), "amsgrad", true, "weight_decay", 0.05));
        List<Map<String, Object>> rmsprop = List.of(Map.of(), Map.of("lr", 0.01, "alpha", 0.9, "momentum", 0.9, "centered", true, "weight_decay", 0.01),
                Map.of("lr", 0.02, "momentum", 0.5, "maximize", true), Map.of("lr", 0.02, "centered", true));
        List<Map<String, Object>> adagrad = List.of(Map.of(), Map.of("lr", 0.1, "lr_decay", 0.1, "weight_decay", 0.05, "initial_accumulator_value", 0.5),
                Map.of("lr", 0.1, "maximize", true, "eps", 1e-6));
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            // The large shape runs on several threads. Only in float64: among 150k random float32
            // values some gradient nearly cancels its weight decay, and Adam or a momentum buffer
            // then magnifies the last-bit difference between a fused and an unfused multiply-add.
            List<int[]> shapes = dtype == DType.FLOAT64 ? List.of(new int[] {37}, new int[] {3, 5}, new int[] {}, new int[] {150_001})
                    : List.of(new int[] {37}, new int[] {3, 5}, new int[] {});
            for (int[] shape : shapes) {
                sgd.forEach(o -> out.add(Arguments.of("SGD", o, dtype, shape)));
                adam.forEach(o -> out.add(Arguments.of("Adam", o, dtype, shape)));
                adam.forEach(o -> out.add(Arguments.of("AdamW", o, dtype, shape)));
                rmsprop.forEach(o -> out.add(Arguments.of("RMSprop", o, dtype, shape)));
                adagrad.forEach(o -> out.add(Arguments.of("Adagrad", o, dtype, shape)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("configs")
    void fusedMatchesTensorOps(String type, Map<String, Object> options, DType dtype, int[] shape) {
        Generator gen = new Generator(42);
        Tensor p = Tensor.randn(gen, dtype, shape).requiresGrad_(true);
        Tensor reference = p.detach().clone();
        Optimizer opt = Optimizers.fromSpec(type, options, List.of(p));
        Map<String, Tensor> state = new HashMap<>();
        for (int step = 1; step <= 4; step++) {
            Tensor grad = Tensor.randn(gen, dtype, shape);
            p.setGrad(grad);
            opt.step();
            try (var noGrad = Autograd.noGrad()) {
                switch (type) {
                    case "SGD" -> NaiveRules.sgd(reference, grad, state, options);
                    case "Adam" -> NaiveRules.adam(reference, grad, state, step, options, false);
                    case "AdamW" -> NaiveRules.adam(reference, grad, state, step, options, true);
                    case "RMSprop" -> NaiveRules.rmsprop(reference, grad, state, options);
                    default -> NaiveRules.adagrad(reference, grad, state, step, options);
                }
            }
        }
        // Float32 tolerances are the golden optimizer cases' (FORMAT.md section 7).
        boolean f64 = dtype == DType.FLOAT64;
        double rtol = f64 ? 1e-12 : 1e-5, atol = f64 ? 1e-14 : 1e-6;
        assertThat(p.allclose(reference, rtol, atol))
                .as("%s %s after 4 steps: max difference %s", type, options, p.detach().sub(reference).abs().max().item()).isTrue();
        for (var e : state.entrySet()) {
            assertThat(opt.state(p).buffer(e.getKey()).allclose(e.getValue(), rtol, atol)).as(e.getKey()).isTrue();
        }
    }
}
