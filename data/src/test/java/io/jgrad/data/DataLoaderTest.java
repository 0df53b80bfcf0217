package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.transforms.Compose;
import io.jgrad.data.transforms.RandomCrop;
import io.jgrad.data.transforms.RandomHorizontalFlip;
import io.jgrad.data.transforms.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLoaderTest {
    /** Sample i is (x = [i, -i], y = i). */
    private static TensorDataset data(int n) {
        Tensor ids = Tensor.arange(n);
        Tensor x = Tensor.stack(List.of(ids, ids.neg()), 1).to(DType.FLOAT32);
        return new TensorDataset(x, ids);
    }

    /** The sample ids of every batch of one epoch. */
    private static List<List<Long>> epoch(Iterable<List<Tensor>> loader) {
        List<List<Long>> batches = new ArrayList<>();
        for (List<Tensor> b : loader) {
            List<Long> ids = new ArrayList<>();
            for (long id : b.get(1).toLongArray()) ids.add(id);
            // x and y stay paired through shuffling and gathering
            float[] x = b.get(0).toFloatArray();
            for (int i = 0; i < ids.size(); i++) assertThat(x[2 * i]).isEqualTo((float) ids.get(i));
            batches.add(ids);
        }
        return batches;
    }

    private static DataLoader<List<Tensor>> shuffled(int n, int batch, long seed, int prefetch) {
        return DataLoader.builder(data(n)).batchSize(batch).shuffle(new Generator(seed)).prefetch(prefetch).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void sameSeedGivesTheSameBatchesEveryEpoch(int prefetch) {
        DataLoader<List<Tensor>> a = shuffled(50, 8, 42, prefetch), b = shuffled(50, 8, 42, prefetch);
        List<List<Long>> a1 = epoch(a), a2 = epoch(a);
        assertThat(epoch(b)).isEqualTo(a1);
        assertThat(epoch(b)).isEqualTo(a2);
        assertThat(a2).isNotEqualTo(a1);   // each epoch reshuffles
    }

    @Test
    void prefetchDoesNotChangeTheOrder() {
        assertThat(epoch(shuffled(37, 5, 9, 0))).isEqualTo(epoch(shuffled(37, 5, 9, 2)));
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        assertThat(epoch(shuffled(50, 8, 1, 2))).isNotEqualTo(epoch(shuffled(50, 8, 2, 2)));
    }

    @Test
    void everyIndexExactlyOncePerEpoch() {
        DataLoader<List<Tensor>> loader = shuffled(103, 10, 5, 2);
        for (int e = 0; e < 3; e++) {
            List<Long> seen = epoch(loader).stream().flatMap(List::stream).sorted().toList();
            assertThat(seen).hasSize(103).doesNotHaveDuplicates().first().isEqualTo(0L);
            assertThat(seen.getLast()).isEqualTo(102L);
        }
    }

    @Test
    void withoutShuffleBatchesFollowTheDatasetOrder() {
        DataLoader<List<Tensor>> loader = DataLoader.builder(data(7)).batchSize(3).build();
        assertThat(epoch(loader)).containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(6L));
    }

    @Test
    void lastBatchKeptOrDropped() {
        DataLoader<List<Tensor>> keep = DataLoader.builder(data(23)).batchSize(5).build();
        DataLoader<List<Tensor>> drop = DataLoader.builder(data(23)).batchSize(5).dropLast(true).build();
        assertThat(keep.numBatches()).isEqualTo(5);
        assertThat(epoch(keep)).extracting(List::size).containsExactly(5, 5, 5, 5, 3);
        assertThat(drop.numBatches()).isEqualTo(4);
        assertThat(epoch(drop)).extracting(List::size).containsExactly(5, 5, 5, 5);
        DataLoader<List<Tensor>> exact = DataLoader.builder(data(20)).batchSize(5).dropLast(true).build();
        assertThat(epoch(exact)).extracting(List::size).containsExactly(5, 5, 5, 5);
        DataLoader<List<Tensor>> tooFew = DataLoader.builder(data(3)).batchSize(5).dropLast(true).build();
        assertThat(epoch(tooFew)).isEmpty();
        assertThat(epoch(DataLoader.builder(data(0)).batchSize(5).build())).isEmpty();
    }

    @Test
    void anyDatasetWithACollateFunction() {
        TensorDataset tensors = data(10);
        Dataset<List<Tensor>> generic = tensors.subset(new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
        Dataset<List<Tensor>> asPlainDataset = new Dataset<>() {
            public int size() { return generic.size(); }
            public List<Tensor> get(int i) { return generic.get(i); }
        };
        DataLoader<List<Tensor>> loader = DataLoader.builder(asPlainDataset, Collate::stackFields).batchSize(4).build();
        assertThat(epoch(loader)).containsExactly(List.of(9L, 8L, 7L, 6L), List.of(5L, 4L, 3L, 2L), List.of(1L, 0L));
        Dataset<String> letters = new TensorDatasetTest.Letters("abcde");
        DataLoader<String> joined = DataLoader.builder(letters, (List<String> s) -> String.join("", s)).batchSize(2).build();
        List<String> out = new ArrayList<>();
        joined.forEach(out::add);
        assertThat(out).containsExactly("ab", "cd", "e");
    }

    @Test
    void mapRunsOnEveryBatch() {
        DataLoader<Integer> sizes = DataLoader.builder(data(10)).batchSize(4).map(b -> b.get(0).size(0)).build();
        List<Integer> out = new ArrayList<>();
        sizes.forEach(out::add);
        assertThat(out).containsExactly(4, 4, 2);
    }

    @Test
    void augmentationOnThePrefetchThreadIsReproducible() {
        Tensor images = Tensor.rand(new Generator(0), 40, 1, 6, 6);
        TensorDataset d = new TensorDataset(images, Tensor.arange(40));
        List<List<Tensor>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Transform augment = new Compose(new RandomCrop(6, 6, 1, new Generator(1)), new RandomHorizontalFlip(0.5, new Generator(2)));
            DataLoader<Tensor> loader = DataLoader.builder(d).batchSize(16).shuffle(new Generator(3)).prefetch(2)
                    .map(b -> augment.apply(b.getFirst())).build();
            List<Tensor> batches = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) loader.forEach(batches::add);
            runs.add(batches);
        }
        assertThat(runs.get(0)).hasSize(6);
        for (int i = 0; i < 6; i++) assertThat(runs.get(0).get(i).equal(runs.get(1).get(i))).isTrue();
    }

    @Test
    void rawBatchFunction() {
        DataLoader<String> loader = DataLoader.builder(5, Arrays::toString).batchSize(2).build();
        List<String> out = new ArrayList<>();
        loader.forEach(out::add);
        assertThat(out).containsExactly("[0, 1]", "[2, 3]", "[4]");
        assertThat(loader.datasetSize()).isEqualTo(5);
    }

    @Test
    void collateStackErrorsNameTheShapes() {
        assertThatThrownBy(() -> Collate.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)))).hasMessageContaining("[2] at entry 0 and [3] at entry 1");
        assertThatThrownBy(() -> Collate.stackFields(List.of(List.of(Tensor.zeros(1)), List.of(Tensor.zeros(1), Tensor.zeros(1)))))
                .hasMessage("Collate.stackFields: sample 0 has 1 fields but sample 1 has 2");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> DataLoader.builder(data(3)).batchSize(0)).hasMessage("DataLoader: batch size must be at least 1, got 0");
        assertThatThrownBy(() -> DataLoader.builder(data(3)).prefetch(-1)).hasMessage("DataLoader: prefetch must be non-negative, got -1");
        assertThatThrownBy(() -> DataLoader.builder(-1, idx -> idx)).hasMessageContaining("non-negative, got -1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void nextPastTheEndAndNullBatches(int prefetch) {
        BatchIterator<List<Tensor>> it = DataLoader.builder(data(2)).batchSize(2).prefetch(prefetch).build().iterator();
        it.next();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        BatchIterator<Object> nulls = DataLoader.builder(3, idx -> null).prefetch(prefetch).build().iterator();
        assertThatThrownBy(nulls::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null");
        nulls.close();
    }
}
