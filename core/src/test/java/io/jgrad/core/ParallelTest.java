package io.jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's contract (every index once, failures surface, nesting runs inline) and thread-count-independent results. */
class ParallelTest {
    private final int threads = Parallel.getNumThreads();

    @AfterEach
    void restoreThreads() {
        Parallel.setNumThreads(threads);
    }

    @Test
    void everyIndexIsRunExactlyOnce() {
        for (int t : new int[] {1, 2, 3}) {
            Parallel.setNumThreads(t);
            for (int n : new int[] {0, 1, 7, 100, 1001, 65_537}) {
                for (int grain : new int[] {0, 1, 5, 64}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    Parallel.forRange(n, grain, (s, e) -> {
                        for (int i = s; i < e; i++) hits.incrementAndGet(i);
                    });
                    for (int i = 0; i < n; i++) assertThat(hits.get(i)).as("index %d of %d, grain %d, %d threads", i, n, grain, t).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aFailingTaskFailsTheCallAndThePoolKeepsWorking() {
        Parallel.setNumThreads(2);
        assertThatThrownBy(() -> Parallel.forRange(1000, 1, (s, e) -> {
            if (s > 0) throw new IllegalStateException("task starting at " + s);
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("task starting at");
        AtomicIntegerArray hits = new AtomicIntegerArray(1);
        Parallel.forRange(1000, 1, (s, e) -> hits.addAndGet(0, e - s));
        assertThat(hits.get(0)).isEqualTo(1000);
    }

    @Test
    void nestedCallsRunInlineOnTheWorker() {
        Parallel.setNumThreads(2);
        AtomicReference<String> nestedSplit = new AtomicReference<>();
        Parallel.forRange(8, 1, (s, e) -> Parallel.forRange(100, 1, (s2, e2) -> {
            if (s2 != 0 || e2 != 100) nestedSplit.set(s2 + ".." + e2);
        }));
        assertThat(nestedSplit.get()).as("a nested range is not split").isNull();
    }

    @Test
    void largeReductionsAndProductsGiveTheSameBitsOnOneAndTwoThreads() {
        Tensor a = Tensor.randn(new Generator(3), 300_001);
        Tensor x = Tensor.randn(new Generator(4), 64, 300), y = Tensor.randn(new Generator(5), 300, 520);
        Parallel.setNumThreads(1);
        double sum = a.sum().item(), max = a.amax().item();
        float[] product = x.matmul(y).toFloatArray();
        Parallel.setNumThreads(2);
        assertThat(a.sum().item()).isEqualTo(sum);
        assertThat(a.amax().item()).isEqualTo(max);
        assertThat(java.util.Arrays.equals(x.matmul(y).toFloatArray(), product)).as("matmul split by columns").isTrue();
        // And the blocked sum stays accurate: compare with a double sum.
        double exact = 0;
        for (float v : a.toFloatArray()) exact += v;
        assertThat(sum).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-6 * 300_001));
    }
}
