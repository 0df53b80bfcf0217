package io.jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recommend} on small synthetic data and on a CSV file. */
class RecommendCommandTest {
    @TempDir
    Path tmp;

    @Test
    void beatsMostPopularOnPlantedStructure() {
        Cli.Result r = Cli.run("recommend", "--users", "300", "--items", "120", "--epochs", "8");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("data: synthetic:").contains("300 users with 120 items").contains("300 test users")
                .containsPattern("epoch 8/8: loss \\d\\.\\d{4} \\| HR@10 0\\.\\d{4}, NDCG@10 0\\.\\d{4}");
        double popular = metric(r.out(), "most popular"), learned = metric(r.out(), "matrix factorisation");
        assertThat(learned).as(r.out()).isGreaterThan(popular);
    }

    @Test
    void readsRatingsCsvWithHeaderAndThreshold() throws IOException {
        StringBuilder csv = new StringBuilder("userId,movieId,rating\n");
        for (int u = 0; u < 30; u++)
            for (int k = 0; k < 6; k++) csv.append("u").append(u).append(",m").append((u * 7 + k * 3) % 25).append(',').append(k == 5 ? 1 : 4).append('\n');
        Path file = Files.writeString(tmp.resolve("ratings.csv"), csv);
        Cli.Result r = Cli.run("recommend", "--ratings", file.toString(), "--min-rating", "3", "--epochs", "2", "--dim", "4");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("150 interactions of 30 users").contains("(30 rows rated below 3.0 left out)").contains("30 test users")
                .contains("most popular").contains("matrix factorisation");
    }

    @Test
    void malformedCsvNamesTheLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.csv"), "user,item,rating\na,b,5\nc\n");
        Cli.Result r = Cli.run("recommend", "--ratings", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:3: expected user,item[,rating], got 'c'");
    }

    @Test
    void nonNumericRatingNamesTheLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.csv"), "a,b,5\nc,d,great\n");
        Cli.Result r = Cli.run("recommend", "--ratings", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("bad.csv:2: rating 'great' is not a number");
    }

    private static double metric(String out, String row) {
        String line = out.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(row.length()).strip().split(" +")[0]);
    }
}
