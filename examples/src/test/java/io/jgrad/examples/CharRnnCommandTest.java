package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code char-rnn} with a tiny model: losses per epoch, a sample, and bad texts. */
class CharRnnCommandTest {
    @TempDir
    Path tmp;

    @Test
    void trainsOnTheBundledTextAndSamples() {
        Cli.Result r = Cli.run("char-rnn", "--limit", "4000", "--epochs", "2", "--hidden", "16", "--embedding", "8", "--seq-length", "16",
                "--sample-length", "80", "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("text: 200 KB of Shakespeare's plays (bundled): 4,000 characters")
                .containsPattern("epoch 1/2: train loss \\d\\.\\d{4} \\(\\d\\.\\d{3} bits/char\\) \\| validation loss \\d\\.\\d{4}")
                .contains("epoch 2/2").contains("--- sample (temperature 0.8, prompt \"First Citizen:\\n\") ---");
        String sample = r.out().substring(r.out().indexOf("---\n") + 4);
        assertThat(sample).startsWith("First Citizen:\n");
        assertThat(sample.strip().codePointCount(0, sample.strip().length())).isGreaterThanOrEqualTo(60);
        assertThat(tmp.resolve("loss.png")).exists();
    }

    @Test
    void learnsAUserText() throws IOException {
        Path text = Files.writeString(tmp.resolve("abc.txt"), "abcabcabcabd ".repeat(200));
        Cli.Result r = Cli.run("char-rnn", "--text", text.toString(), "--epochs", "1", "--hidden", "8", "--embedding", "4", "--seq-length", "12",
                "--prompt", "ab", "--temperature", "0.5", "--sample-length", "20", "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2,600 characters, 5 distinct").contains("prompt \"ab\"");
    }

    @Test
    void promptWithUnknownCharactersIsAClearError() throws IOException {
        Path text = Files.writeString(tmp.resolve("abc.txt"), "abcabc ".repeat(100));
        Cli.Result r = Cli.run("char-rnn", "--text", text.toString(), "--epochs", "1", "--hidden", "4", "--seq-length", "8", "--prompt", "xyz",
                "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("'x'").contains("does not occur in the training text");
    }

    @Test
    void textThatIsNotUtf8IsAClearError() throws IOException {
        Path text = Files.write(tmp.resolve("binary.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41, (byte) 0xc3});
        Cli.Result r = Cli.run("char-rnn", "--text", text.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("binary.txt: not UTF-8 text");
    }

    @Test
    void tooShortTextIsAClearError() throws IOException {
        Path text = Files.writeString(tmp.resolve("short.txt"), "to be or not to be");
        Cli.Result r = Cli.run("char-rnn", "--text", text.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("too short for --seq-length 64");
    }
}
