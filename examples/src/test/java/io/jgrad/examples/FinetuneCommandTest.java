package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code finetune} with tiny settings: both ways to get a backbone, the comparison, and the frozen-weights check. */
class FinetuneCommandTest {
    @TempDir
    Path tmp;

    @Test
    void pretrainsFinetunesAndKeepsFrozenWeights() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Cli.Result r = Cli.run("finetune", "--data", data.toString(), "--limit", "600", "--shots", "4", "--epochs", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("pretraining fashion-cnn on classes 0-4").containsPattern("pretrain epoch 1/1: train loss \\d")
                .contains("4 labelled images per class (20 in all)")
                .contains("frozen: 0 (Conv2d), 3 (Conv2d); trainable: 7 (Linear), 9 (Linear)")
                .containsPattern("fine-tuned, frozen pretrained backbone: 0\\.\\d{4}")
                .containsPattern("trained from scratch on the same 20 images: 0\\.\\d{4}")
                .containsPattern("0\\.weight +frozen +288 values +unchanged")
                .containsPattern("3\\.weight +frozen +18,432 values +unchanged")
                .containsPattern("9\\.weight +trained +640 values +0\\.\\d+")
                .contains("frozen weights are bit-for-bit unchanged");
    }

    @Test
    void startsFromPretrainedWeights() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Cli.Result r = Cli.run("finetune", "--data", data.toString(), "--limit", "600", "--weights", Cli.resource("pretrained/fashion-cnn.pt", tmp).toString(),
                "--shots", "4", "--epochs", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("pretrained backbone:").doesNotContain("pretraining").contains("frozen weights are bit-for-bit unchanged");
    }

    @Test
    void tooFewImagesOfAClassIsAClearError() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Cli.Result r = Cli.run("finetune", "--data", data.toString(), "--limit", "100", "--shots", "50", "--epochs", "1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("finetune: error: class").contains("50 requested");
    }
}
