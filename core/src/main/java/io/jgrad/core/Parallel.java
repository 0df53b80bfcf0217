package io.jgrad.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * jgrad's intra-op thread pool. Work is split only when it is large enough to pay for the
 * hand-off (callers pass a grain: the smallest range worth a thread); small ops run inline on the
 * calling thread with no pool overhead. Nested calls from a worker also run inline.
 *
 * <p>A split range becomes a few equal tasks per thread that the caller and the workers claim
 * from a shared counter. The caller never waits for a worker that has not started: on a busy
 * machine, where a worker may be descheduled, the caller simply runs the remaining tasks itself.
 * Task boundaries depend only on the range and the grain, never on which thread runs a task.
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

    /** Tasks per thread when a range is split: more balance against stragglers, more hand-offs. */
    private static final int TASKS_PER_THREAD = 4;

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
     * Runs {@code body} over {@code [0, n)}, split into tasks of at least {@code grain} indices
     * that up to {@link #getNumThreads()} threads share (grain &lt;= 0: any split is fine).
     */
    public static void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) return;
        int threads = numThreads;
        int most = grain <= 1 ? n : n / grain;  // the most tasks of at least grain indices
        if (threads == 1 || most <= 1 || IN_WORKER.get()) {
            body.run(0, n);
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
            int helpers = Math.min(threads, most) - 1;
            // A multiple of the thread count, so equal-speed threads finish together.
            int tasks = most < threads ? most : threads * Math.min(TASKS_PER_THREAD, most / threads);
            p.run(new Job(n, tasks, body, Thread.currentThread()), helpers);
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

    /** One split range: tasks are claimed from {@code next}; the caller waits until all are {@code done}. */
    private static final class Job {
        final int n, tasks;
        final RangeBody body;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int n, int tasks, RangeBody body, Thread caller) {
            this.n = n;
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
        }

        /** Claims and runs tasks until none is left. */
        void work() {
            for (int t; (t = next.getAndIncrement()) < tasks; ) {
                try {
                    body.run((int) ((long) n * t / tasks), (int) ((long) n * (t + 1) / tasks));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (done.incrementAndGet() == tasks) LockSupport.unpark(caller);
                }
            }
        }

        void await() {
            for (int spins = 0; done.get() < tasks; spins++) {
                if (spins < 20_000) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error err) throw err;
        }
    }

    /** Fixed worker threads that join the caller's jobs. */
    private static final class Pool {
        private final Worker[] workers;
        final ReentrantLock lock = new ReentrantLock();

        Pool(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker("jgrad-worker-" + i);
                workers[i].start();
            }
        }

        void run(Job job, int helpers) {
            for (int i = 0; i < Math.min(helpers, workers.length); i++) workers[i].submit(job);
            boolean was = IN_WORKER.get();
            IN_WORKER.set(true);
            try {
                job.work();
            } finally {
                IN_WORKER.set(was);
            }
            job.await();
        }

        void shutdown() {
            for (Worker w : workers) w.submit(STOP);
        }
    }

    private static final Job STOP = new Job(0, 0, (s, e) -> {}, null);

    private static final class Worker extends Thread {
        /**
         * How long an idle worker spins before parking. Ops come in quick succession, but a training
         * step has serial stretches (autograd bookkeeping, small ops) longer than 0.1 ms; waking a
         * parked worker on a VM costs tens of microseconds per op (mlp step on 2 threads: ~540 us
         * with 0.1 ms of spinning, ~340 us with 2 ms). libgomp spins far longer by default.
         */
        private static final long SPIN_NANOS = 2_000_000;
        private final AtomicReference<Job> job = new AtomicReference<>();

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void submit(Job j) {
            job.set(j);
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            IN_WORKER.set(true);
            while (true) {
                Job j = job.get();
                if (j == null) {
                    long start = System.nanoTime();
                    for (int i = 1; job.get() == null; i++) {
                        Thread.onSpinWait();
                        if ((i & 63) == 0 && System.nanoTime() - start > SPIN_NANOS) {
                            LockSupport.park(this);
                            start = System.nanoTime();
                        }
                    }
                    continue;
                }
                if (j == STOP) return;
                // Clear only this job: the caller may already have finished it and posted the next.
                job.compareAndSet(j, null);
                j.work();
            }
        }
    }
}
