package io.jgrad.bench;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.F;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fashion-cnn's two convolutions, float32: c1 = input (64,1,28,28), conv 1->32 k3 p1;
 * c2 = input (64,32,14,14), conv 32->64 k3 p1. {@code backward} is forward + backward (input,
 * weight and bias gradients for c2; weight and bias for c1, whose input is the data).
 */
public class Conv2dBench extends ThreadedBenchmark {
    @Param({"c1", "c2"})
    public String layer;

    @Param({"forward", "backward"})
    public String pass;

    private Tensor x, w, b, gradOut;

    @Setup(Level.Trial)
    public void makeOperands() {
        Generator gen = new Generator(0);
        boolean c1 = layer.equals("c1");
        x = c1 ? Tensor.randn(gen, 64, 1, 28, 28) : Tensor.randn(gen, 64, 32, 14, 14);
        w = (c1 ? Tensor.randn(gen, 32, 1, 3, 3) : Tensor.randn(gen, 64, 32, 3, 3)).mul(0.1);
        b = Tensor.zeros(c1 ? 32 : 64);
        if (pass.equals("backward")) {
            w.requiresGrad_(true);
            b.requiresGrad_(true);
            if (!c1) x.requiresGrad_(true);
        }
        gradOut = Tensor.randn(gen, 64, c1 ? 32 : 64, c1 ? 28 : 14, c1 ? 28 : 14);
    }

    @Benchmark
    public Object conv() {
        Tensor y = F.conv2d(x, w, b, new int[] {1}, new int[] {1}, new int[] {1}, 1);
        if (pass.equals("forward")) return y;
        y.backward(gradOut);
        Tensor g = w.grad();
        w.setGrad(null);
        b.setGrad(null);
        if (x.requiresGrad()) x.setGrad(null);
        return g;
    }
}
