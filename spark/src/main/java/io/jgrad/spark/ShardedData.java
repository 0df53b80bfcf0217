package io.jgrad.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * The training set as one cached {@link Shard} per partition, plus where each partition starts in
 * the global sample order (the RDD's order, as {@code zipWithIndex} numbers it). Global indices are
 * what makes sampling independent of the partitioning: the driver draws a batch of global
 * indices and each shard trains on the ones that fall in its range.
 */
final class ShardedData implements AutoCloseable {
    private final JavaRDD<Shard> shards;
    private final int[] starts;
    private final int total;

    private ShardedData(JavaRDD<Shard> shards, int[] starts, int total) {
        this.shards = shards;
        this.starts = starts;
        this.total = total;
    }

    /**
     * Converts every partition of {@code samples} to a shard, persists the shards (memory, then
     * disk) and counts them; this runs one Spark job.
     */
    static ShardedData cache(JavaRDD<Sample> samples, SampleFormat format) {
        JavaRDD<Shard> shards = samples
                .mapPartitionsWithIndex((partition, it) -> List.of(Shard.of(partition, it, format)).iterator(), true)
                .setName("jgrad shards " + format)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int partitions = shards.getNumPartitions();
        int[] sizes = new int[partitions];
        for (int[] ps : shards.map(s -> new int[] {s.partition(), s.size()}).collect()) sizes[ps[0]] = ps[1];
        long total = 0;
        for (int size : sizes) total += size;
        if (total == 0) {
            shards.unpersist(false);
            throw new IllegalArgumentException("SparkTrainer: the training data is empty (" + partitions + " partitions, no samples)");
        }
        if (total > Integer.MAX_VALUE) {
            shards.unpersist(false);
            throw new IllegalArgumentException("SparkTrainer: " + total + " samples; at most " + Integer.MAX_VALUE + " are supported");
        }
        int[] starts = new int[partitions];
        for (int p = 1; p < partitions; p++) starts[p] = starts[p - 1] + sizes[p - 1];
        return new ShardedData(shards, starts, (int) total);
    }

    /** The cached shards, one per partition. */
    JavaRDD<Shard> shards() {
        return shards;
    }

    /** The global index of each partition's first sample. */
    int[] starts() {
        return starts.clone();
    }

    /** The number of samples in all partitions. */
    int total() {
        return total;
    }

    /** The number of partitions. */
    int partitions() {
        return starts.length;
    }

    /** Drops the cached shards from the executors. */
    @Override
    public void close() {
        shards.unpersist(false);
    }
}
