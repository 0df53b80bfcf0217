package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code evaluate} reproduces PyTorch on the PyTorch-trained fashion-cnn: the accuracy and every
 * prediction on the bundled test subset, as computed by examples/tools/pretrained_subset_expected.py
 * with PyTorch 1.13 (test resources pretrained/subset-expected.json and subset-predictions.csv).
 */
class EvaluateCommandTest {
    /** subset-expected.json: 888 of the 1,000 bundled test images right. */
    static final String EXPECTED_ACCURACY = "test accuracy: 0.8880";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pretrained/fashion-cnn.pt", "pretrained/fashion-cnn.safetensors"})
    void reproducesPyTorchOnTheBundledTestSubset(String weights) throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Path predictions = tmp.resolve("out/predictions.csv");
        Cli.Result r = Cli.run("evaluate", "--weights", Cli.resource(weights, tmp).toString(), "--data", data.toString(),
                "--predictions", predictions.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("1,000 test images").contains(EXPECTED_ACCURACY);
        assertThat(expectedJson()).contains("\"correct\": 888").contains("\"images\": 1000");

        List<String> ours = Files.readAllLines(predictions), torch = Files.readAllLines(Cli.resource("pretrained/subset-predictions.csv", Files.createDirectories(tmp.resolve("ref"))));
        assertThat(ours).hasSameSizeAs(torch);
        assertThat(ours.get(0)).isEqualTo("index,label,prediction,margin");
        for (int i = 1; i < ours.size(); i++) {
            String[] a = ours.get(i).split(","), b = torch.get(i).split(",");
            assertThat(a[0] + "," + a[1] + "," + a[2]).as("image %d", i - 1).isEqualTo(b[0] + "," + b[1] + "," + b[2]);
            assertThat(Double.parseDouble(a[3])).as("margin of image %d", i - 1).isCloseTo(Double.parseDouble(b[3]), org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void acceptsATrainingCheckpoint() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Path run = tmp.resolve("run");
        assertThat(Cli.run("train", "--data", data.toString(), "--limit", "64", "--epochs", "1", "--out", run.toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("evaluate", "--weights", run.resolve("checkpoint.safetensors").toString(), "--data", data.toString(), "--limit", "100");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("100 test images").containsPattern("test accuracy: 0\\.\\d{4}");
    }

    @Test
    void dataBundledPicksTheBundledSubset() throws IOException {
        Cli.Result r = Cli.run("evaluate", "--weights", Cli.resource("pretrained/fashion-cnn.safetensors", tmp).toString(), "--data", "bundled");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("data: the bundled Fashion-MNIST subset (--data bundled): 1,000 test images").contains(EXPECTED_ACCURACY);
    }

    @Test
    void missingWeightsFileIsAClearError() {
        Cli.Result r = Cli.run("evaluate", "--weights", tmp.resolve("missing.pt").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("evaluate: error: cannot read").contains("missing.pt");
    }

    @Test
    void fileThatIsNoCheckpointIsAClearError() throws IOException {
        Path junk = Files.writeString(tmp.resolve("notes.safetensors"), "these are not weights");
        Cli.Result r = Cli.run("evaluate", "--weights", junk.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("evaluate: error:").contains("notes.safetensors").doesNotContain("\tat ");
    }

    @Test
    void weightsOfAnotherModelAreAClearError() throws IOException {
        Path data = Cli.bundledFashion(Files.createDirectories(tmp.resolve("data")));
        Path other = tmp.resolve("other.safetensors");
        io.jgrad.io.SafeTensors.save(other, java.util.Map.of("fc.weight", io.jgrad.core.Tensor.zeros(2, 2)));
        Cli.Result r = Cli.run("evaluate", "--weights", other.toString(), "--data", data.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Missing key(s)").contains("0.weight").contains("Unexpected key(s)").contains("fc.weight");
    }

    private static String expectedJson() throws IOException {
        try (var in = EvaluateCommandTest.class.getClassLoader().getResourceAsStream("pretrained/subset-expected.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
