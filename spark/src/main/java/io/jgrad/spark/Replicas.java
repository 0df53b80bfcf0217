package io.jgrad.spark;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Module;
import io.jgrad.optim.Optimizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Model replicas kept in an executor JVM between steps, so a task does not rebuild (and
 * re-initialise) the model every step. Each concurrently running task borrows its own replica
 * and returns it afterwards; the replica's weights are overwritten from the broadcast before use,
 * so what a previous task left in it (even a failed one) does not matter.
 *
 * <p>Pools are per training run; only the most recent few runs are kept, so a long-lived executor
 * running many trainings does not accumulate models.
 */
final class Replicas {
    private static final int RUNS_KEPT = 4;
    private static final Map<String, Deque<Replica>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Replica>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    private Replicas() {}

    /** A model, its flat view and (built on first use) its own optimizer. */
    static final class Replica {
        final Module model;
        final ModelVector vector;
        private Optimizer optimizer;

        private Replica(Module model) {
            this.model = model;
            this.vector = ModelVector.of(model);
        }

        /** This replica's optimizer, built by {@code factory} the first time. */
        Optimizer optimizer(OptimizerFactory factory) {
            if (optimizer == null) optimizer = factory.apply(vector.parameters());
            return optimizer;
        }

        /** Runs the model on the batch's inputs in training mode and scores it; the result is a scalar to call backward on. */
        Tensor loss(Shard.Batch batch, LossFunction lossFunction) {
            model.train();
            Tensor loss = lossFunction.apply(model.forward(batch.inputs()), batch.targets());
            if (loss == null || loss.numel() != 1 || !loss.isFloatingPoint())
                throw new IllegalArgumentException("SparkTrainer: the loss function must return a floating-point scalar (the batch mean), got "
                        + (loss == null ? "null" : loss.dtype() + " " + Shape.str(loss.shape())));
            return loss;
        }
    }

    /** Runs {@code body} with a replica of run {@code runId} borrowed for the duration. */
    static <R> R using(String runId, ModelFactory factory, Function<Replica, R> body) {
        Replica replica = borrow(runId, factory);
        try {
            return body.apply(replica);
        } finally {
            release(runId, replica);
        }
    }

    /** A replica for run {@code runId}: a pooled one, or a new one from {@code factory}. */
    private static Replica borrow(String runId, ModelFactory factory) {
        Replica r;
        synchronized (POOLS) {
            r = POOLS.computeIfAbsent(runId, k -> new ArrayDeque<>()).pollFirst();
        }
        return r != null ? r : new Replica(factory.get());
    }

    /** Gives a replica back to run {@code runId}'s pool. */
    private static void release(String runId, Replica replica) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(runId, k -> new ArrayDeque<>()).addFirst(replica);
        }
    }
}
