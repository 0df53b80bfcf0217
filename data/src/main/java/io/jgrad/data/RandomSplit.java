package io.jgrad.data;

import io.jgrad.core.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a dataset into non-overlapping random subsets (PyTorch's
 * {@code torch.utils.data.random_split}): one random permutation of all indices, cut into
 * consecutive pieces of the requested lengths. The same generator state gives the same split.
 *
 * <pre>{@code
 * List<TensorDataset> parts = RandomSplit.split(data, new double[] {0.9, 0.1}, new Generator(0));
 * TensorDataset train = parts.get(0), validation = parts.get(1);
 * }</pre>
 *
 * Splitting a {@link TensorDataset} gives TensorDatasets over the same tensors (no copy), which
 * keep its fast batching.
 */
public final class RandomSplit {
    private RandomSplit() {}

    /** Splits into subsets of exactly {@code lengths} samples; the lengths must add up to the dataset size. */
    public static <T> List<Dataset<T>> split(Dataset<T> dataset, int[] lengths, Generator generator) {
        return cut(dataset.size(), lengths, generator, dataset::subset);
    }

    /** As {@link #split(Dataset, int[], Generator)}, keeping the tensor dataset type. */
    public static List<TensorDataset> split(TensorDataset dataset, int[] lengths, Generator generator) {
        return cut(dataset.size(), lengths, generator, dataset::subset);
    }

    /** Splits by fractions that add up to 1 (see {@link #lengths(int, double[])} for the rounding). */
    public static <T> List<Dataset<T>> split(Dataset<T> dataset, double[] fractions, Generator generator) {
        return split(dataset, lengths(dataset.size(), fractions), generator);
    }

    /** As {@link #split(Dataset, double[], Generator)}, keeping the tensor dataset type. */
    public static List<TensorDataset> split(TensorDataset dataset, double[] fractions, Generator generator) {
        return split(dataset, lengths(dataset.size(), fractions), generator);
    }

    /**
     * The subset lengths for {@code fractions} of {@code n} samples, as PyTorch computes them:
     * {@code floor(n * fraction)} each, then the remainder handed out one by one, round-robin from
     * the first subset. E.g. 10 samples at {@code [0.35, 0.35, 0.3]} give {@code [4, 3, 3]}.
     */
    public static int[] lengths(int n, double[] fractions) {
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1))
                throw new IllegalArgumentException("random_split: fraction " + f + " is not between 0 and 1 (fractions " + Arrays.toString(fractions) + ")");
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-9)
            throw new IllegalArgumentException("random_split: fractions must add up to 1, got " + Arrays.toString(fractions) + " (sum " + sum + ")");
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; i < n - assigned; i++) lengths[i % lengths.length]++;
        return lengths;
    }

    private static <D> List<D> cut(int n, int[] lengths, Generator generator, Function<int[], D> subset) {
        long total = 0;
        for (int len : lengths) {
            if (len < 0) throw new IllegalArgumentException("random_split: lengths must be non-negative, got " + Arrays.toString(lengths));
            total += len;
        }
        if (total != n)
            throw new IllegalArgumentException("random_split: lengths " + Arrays.toString(lengths) + " add up to " + total + ", but the dataset has " + n + " samples");
        int[] order = Permutations.random(generator, n);
        List<D> parts = new ArrayList<>(lengths.length);
        int offset = 0;
        for (int len : lengths) {
            parts.add(subset.apply(Arrays.copyOfRange(order, offset, offset + len)));
            offset += len;
        }
        return parts;
    }
}
