package io.jgrad.data;

import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Batches prepared by a background thread while the caller works on the previous one. The thread
 * runs at most {@code prefetch} batches ahead (a bounded queue), hands failures over to the caller,
 * and ends when the epoch is done, when the iterator is closed, or when the iterator becomes
 * unreachable.
 */
final class PrefetchingBatches<B> implements BatchIterator<B> {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Cleaner CLEANER = Cleaner.create(r -> daemon(r, "jgrad-data-cleaner"));
    /** Name prefix of the prefetch threads (tests look for leftovers by it). */
    static final String THREAD_PREFIX = "jgrad-loader-";

    private final Worker<B> worker;
    private final Cleaner.Cleanable cleanable;
    private Object next;
    private boolean done;

    PrefetchingBatches(EpochPlan plan, Function<int[], ? extends B> fetcher, int prefetch) {
        worker = new Worker<>(plan, fetcher, new ArrayBlockingQueue<>(prefetch));
        // The worker must not reference this iterator, or the cleaner could never run.
        cleanable = CLEANER.register(this, worker::stop);
        worker.thread.start();
    }

    @Override
    public boolean hasNext() {
        if (next != null) return true;
        if (done) return false;
        Object item;
        try {
            item = worker.queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
        }
        if (item == Worker.END) {
            close();
            return false;
        }
        if (item instanceof Failure failure) {
            close();
            throw failure.rethrow();
        }
        next = item;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public B next() {
        if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has no more batches");
        B batch = (B) next;
        next = null;
        return batch;
    }

    @Override
    public void close() {
        done = true;
        next = null;
        cleanable.clean();
        boolean interrupted = false;
        while (worker.thread.isAlive()) {
            try {
                worker.thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        worker.queue.clear();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A batch that failed: the error travels to the caller, which rethrows it. */
    private record Failure(Throwable error, int batch, String thread) {
        RuntimeException rethrow() {
            // Same exception, so callers can catch its type; the note records where it was rethrown.
            error.addSuppressed(new Exception("rethrown by DataLoader: batch " + batch + " failed on thread " + thread));
            if (error instanceof RuntimeException re) return re;
            if (error instanceof Error e) throw e;
            return new IllegalStateException("DataLoader: batch " + batch + " failed: " + error, error);
        }
    }

    /** The prefetch loop. Holds no reference to the iterator. */
    private static final class Worker<B> implements Runnable {
        static final Object END = new Object();
        final EpochPlan plan;
        final Function<int[], ? extends B> fetcher;
        final BlockingQueue<Object> queue;
        final Thread thread;
        volatile boolean stopped;

        Worker(EpochPlan plan, Function<int[], ? extends B> fetcher, BlockingQueue<Object> queue) {
            this.plan = plan;
            this.fetcher = fetcher;
            this.queue = queue;
            this.thread = daemon(this, THREAD_PREFIX + THREADS.incrementAndGet());
        }

        @Override
        public void run() {
            try {
                for (int b = 0; b < plan.numBatches() && !stopped; b++) {
                    Object item;
                    try {
                        item = fetcher.apply(plan.batch(b));
                    } catch (Throwable t) {
                        item = new Failure(t, b, thread.getName());
                    }
                    if (stopped) return;
                    queue.put(item);
                    if (item instanceof Failure) return;
                }
                if (!stopped) queue.put(END);
            } catch (InterruptedException e) {
                // stop() interrupts a put that waits for room: the epoch was abandoned.
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }
    }
}
