package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a whole: help, the default command, and how bad input is reported. */
class CliTest {
    static final List<String> COMMANDS = List.of("train", "evaluate", "finetune", "char-rnn", "recommend", "risk");

    @TempDir
    Path tmp;

    @Test
    void listsEveryCommandInItsHelp() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        for (String c : COMMANDS) assertThat(r.out()).contains(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "finetune", "char-rnn", "recommend", "risk"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: jgrad-examples " + command).contains("--seed").contains("--help");
    }

    @Test
    void noArgumentsRunsTrain() {
        assertThat(Main.withDefaultCommand()).containsExactly("train");
        assertThat(Main.withDefaultCommand("risk", "--epochs", "1")).containsExactly("risk", "--epochs", "1");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("fly");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").contains("fly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train --epochs 0", "train --lr -1", "train --batch-size 0", "train --model resnet", "train --epochs many",
            "train --threads 0", "evaluate", "evaluate --weights w.pt --model vgg", "finetune --shots 0", "char-rnn --temperature 0",
            "char-rnn --seq-length 1", "recommend --top 0", "recommend --weight-decay -1", "risk --test-fraction 1", "risk --csv x.csv",
            "risk --target income"})
    void badArgumentsExitWithUsageErrorAndMessage(String line) {
        Cli.Result r = Cli.run(line.split(" "));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString()).isNotBlank().contains("Usage:");
    }

    @Test
    void missingDataFolderIsAClearError() {
        Cli.Result r = Cli.run("train", "--data", tmp.resolve("nowhere").toString(), "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("train: error: cannot read").contains("nowhere").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void folderWithoutTheDataFilesIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli.Result r = Cli.run("train", "--data", empty.toString(), "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("train-images-idx3-ubyte").contains("dataset-fashion-mnist");
    }

    @Test
    void corruptDataFileIsAClearError() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Files.write(data.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Cli.Result r = Cli.run("evaluate", "--data", data.toString(), "--weights", Cli.resource("pretrained/fashion-cnn.pt", tmp).toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("evaluate: error:").contains("t10k-labels-idx1-ubyte.gz").doesNotContain("\tat ");
    }
}
