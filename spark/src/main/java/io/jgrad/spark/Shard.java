package io.jgrad.spark;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One partition's samples converted to two tensors, once: features {@code (n, *featureShape)} and
 * targets. Shards are what the trainer persists on the executors, so each training step only
 * selects rows instead of decoding samples again.
 */
final class Shard implements Serializable {
    private final int partition;
    private final int size;
    private final SampleFormat format;
    private final float[] features;
    private final float[] targets; // class indices stay exact as floats up to 2^24, checked by SampleFormat
    private final long[] classes;  // the same indices as int64, null for value targets

    private Shard(int partition, SampleFormat format, float[] features, float[] targets, long[] classes, int size) {
        this.partition = partition;
        this.format = format;
        this.features = features;
        this.targets = targets;
        this.classes = classes;
        this.size = size;
    }

    /** Converts the samples of partition {@code partition}, checking each against {@code format}. */
    static Shard of(int partition, Iterator<Sample> samples, SampleFormat format) {
        List<Sample> rows = new ArrayList<>();
        while (samples.hasNext()) {
            Sample s = samples.next();
            format.check(s, "SparkTrainer: sample " + rows.size() + " of partition " + partition);
            rows.add(s);
        }
        int n = rows.size(), fs = format.featureSize(), ts = format.targetSize();
        float[] features = new float[Math.multiplyExact(n, fs)];
        float[] targets = new float[Math.multiplyExact(n, ts)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i).features(), 0, features, i * fs, fs);
            System.arraycopy(rows.get(i).target(), 0, targets, i * ts, ts);
        }
        long[] classes = null;
        if (format.classIndex()) {
            classes = new long[n];
            for (int i = 0; i < n; i++) classes[i] = (long) targets[i];
        }
        return new Shard(partition, format, features, format.classIndex() ? null : targets, classes, n);
    }

    /** The index of the RDD partition these samples came from. */
    int partition() {
        return partition;
    }

    /** The number of samples. */
    int size() {
        return size;
    }

    /** All features, {@code (size, *featureShape)}, sharing this shard's memory. */
    Tensor features() {
        return Tensor.of(Storage.of(features), Layout.contiguous(format.featureBatchShape(size)));
    }

    /** All targets: int64 {@code (size)} class indices or float32 {@code (size, *targetShape)}. */
    Tensor targets() {
        Storage storage = classes != null ? Storage.of(classes) : Storage.of(targets);
        return Tensor.of(storage, Layout.contiguous(format.targetBatchShape(size)));
    }

    /** Features and targets of the given rows (local indices), copied into a new batch. */
    Batch rows(int[] rows) {
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size)
                throw new IllegalArgumentException("Shard " + partition + ": row " + rows[i] + " is outside [0, " + size + ")");
            idx[i] = rows[i];
        }
        Tensor index = Tensor.of(idx);
        return new Batch(features().indexSelect(0, index), targets().indexSelect(0, index));
    }

    /** A model input and the targets its output is scored against. */
    record Batch(Tensor inputs, Tensor targets) {}
}
