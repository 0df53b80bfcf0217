package io.jgrad.optim;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Kernels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quick timing (not JMH, not a test) of one Adam step on a 1M-parameter float32 tensor: the fused
 * kernel against PyTorch's rule as whole-tensor ops ({@link NaiveRules}). Run by hand:
 * {@code java --add-modules jdk.incubator.vector -cp <test classpath> io.jgrad.optim.AdamStepTiming [n] [threads]}.
 */
public final class AdamStepTiming {
    private AdamStepTiming() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        if (args.length > 1) Tensor.setNumThreads(Integer.parseInt(args[1]));
        Generator gen = new Generator(1);
        Tensor p = Tensor.randn(gen, n).requiresGrad_(true), grad = Tensor.randn(gen, n);
        p.setGrad(grad);
        Adam adam = new Adam(List.of(p), Map.of("lr", 1e-3));
        Tensor ref = p.detach().clone();
        Map<String, Tensor> state = new HashMap<>();
        long[] step = {0};
        Runnable naive = () -> {
            try (var noGrad = Autograd.noGrad()) {
                NaiveRules.adam(ref, grad, state, ++step[0], Map.of("lr", 1e-3), false);
            }
        };
        System.out.printf("Adam step, %d float32 parameters, %d threads, kernels %s%n", n, Tensor.getNumThreads(), Kernels.describe());
        System.out.printf("  fused kernel:      %7.3f ms (median)%n", median(adam::step));
        System.out.printf("  naive tensor ops:  %7.3f ms (median)%n", median(naive));
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 300; i++) r.run();
        double[] ms = new double[100];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
