package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Tensor;
import io.jgrad.examples.training.RunRecord;
import io.jgrad.io.TrainingCheckpoint;
import io.jgrad.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} on a slice of the bundled subset: what it prints and the files it writes. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainsReportsAndWritesCheckpointModelAndCharts() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--epochs", "1", "--limit", "256", "--out", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("data: Fashion-MNIST from " + data + ": 256 training, 256 test images")
                .contains("model fashion-cnn: 421,642 parameters")
                .containsPattern("epoch 1/1: train loss \\d\\.\\d{4}, train accuracy 0\\.\\d{4} \\| test loss \\d\\.\\d{4}, test accuracy 0\\.\\d{4}")
                .contains("samples/s")
                .contains("9 Ankle boot").contains("recall");

        Map<String, Tensor> model = SafeTensors.load(out.resolve("model.safetensors"));
        assertThat(model.keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias");
        assertThat(model.get("7.weight").shape()).containsExactly(128, 3136);
        TrainingCheckpoint ckpt = TrainingCheckpoint.load(out.resolve("checkpoint.safetensors"));
        assertThat(ckpt.epoch()).isEqualTo(1);
        assertThat(ckpt.step()).isEqualTo(4); // 256 images in batches of 64
        assertThat(ckpt.tensors()).containsKeys("model.0.weight", "model.9.bias", "optim.0.step", "optim.0.exp_avg", "optim.7.exp_avg_sq");
        assertThat(ckpt.metadata()).containsKeys("rng", "optim.param_groups");
        RunRecord run = RunRecord.load(out.resolve("run.json"));
        assertThat(run.config()).containsEntry("batch_size", 64L).containsEntry("train_images", 256L);
        assertThat(run.history().epochs()).hasSize(1);
        for (String chart : new String[] {"loss.png", "accuracy.png"}) {
            byte[] png = Files.readAllBytes(out.resolve(chart));
            assertThat(png).hasSizeGreaterThan(1000).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void resumingAFinishedRunDoesNothing() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        String[] common = {"--data", data.toString(), "--limit", "64", "--out", tmp.resolve("run").toString()};
        assertThat(Cli.run(concat(new String[] {"train", "--epochs", "1"}, common)).exitCode()).isZero();
        Cli.Result again = Cli.run(concat(new String[] {"train", "--epochs", "1", "--resume"}, common));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to do: the checkpoint has 1 epochs, --epochs is 1");
    }

    @Test
    void refusesToResumeWithOtherSettings() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        String out = tmp.resolve("run").toString();
        assertThat(Cli.run("train", "--data", data.toString(), "--limit", "64", "--epochs", "1", "--out", out).exitCode()).isZero();
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "64", "--epochs", "2", "--batch-size", "32", "--out", out, "--resume");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("cannot resume").contains("batch_size: checkpoint 64, this run 32");
    }

    @Test
    void resumeWithoutCheckpointIsAClearError() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "64", "--out", tmp.resolve("none").toString(), "--resume");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read").contains("checkpoint.safetensors");
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
