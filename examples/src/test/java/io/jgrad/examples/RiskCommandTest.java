package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code risk} on small synthetic data and on CSV files. */
class RiskCommandTest {
    @TempDir
    Path tmp;

    @Test
    void comparesMlpWithLogisticRegressionOnSyntheticData() {
        Cli.Result r = Cli.run("risk", "--rows", "2000", "--epochs", "3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("data: synthetic credit-default data (2000 borrowers)").contains("positive class '1'")
                .containsPattern("pos_weight = negatives / positives = \\d+\\.\\d\\d")
                .containsPattern("logistic regression: 0\\.\\d{4}").containsPattern("MLP: +0\\.\\d{4}");
    }

    @Test
    void readsACsvWithANamedTarget() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 400; i++) {
            double a = random.nextGaussian(), b = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(a * a + b > 1.5 ? "bad" : "good").append('\n');
        }
        Path file = Files.writeString(tmp.resolve("loans.csv"), csv);
        Cli.Result r = Cli.run("risk", "--csv", file.toString(), "--target", "label", "--epochs", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("400 rows, 2 features (x1, x2); target 'label', positive class 'good'").contains("test ROC AUC (80 rows)");
    }

    @Test
    void targetWithMoreThanTwoValuesIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("three.csv"), "x,y\n1,a\n2,b\n3,c\n4,a\n");
        Cli.Result r = Cli.run("risk", "--csv", file.toString(), "--target", "y");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("target column 'y' has 3 distinct values [a, b, c]; risk needs exactly two");
    }

    @Test
    void missingTargetColumnIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("t.csv"), "x,y\n1,0\n2,1\n");
        Cli.Result r = Cli.run("risk", "--csv", file.toString(), "--target", "default");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("t.csv").contains("default");
    }
}
