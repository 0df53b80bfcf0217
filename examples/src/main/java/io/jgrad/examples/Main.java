package io.jgrad.examples;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.Kernels;

/**
 * The jgrad examples entry point. Until the training commands land, it runs a small real demo of
 * the Tensor API: a least-squares fit by gradient descent with a hand-written gradient.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Generator gen = new Generator(0);
        int n = 10_000, d = 8;
        Tensor trueW = Tensor.randn(gen, d, 1);
        Tensor x = Tensor.randn(gen, n, d);
        Tensor y = x.matmul(trueW).add(Tensor.randn(gen, n, 1).mul(0.01));

        System.out.println("jgrad least-squares demo: " + n + " samples, " + d + " features, kernels " + Kernels.describe()
                + ", threads " + Tensor.getNumThreads());
        Tensor w = Tensor.zeros(d, 1);
        double lr = 0.1;
        long start = System.nanoTime();
        for (int step = 0; step <= 200; step++) {
            Tensor residual = x.matmul(w).sub(y);                       // (n, 1)
            Tensor grad = x.t().matmul(residual).mul(2.0 / n);          // d/dw mean((xw - y)^2)
            if (step % 40 == 0) System.out.printf("step %3d  mse %.6f%n", step, residual.square().mean().item());
            w.sub_(grad.mul(lr));
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.println("fitted w: " + w.t());
        System.out.println("true   w: " + trueW.t());
        System.out.printf("max |w - w_true| = %.5f, 200 steps in %.0f ms%n", w.sub(trueW).abs().max().item(), ms);
    }
}
