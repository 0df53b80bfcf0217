package io.jgrad.spark;

import java.io.Serializable;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One training mode's step as Spark work. Every step broadcasts one input (the weights and
 * whatever the mode needs, destroyed afterwards), runs a task on every cached shard and sums
 * their results with {@code treeAggregate}, starting from an empty sum; the mode then updates the
 * driver's model from the sum.
 */
abstract class StepRunner {
    /** The executor side of a step: one shard's contribution. */
    interface ShardTask extends Serializable {
        PartialSum compute(Shard shard);
    }

    /** A step's summed contributions and the time its broadcast took (driver side plus slowest fetch). */
    record Summed(PartialSum sum, long broadcastNanos) {}

    /** The steps that make up one pass over the data. */
    abstract long stepsPerEpoch();

    /** Runs step number {@code step} (0-based) and updates the driver's model and optimizer. */
    abstract StepStats step(long step, long epoch);

    /** The sampling generator's state to checkpoint so that a resumed run continues at {@code nextStep}. */
    abstract long[] rngState(long nextStep);

    /** Continues sampling from a state {@link #rngState} returned for {@code nextStep}. */
    abstract void restoreRng(long[] state, long nextStep);

    /** Broadcasts {@code input}, sums the tasks {@code taskFor} makes over every shard, then destroys the broadcast. */
    static <I> Summed sumOverShards(JavaSparkContext sc, JavaRDD<Shard> shards, I input, Function<Broadcast<I>, ShardTask> taskFor) {
        long start = System.nanoTime();
        Broadcast<I> broadcast = sc.broadcast(input);
        long created = System.nanoTime() - start;
        try {
            ShardTask task = taskFor.apply(broadcast);
            PartialSum sum = shards.treeAggregate(PartialSum.empty(), (acc, shard) -> acc.plus(task.compute(shard)), PartialSum::merge);
            return new Summed(sum, created + sum.maxFetchNanos());
        } finally {
            broadcast.destroy();
        }
    }

    /** Reads a task's broadcast input and returns it with the time that took (the fetch, on first use in a JVM). */
    static <I> Fetched<I> fetch(Broadcast<I> broadcast) {
        long start = System.nanoTime();
        I value = broadcast.value();
        return new Fetched<>(value, System.nanoTime() - start);
    }

    /** A broadcast value and how long reading it took. */
    record Fetched<I>(I value, long nanos) {}
}
