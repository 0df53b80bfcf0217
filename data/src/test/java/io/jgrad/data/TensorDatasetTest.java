package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    private final Tensor x = Tensor.arange(0, 12, 1).reshape(6, 2);
    private final Tensor y = Tensor.of(10L, 11L, 12L, 13L, 14L, 15L);
    private final TensorDataset data = new TensorDataset(x, y);

    @Test
    void getReturnsTheRowsOfEveryTensor() {
        assertThat(data.size()).isEqualTo(6);
        List<Tensor> s = data.get(4);
        assertThat(s.get(0).toFloatArray()).containsExactly(8f, 9f);
        assertThat(s.get(1).itemLong()).isEqualTo(14);
    }

    @Test
    void batchGathersRowsInTheGivenOrderAsCopies() {
        List<Tensor> b = data.batch(new int[] {5, 0, 2});
        assertThat(b.get(0).shape()).containsExactly(3, 2);
        assertThat(b.get(0).toFloatArray()).containsExactly(10f, 11f, 0f, 1f, 4f, 5f);
        assertThat(b.get(1).toLongArray()).containsExactly(15, 10, 12);
        b.get(0).fill_(-1);
        assertThat(x.get(5, 0)).isEqualTo(10.0);   // the batch does not alias the dataset
    }

    @Test
    void batchEqualsStackedSamples() {
        int[] idx = {3, 1, 4};
        List<Tensor> fast = data.batch(idx);
        List<Tensor> slow = Collate.stackFields(List.of(data.get(3), data.get(1), data.get(4)));
        assertThat(fast.get(0).equal(slow.get(0))).isTrue();
        assertThat(fast.get(1).equal(slow.get(1))).isTrue();
    }

    @Test
    void batchOfNonContiguousAndOffsetTensorsMatchesIndexSelect() {
        Tensor wide = Tensor.arange(0, 40, 1).reshape(4, 10);
        Tensor transposed = wide.t();                    // (10, 4), not contiguous
        Tensor offset = wide.reshape(10, 4).narrow(0, 3, 7);   // contiguous, storage offset 12
        int[] idx = {6, 0, 3, 3};
        Tensor index = Tensor.of(6L, 0L, 3L, 3L);
        List<Tensor> b = new TensorDataset(transposed.narrow(0, 0, 7), offset).batch(idx);
        assertThat(b.get(0).equal(transposed.narrow(0, 0, 7).indexSelect(0, index))).isTrue();
        assertThat(b.get(1).equal(offset.indexSelect(0, index))).isTrue();
        assertThat(b.get(1).toFloatArray()).startsWith(36f, 37f, 38f, 39f, 12f);
    }

    @Test
    void subsetsMapToTheSameTensors() {
        TensorDataset sub = data.subset(new int[] {4, 2, 0});
        TensorDataset subSub = sub.subset(new int[] {2, 0});
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.get(1).get(1).itemLong()).isEqualTo(12);
        assertThat(subSub.batch(new int[] {0, 1}).get(1).toLongArray()).containsExactly(10, 14);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> new TensorDataset(x, Tensor.zeros(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TensorDataset: tensors must share their first dim (the sample count), got shapes [6, 2] and [5]");
        assertThatThrownBy(() -> new TensorDataset(Tensor.scalar(1))).hasMessageContaining("0-d tensor");
        assertThatThrownBy(TensorDataset::new).hasMessageContaining("at least one tensor");
        assertThatThrownBy(() -> data.get(6)).hasMessage("TensorDataset.get: index 6 out of range for a dataset of 6 samples");
        assertThatThrownBy(() -> data.batch(new int[] {0, -1})).hasMessage("TensorDataset.batch: index -1 out of range for a dataset of 6 samples");
        assertThatThrownBy(() -> data.subset(new int[] {1, 2}).get(2)).hasMessageContaining("index 2 out of range for a dataset of 2 samples");
    }

    @Test
    void genericSubsetOfAnyDataset() {
        Dataset<String> letters = new Letters("abcde");
        Dataset<String> sub = letters.subset(new int[] {4, 1});
        assertThat(sub.get(0)).isEqualTo("e");
        assertThat(sub.subset(new int[] {1}).get(0)).isEqualTo("b");
        assertThat(sub).isInstanceOf(Subset.class);
        assertThatThrownBy(() -> letters.subset(new int[] {5})).hasMessage("Subset: index 5 out of range for a dataset of 5 samples");
    }

    /** A dataset of one-letter strings. */
    record Letters(String text) implements Dataset<String> {
        @Override
        public int size() {
            return text.length();
        }

        @Override
        public String get(int index) {
            return String.valueOf(text.charAt(index));
        }
    }
}
