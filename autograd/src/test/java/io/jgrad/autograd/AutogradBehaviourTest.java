package io.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** PyTorch's autograd semantics: accumulation, grad mode, hooks, views, in-place, errors. */
class AutogradBehaviourTest {
    static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad_(true);
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        Tensor w = leaf(1, 2, 3);
        w.mul(w).sum().backward();
        w.mul(w).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(4, 8, 12);
        w.grad().zero_();
        w.sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 1, 1);
        assertThat(w.isLeaf()).isTrue();
        assertThat(w.mul(2).isLeaf()).isFalse();
        assertThat(w.mul(2).gradFn()).isEqualTo("MulBackward0");
        assertThat(w.mul(2).toString()).endsWith("grad_fn=<MulBackward0>)");
    }

    @Test
    void noGradIsScopedAndThreadLocal() throws Exception {
        Tensor w = leaf(1, 2);
        try (var g = Autograd.noGrad()) {
            assertThat(w.mul(2).requiresGrad()).isFalse();
            try (var e = Autograd.enableGrad()) {
                assertThat(w.mul(2).requiresGrad()).isTrue();
            }
            // Another thread is not affected by this thread's scope.
            ExecutorService ex = Executors.newSingleThreadExecutor();
            try {
                assertThat(ex.submit(() -> w.mul(2).requiresGrad()).get()).isTrue();
            } finally {
                ex.shutdown();
            }
        }
        assertThat(w.mul(2).requiresGrad()).isTrue();
    }

    @Test
    void twoThreadsTrainIndependentModelsWithoutInterference() throws Exception {
        int threads = 2;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(ex.submit(() -> {
                    start.await();
                    return train(seed);
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) assertThat(results.get(t).get()).containsExactly(train(t));
        } finally {
            ex.shutdown();
        }
    }

    /** A tiny regression trained with a manual SGD step; the same seed gives the same weights. */
    static double[] train(int seed) {
        Generator gen = new Generator(seed);
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 32, 4), y = Tensor.randn(gen, DType.FLOAT64, 32, 1);
        Tensor w = Tensor.zeros(DType.FLOAT64, 4, 1).requiresGrad_(true);
        for (int i = 0; i < 200; i++) {
            Tensor loss = x.matmul(w).sub(y).square().mean();
            w.setGrad(null);
            loss.backward();
            try (var g = Autograd.noGrad()) {
                // Toggle the mode inside the loop too: it must not leak to the other thread.
                w.sub_(w.grad().mul(0.1));
            }
        }
        return w.detach().toDoubleArray();
    }

    @Test
    void hooksSeeAndMayReplaceTheGradient() throws Exception {
        Tensor w = leaf(1, 2);
        List<double[]> seen = new ArrayList<>();
        try (AutoCloseable h = w.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g.mul(10);
        })) {
            w.mul(3).sum().backward();
        }
        assertThat(seen.get(0)).containsExactly(3, 3);
        assertThat(w.grad().toDoubleArray()).containsExactly(30, 30);
        w.setGrad(null);
        w.mul(3).sum().backward();
        assertThat(w.grad().toDoubleArray()).as("hook removed").containsExactly(3, 3);

        Tensor a = leaf(1, 2), mid = a.mul(2);
        mid.registerHook(g -> g.mul(0));
        mid.mul(5).sum().backward();
        assertThat(a.grad().toDoubleArray()).as("hook on a non-leaf").containsExactly(0, 0);
    }

    @Test
    void retainGradKeepsNonLeafGradients() {
        Tensor a = leaf(1, 2), mid = a.mul(2).retainGrad();
        mid.square().sum().backward();
        assertThat(mid.grad().toDoubleArray()).containsExactly(4, 8);
        assertThat(a.mul(2).grad()).isNull();
    }

    @Test
    void gradientsFlowThroughViewsAndBroadcasts() {
        Tensor a = leaf(1, 2, 3, 4, 5, 6);
        Tensor m = a.view(2, 3).t();
        m.select(0, 1).mul(Tensor.of(new double[] {10, 20})).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(0, 10, 0, 0, 20, 0);
        Tensor b = Tensor.of(new double[] {1, 2, 3}).requiresGrad_(true);
        Tensor.ones(DType.FLOAT64, 4, 3).mul(b).sum().backward();
        assertThat(b.grad().toDoubleArray()).containsExactly(4, 4, 4);
    }

    @Test
    void inPlaceOpsOnNonLeavesAreRecorded() {
        Tensor a = leaf(1, 2, 3);
        Tensor x = a.mul(2);
        x.mul_(a);          // x = 2a * a
        x.add_(1);
        x.sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(4, 8, 12);
        assertThat(x.gradFn()).isEqualTo("AddBackward0");
    }

    @Test
    void inPlaceThroughAViewUpdatesTheBase() {
        Tensor a = leaf(1, 2, 3, 4);
        Tensor x = a.mul(1);
        x.narrow(0, 1, 2).mul_(10);
        x.mul(Tensor.of(new double[] {1, 2, 3, 4})).sum().backward();
        assertThat(a.grad().toDoubleArray()).containsExactly(1, 20, 30, 4);
    }

    @Test
    void inPlaceOnALeafThatRequiresGradFails() {
        Tensor w = leaf(1, 2);
        assertThatThrownBy(() -> w.add_(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add_: a leaf tensor that requires grad").hasMessageContaining("Autograd.noGrad()");
        assertThatThrownBy(() -> w.narrow(0, 0, 1).mul_(2)).hasMessageContaining("a view of a leaf tensor that requires grad");
        try (var g = Autograd.noGrad()) {
            w.add_(1);
        }
        assertThat(w.detach().toDoubleArray()).containsExactly(2, 3);
    }

    @Test
    void modifyingASavedTensorMakesBackwardFail() {
        Tensor a = leaf(1, 2, 3);
        Tensor x = a.mul(2);
        Tensor y = x.exp();           // exp saves its result
        y.add_(1);
        assertThatThrownBy(() -> y.sum().backward()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("modified by an in-place operation")
                .hasMessageContaining("shape [3] saved by ExpBackward0 is at version 1; expected version 0");
    }

    @Test
    void secondBackwardNeedsRetainGraph() {
        Tensor a = leaf(1, 2);
        Tensor loss = a.exp().sum();
        loss.backward();
        assertThatThrownBy(loss::backward).isInstanceOf(IllegalStateException.class).hasMessageContaining("retainGraph");
        Tensor b = leaf(1, 2);
        Tensor l2 = b.exp().sum();
        l2.backward(Tensor.scalar(1, DType.FLOAT64), true, false);
        l2.backward();
        assertThat(b.grad().toDoubleArray()).containsExactly(2 * Math.exp(1), 2 * Math.exp(2));
    }

    @Test
    void backwardArgumentErrors() {
        Tensor a = leaf(1, 2);
        assertThatThrownBy(() -> a.mul(2).backward()).hasMessageContaining("grad can be implicitly created only for scalar outputs");
        assertThatThrownBy(() -> Tensor.of(new double[] {1}).sum().backward()).hasMessageContaining("does not require grad");
        assertThatThrownBy(() -> Tensor.of(new long[] {1}).requiresGrad_(true)).hasMessageContaining("only tensors of floating point dtype");
        assertThatThrownBy(() -> a.mul(2).backward(Tensor.ones(3))).hasMessageContaining("gradient of shape [3] does not match the output's shape [2]");
    }

    @Test
    void gradWithCreateGraphGivesHessianVectorProducts() {
        // f(x) = sum(x^3): grad = 3x^2, Hessian = diag(6x); H v = 6 x v.
        Tensor x = leaf(1, 2, 3), v = Tensor.of(new double[] {1, 0.5, -1});
        Tensor g = Autograd.grad(List.of(x.pow(3).sum()), List.of(x), null, false, true, false).get(0);
        assertThat(g.requiresGrad()).isTrue();
        Tensor hv = Autograd.grad(List.of(g.mul(v).sum()), List.of(x)).get(0);
        assertThat(hv.toDoubleArray()).containsExactly(6, 6, -18);
        assertThat(x.grad()).as("grad() does not touch .grad").isNull();
    }

    @Test
    void gradientPenaltyTrainsThroughSecondOrderGraph() {
        // loss = ||d(sum(w*x)^2)/dx||^2 ; its gradient w.r.t. w exists only through createGraph.
        Tensor w = leaf(0.5, -1), x = leaf(2, 3);
        Tensor y = w.mul(x).sum().square();
        Tensor gx = Autograd.grad(List.of(y), List.of(x), null, true, true, false).get(0);
        gx.square().sum().backward();
        // gx = 2 s w with s = w.x = -2; penalty = 4 s^2 |w|^2; d/dw = 8 s x |w|^2 + 8 s^2 w
        double s = -2, n2 = 1.25;
        assertThat(w.grad().toDoubleArray()).containsExactly(8 * s * 2 * n2 + 8 * s * s * 0.5, 8 * s * 3 * n2 + 8 * s * s * -1);
    }

    @Test
    void unusedInputsAreReportedOrAllowed() {
        Tensor a = leaf(1), b = leaf(2);
        assertThatThrownBy(() -> Autograd.grad(List.of(a.mul(2).sum()), List.of(a, b))).hasMessageContaining("allowUnused");
        List<Tensor> g = Autograd.grad(List.of(a.mul(2).sum()), List.of(a, b), null, false, false, true);
        assertThat(g.get(1)).isNull();
    }

    @Test
    void anomalyModeNamesTheForwardOp() {
        Tensor a = leaf(0, 1);
        try (var m = Autograd.detectAnomaly()) {
            Tensor y = a.sqrt().sum();
            assertThatThrownBy(y::backward).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("SqrtBackward0 returned nan or inf")
                    .hasMessageContaining("The forward op sqrt was called at")
                    .hasMessageContaining("AutogradBehaviourTest.anomalyModeNamesTheForwardOp");
        }
    }

    @Test
    void embeddingPaddingRowGetsNoGradient() {
        Tensor w = Tensor.ones(DType.FLOAT64, 3, 2).requiresGrad_(true);
        io.jgrad.core.ops.Indexing.embedding(Tensor.of(new long[] {0, 1, 1, 2}), w, 1).sum().backward();
        assertThat(w.grad().toDoubleArray()).containsExactly(1, 1, 0, 0, 1, 1);
    }

    @Test
    void detachCutsHistoryButSharesStorage() {
        Tensor a = leaf(1, 2);
        Tensor d = a.mul(2).detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.gradFn()).isNull();
        Tensor e = a.detach();
        assertThat(e.storage()).isSameAs(a.storage());
    }
}
