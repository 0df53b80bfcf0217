package io.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Saved tensors are released by backward: a 10,000-step training loop keeps a flat heap. The
 * module's tests run with -Xmx256m, so a leak of even a few KB per step would also fail loudly.
 */
class FlatHeapTest {
    @Test
    void tenThousandStepsKeepAFlatHeap() {
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, 64, 32), y = Tensor.randn(gen, 64, 1);
        Tensor w1 = Tensor.randn(gen, 32, 64).mul(0.1).requiresGrad_(true), w2 = Tensor.randn(gen, 64, 1).mul(0.1).requiresGrad_(true);
        long baseline = 0;
        for (int step = 0; step < 10_000; step++) {
            Tensor loss = x.matmul(w1).relu().matmul(w2).sub(y).square().mean();
            loss.backward();
            try (var g = Autograd.noGrad()) {
                w1.sub_(w1.grad().mul(0.01));
                w2.sub_(w2.grad().mul(0.01));
                w1.grad().zero_();
                w2.grad().zero_();
            }
            if (step == 1_000) baseline = usedAfterGc();
        }
        long end = usedAfterGc();
        assertThat(end - baseline).as("heap growth over 9,000 steps (bytes)").isLessThan(4L << 20);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
