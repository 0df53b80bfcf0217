package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomSplitTest {
    private final TensorDataset data = new TensorDataset(Tensor.arange(100));

    private static List<Long> ids(TensorDataset d) {
        List<Long> ids = new ArrayList<>();
        for (long v : d.batch(range(d.size())).getFirst().toLongArray()) ids.add(v);
        return ids;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    @Test
    void splitsIntoDisjointSubsetsCoveringEverything() {
        List<TensorDataset> parts = RandomSplit.split(data, new int[] {70, 20, 10}, new Generator(3));
        assertThat(parts).extracting(TensorDataset::size).containsExactly(70, 20, 10);
        List<Long> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(ids(p)));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(data));
        assertThat(ids(parts.getFirst())).isNotEqualTo(ids(data).subList(0, 70));   // shuffled
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Long> a = ids(RandomSplit.split(data, new int[] {50, 50}, new Generator(7)).getFirst());
        List<Long> b = ids(RandomSplit.split(data, new int[] {50, 50}, new Generator(7)).getFirst());
        List<Long> c = ids(RandomSplit.split(data, new int[] {50, 50}, new Generator(8)).getFirst());
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void fractionsRoundLikePyTorch() {
        assertThat(RandomSplit.lengths(10, new double[] {0.35, 0.35, 0.3})).containsExactly(4, 3, 3);
        assertThat(RandomSplit.lengths(7, new double[] {0.5, 0.5})).containsExactly(4, 3);
        assertThat(RandomSplit.lengths(100, new double[] {0.8, 0.1, 0.1})).containsExactly(80, 10, 10);
        assertThat(RandomSplit.split(data, new double[] {0.9, 0.1}, new Generator(0))).extracting(TensorDataset::size).containsExactly(90, 10);
    }

    @Test
    void genericDatasetsSplitIntoSubsets() {
        Dataset<String> letters = new TensorDatasetTest.Letters("abcdef");
        List<Dataset<String>> parts = RandomSplit.split(letters, new double[] {0.5, 0.5}, new Generator(1));
        List<String> seen = new ArrayList<>();
        for (Dataset<String> p : parts) for (int i = 0; i < p.size(); i++) seen.add(p.get(i));
        assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
    }

    @Test
    void errors() {
        Generator g = new Generator(0);
        assertThatThrownBy(() -> RandomSplit.split(data, new int[] {50, 40}, g))
                .hasMessage("random_split: lengths [50, 40] add up to 90, but the dataset has 100 samples");
        assertThatThrownBy(() -> RandomSplit.split(data, new int[] {110, -10}, g)).hasMessageContaining("must be non-negative");
        assertThatThrownBy(() -> RandomSplit.split(data, new double[] {0.5, 0.6}, g)).hasMessageContaining("fractions must add up to 1, got [0.5, 0.6]");
        assertThatThrownBy(() -> RandomSplit.split(data, new double[] {1.5, -0.5}, g)).hasMessageContaining("fraction 1.5 is not between 0 and 1");
    }
}
