package io.jgrad.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * jgrad's intra-op thread pool. Work is split only when it is large enough to pay for the
 * hand-off (callers pass a grain: the smallest range worth a thread); small ops run inline on the
 * calling thread with no pool overhead. Nested calls from a worker also run inline.
 *
 * <p>The thread count defaults to the number of available processors and is set with
 * {@link #setNumThreads(int)} (PyTorch's {@code torch.set_num_threads}).
 */
public final class Parallel {
    private Parallel() {}

    /** A range body: processes indices {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private static volatile int numThreads = Integer.getInteger("jgrad.threads", Runtime.getRuntime().availableProcessors());
    private static volatile Pool pool;
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);

    /** Sets the number of threads used by one op (1 = everything runs on the calling thread). */
    public static synchronized void setNumThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("setNumThreads: need at least 1 thread, got " + n);
        numThreads = n;
        Pool old = pool;
        pool = null;
        if (old != null) old.shutdown();
    }

    /** The number of threads one op may use. */
    public static int getNumThreads() {
        return numThreads;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #getNumThreads()} contiguous
     * chunks of at least {@code grain} indices each.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int threads = numThreads;
        int chunks = Math.min(threads, grain <= 0 ? n : n / Math.max(grain, 1));
        if (chunks <= 1 || IN_WORKER.get()) {
            if (n > 0) body.run(0, n);
            return;
        }
        Pool p = pool();
        // One job at a time: a second thread calling in meanwhile (e.g. two models training on
        // two threads) runs its op inline rather than waiting for the pool.
        if (!p.lock.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            p.run(chunks, n, body);
        } finally {
            p.lock.unlock();
        }
    }

    private static Pool pool() {
        Pool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) pool = p = new Pool(numThreads - 1);
            }
        }
        return p;
    }

    /** Fixed worker threads; each job is split into equal chunks, chunk 0 runs on the caller. */
    private static final class Pool {
        private final Worker[] workers;
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker("jgrad-worker-" + i);
                workers[i].start();
            }
        }

        void run(int chunks, int n, RangeBody body) {
            chunks = Math.min(chunks, workers.length + 1);
            AtomicInteger pending = new AtomicInteger(chunks - 1);
            Thread caller = Thread.currentThread();
            RuntimeException[] failure = new RuntimeException[1];
            for (int c = 1; c < chunks; c++) {
                int start = (int) ((long) n * c / chunks), end = (int) ((long) n * (c + 1) / chunks);
                workers[c - 1].submit(() -> {
                    try {
                        body.run(start, end);
                    } catch (RuntimeException | Error e) {
                        synchronized (failure) {
                            if (failure[0] == null) failure[0] = e instanceof RuntimeException re ? re : new RuntimeException(e);
                        }
                    } finally {
                        if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
                    }
                });
            }
            boolean was = IN_WORKER.get();
            IN_WORKER.set(true);
            try {
                body.run(0, (int) ((long) n / chunks));
            } finally {
                IN_WORKER.set(was);
            }
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < 20_000) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            synchronized (failure) {
                if (failure[0] != null) throw failure[0];
            }
        }

        void shutdown() {
            for (Worker w : workers) w.submit(null);
        }
    }

    private static final class Worker extends Thread {
        private volatile Runnable task;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Runnable r) {
            task = r == null ? STOP : r;
            LockSupport.unpark(this);
        }

        private static final Runnable STOP = () -> {};

        @Override
        public void run() {
            IN_WORKER.set(true);
            while (true) {
                Runnable r = task;
                if (r == null) {
                    // Spin briefly: ops often come in quick succession.
                    for (int i = 0; i < 5_000 && task == null; i++) Thread.onSpinWait();
                    if (task == null) LockSupport.park(this);
                    continue;
                }
                task = null;
                if (r == STOP) return;
                r.run();
            }
        }
    }
}
