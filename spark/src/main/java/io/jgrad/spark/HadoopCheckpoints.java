package io.jgrad.spark;

import io.jgrad.core.Generator;
import io.jgrad.io.TrainingCheckpoint;
import io.jgrad.nn.Module;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.lr.LRScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Training checkpoints in a directory of any Hadoop-compatible file system ({@code hdfs://},
 * {@code s3a://}, {@code file://}, ...), one file per checkpointed step named
 * {@code step-<12 digits>.safetensors}. Each is an {@link TrainingCheckpoint} (safetensors: the
 * model's state dict, the optimizer's state, step, epoch and the sampling generator's state).
 *
 * <p>A checkpoint is written to a local temporary file, uploaded under a hidden temporary name
 * and then renamed into place, so a crash never leaves a partial file that looks like a
 * checkpoint. The newest {@code keep} checkpoints are kept; older ones are deleted after a save.
 */
public final class HadoopCheckpoints {
    private static final Pattern NAME = Pattern.compile("step-(\\d{12})\\.safetensors");

    private final Path dir;
    private final FileSystem fs;
    private final int keep;

    /** Checkpoints in {@code dir}, through {@code conf}'s file systems, keeping the newest {@code keep}. */
    public HadoopCheckpoints(String dir, Configuration conf, int keep) throws IOException {
        if (keep < 1) throw new IllegalArgumentException("HadoopCheckpoints: keep must be at least 1, got " + keep);
        this.dir = new Path(dir);
        this.fs = this.dir.getFileSystem(conf);
        this.keep = keep;
    }

    /** The directory, fully qualified. */
    public String directory() {
        return fs.makeQualified(dir).toString();
    }

    /** Writes the checkpoint of {@code step} and returns its path. {@code scheduler} may be null. */
    public String save(long step, long epoch, Module model, Optimizer optimizer, LRScheduler scheduler, long[] rngState) throws IOException {
        if (step < 0) throw new IllegalArgumentException("HadoopCheckpoints.save: step must be non-negative, got " + step);
        Generator rng = new Generator(0);
        rng.setState(rngState);
        java.nio.file.Path local = Files.createTempFile("jgrad-checkpoint-", ".safetensors");
        try {
            TrainingCheckpoint.save(local, model, optimizer, scheduler, epoch, step, rng);
            fs.mkdirs(dir);
            Path target = pathOf(step);
            Path temp = new Path(dir, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), temp);
            if (fs.exists(target)) fs.delete(target, false);
            if (!fs.rename(temp, target)) {
                fs.delete(temp, false);
                throw new IOException("HadoopCheckpoints: could not rename " + temp + " to " + target);
            }
            prune();
            return fs.makeQualified(target).toString();
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The path of the newest checkpoint, if the directory holds any. */
    public Optional<String> latest() throws IOException {
        List<Long> steps = steps();
        return steps.isEmpty() ? Optional.empty() : Optional.of(fs.makeQualified(pathOf(steps.get(steps.size() - 1))).toString());
    }

    /** Reads a checkpoint written by {@link #save}. */
    public TrainingCheckpoint load(String path) throws IOException {
        java.nio.file.Path local = Files.createTempFile("jgrad-checkpoint-", ".safetensors");
        try {
            fs.copyToLocalFile(false, new Path(path), new Path(local.toUri()), true);
            return TrainingCheckpoint.load(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The checkpointed steps, in increasing order. */
    List<Long> steps() throws IOException {
        List<Long> steps = new ArrayList<>();
        if (!fs.exists(dir)) return steps;
        for (FileStatus f : fs.listStatus(dir)) {
            Matcher m = NAME.matcher(f.getPath().getName());
            if (f.isFile() && m.matches()) steps.add(Long.parseLong(m.group(1)));
        }
        steps.sort(null);
        return steps;
    }

    private Path pathOf(long step) {
        return new Path(dir, String.format("step-%012d.safetensors", step));
    }

    private void prune() throws IOException {
        List<Long> steps = steps();
        for (int i = 0; i < steps.size() - keep; i++) fs.delete(pathOf(steps.get(i)), false);
    }
}
