package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Parallel;
import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A quick timing harness (not a test) for the reference conv layers of anchors/REFERENCE.md
 * section 5, plus pooling and batch norm at the same sizes: median and min over repeated calls,
 * after warm-up. Run with the test classpath: {@code java --add-modules jdk.incubator.vector
 * -cp ... io.jgrad.nn.ConvTiming [threads]}.
 */
public final class ConvTiming {
    private ConvTiming() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Parallel.setNumThreads(threads);
        Generator gen = new Generator(0);
        System.out.println("threads " + threads);
        layer(gen, 64, 1, 28, 32, false);
        layer(gen, 64, 32, 14, 64, true);
        Tensor x = Tensor.randn(gen, 64, 32, 28, 28);
        report("max_pool2d k2 (64,32,28,28) fwd", () -> {
            try (var s = Autograd.noGrad()) { return F.maxPool2d(x, 2); }
        });
        report("avg_pool2d k2 (64,32,28,28) fwd", () -> {
            try (var s = Autograd.noGrad()) { return F.avgPool2d(x, 2); }
        });
        Tensor w = Tensor.ones(32).requiresGrad_(true), b = Tensor.zeros(32).requiresGrad_(true);
        Tensor xg = x.detach().requiresGrad_(true);
        report("batch_norm train (64,32,28,28) fwd", () -> {
            try (var s = Autograd.noGrad()) { return F.batchNorm(x, null, null, w, b, true, 0.1, 1e-5); }
        });
        report("batch_norm train (64,32,28,28) fwd+bwd", () -> {
            Tensor y = F.batchNorm(xg, null, null, w, b, true, 0.1, 1e-5);
            y.backward(Tensor.onesLike(y));
            return y;
        });
        report("max_pool2d k2 (64,32,28,28) fwd+bwd", () -> {
            Tensor y = F.maxPool2d(xg, 2);
            y.backward(Tensor.onesLike(y));
            return y;
        });
    }

    private static void layer(Generator gen, int n, int cin, int size, int cout, boolean inputGrad) {
        Tensor x = Tensor.randn(gen, n, cin, size, size), w = Tensor.randn(gen, cout, cin, 3, 3).mul(0.1), b = Tensor.randn(gen, cout);
        int[] one = {1};
        String name = "conv (" + n + "," + cin + "," + size + "," + size + ") " + cin + "->" + cout + " k3 p1";
        report(name + " fwd", () -> {
            try (var s = Autograd.noGrad()) { return F.conv2d(x, w, b, one, one, one, 1); }
        });
        Tensor xg = inputGrad ? x.detach().requiresGrad_(true) : x, wg = w.detach().requiresGrad_(true), bg = b.detach().requiresGrad_(true);
        Tensor go = Tensor.randn(gen, n, cout, size, size);
        report(name + " fwd+bwd", () -> {
            Tensor y = F.conv2d(xg, wg, bg, one, one, one, 1);
            y.backward(go);
            return y;
        });
    }

    private static void report(String name, Supplier<Tensor> body) {
        for (int i = 0; i < 30; i++) body.get();
        double[] ms = new double[40];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            body.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-48s median %8.3f ms  min %8.3f ms%n", name, ms[ms.length / 2], ms[0]);
    }
}
