package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background thread: it works ahead, hands errors over, and never outlives its epoch. */
class PrefetchTest {
    private static List<Thread> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(PrefetchingBatches.THREAD_PREFIX) && t.isAlive()).toList();
    }

    @AfterEach
    void noThreadOutlivesATest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!loaderThreads().isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(loaderThreads()).isEmpty();
    }

    @Test
    void nextBatchIsPreparedWhileTheCallerHoldsTheCurrentOne() throws InterruptedException {
        CountDownLatch secondBatchFetched = new CountDownLatch(1);
        Function<int[], Integer> fetch = idx -> {
            if (idx[0] == 1) secondBatchFetched.countDown();
            return idx[0];
        };
        try (BatchIterator<Integer> it = DataLoader.builder(4, fetch).prefetch(1).build().iterator()) {
            assertThat(it.next()).isEqualTo(0);
            // The caller has not asked for batch 1, yet it gets prepared meanwhile.
            assertThat(secondBatchFetched.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(it.next()).isEqualTo(1);
        }
    }

    @Test
    void slowBatchesOverlapWithSlowTraining() {
        long serial = epochMillis(0), prefetched = epochMillis(2);
        // Ideal: serial = 8 * (40 + 40) = 640 ms, prefetched = (8 + 1) * 40 = 360 ms. Compared with
        // each other rather than with fixed numbers, so that a loaded machine slows both.
        assertThat(prefetched).isLessThan(serial * 80 / 100);
    }

    /** One epoch of 8 batches that each take 40 ms to load and 40 ms to "train" on. */
    private static long epochMillis(int prefetch) {
        Function<int[], int[]> slowFetch = idx -> {
            sleep(40);
            return idx;
        };
        long start = System.nanoTime();
        for (int[] ignored : DataLoader.builder(8, slowFetch).prefetch(prefetch).build()) sleep(40);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void queueIsBounded() throws InterruptedException {
        AtomicInteger fetched = new AtomicInteger();
        try (BatchIterator<int[]> it = DataLoader.builder(100, idx -> { fetched.incrementAndGet(); return idx; }).prefetch(3).build().iterator()) {
            it.next();
            Thread.sleep(200);
            // 1 taken + 3 queued + 1 waiting for room in the queue.
            assertThat(fetched.get()).isBetween(4, 5);
        }
    }

    @Test
    void workerExceptionIsRethrownToTheCaller() {
        IllegalArgumentException boom = new IllegalArgumentException("sample 7 is corrupt");
        Function<int[], int[]> fetch = idx -> {
            if (idx[0] == 2) throw boom;
            return idx;
        };
        BatchIterator<int[]> it = DataLoader.builder(5, fetch).prefetch(2).build().iterator();
        assertThat(it.next()[0]).isEqualTo(0);
        assertThat(it.next()[0]).isEqualTo(1);
        assertThatThrownBy(it::hasNext).isSameAs(boom).hasMessage("sample 7 is corrupt");
        assertThat(boom.getSuppressed()[0]).hasMessageContaining("batch 2 failed on thread " + PrefetchingBatches.THREAD_PREFIX);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void errorsAreRethrownToo() {
        BatchIterator<int[]> it = DataLoader.<int[]>builder(2, idx -> { throw new StackOverflowError("deep"); }).prefetch(1).build().iterator();
        assertThatThrownBy(it::next).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    }

    @Test
    void closingEarlyStopsTheThread() {
        BatchIterator<int[]> it = DataLoader.builder(1000, idx -> idx).prefetch(2).build().iterator();
        it.next();
        assertThat(loaderThreads()).hasSize(1);
        it.close();
        assertThat(loaderThreads()).isEmpty();   // close() returns only once the thread has ended
        assertThat(it.hasNext()).isFalse();
        it.close();   // idempotent
    }

    @Test
    void closingStopsABatchThatIsBeingPrepared() throws InterruptedException {
        CountDownLatch inFetch = new CountDownLatch(1);
        BatchIterator<int[]> it = DataLoader.builder(10, (int[] idx) -> {
            inFetch.countDown();
            sleep(60_000);   // interrupted by close()
            return idx;
        }).prefetch(1).build().iterator();
        assertThat(inFetch.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        it.close();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(loaderThreads()).isEmpty();
    }

    @Test
    void aNewEpochClosesTheAbandonedOne() {
        DataLoader<int[]> loader = DataLoader.builder(1000, idx -> idx).prefetch(2).build();
        BatchIterator<int[]> abandoned = loader.iterator();
        abandoned.next();   // then left without close(), like a for-each loop that breaks
        BatchIterator<int[]> next = loader.iterator();
        assertThat(abandoned.hasNext()).isFalse();
        assertThat(loaderThreads()).hasSize(1);   // the new epoch's thread only
        assertThat(next.next()[0]).isZero();
        next.close();
        assertThat(loaderThreads()).isEmpty();
    }

    @Test
    void anUnreachableIteratorStopsItsThread() throws InterruptedException {
        DataLoader<int[]> loader = DataLoader.builder(1000, idx -> idx).prefetch(2).build();
        loader.iterator().next();   // abandoned, and never referenced again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!loaderThreads().isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(loaderThreads()).isEmpty();
    }

    @Test
    void exhaustingAnEpochEndsItsThread() {
        DataLoader<int[]> loader = DataLoader.builder(10, idx -> idx).batchSize(3).prefetch(2).build();
        int n = 0;
        for (int[] ignored : loader) n++;
        assertThat(n).isEqualTo(4);
        assertThat(loaderThreads()).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }
}
