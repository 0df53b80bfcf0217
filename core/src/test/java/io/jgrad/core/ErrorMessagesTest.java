package io.jgrad.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets an IllegalArgumentException naming the op and the offending shapes or dims. */
class ErrorMessagesTest {
    final Tensor a = Tensor.zeros(64, 784), b = Tensor.zeros(128, 10);

    @Test
    void matmulNamesBothShapes() {
        assertThatThrownBy(() -> a.matmul(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: shapes [64, 784] and [128, 10] cannot be multiplied");
        assertThatThrownBy(() -> a.mm(b)).hasMessageStartingWith("mm: shapes [64, 784] and [128, 10] cannot be multiplied");
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).bmm(Tensor.zeros(2, 5, 4))).hasMessageStartingWith("bmm: shapes [2, 3, 4] and [2, 5, 4]");
    }

    @Test
    void dimOutOfRange() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).sum(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: dim 3 out of range for a tensor of 2 dims");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).transpose(0, -3)).hasMessageContaining("transpose: dim -3 out of range");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).softmax(2)).hasMessageContaining("softmax: dim 2 out of range");
    }

    @Test
    void broadcastAndShapeErrors() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4))).hasMessageStartingWith("add: shapes [2, 3] and [4] cannot be broadcast");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).view(4, 2)).hasMessageContaining("view: shape [4, 2] is invalid for input of size 6");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).t().view(6)).hasMessageContaining("use reshape");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).expand(3, 3)).hasMessageContaining("expand: the expanded size");
        assertThatThrownBy(() -> Tensor.cat(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), 0)).hasMessageContaining("cat: sizes of tensors must match");
        assertThatThrownBy(() -> Tensor.of(new float[] {1, 2, 3}, 2, 2)).hasMessageContaining("3 values cannot fill shape [2, 2]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add_(Tensor.zeros(4, 2, 3))).hasMessageContaining("add_: output with shape [2, 3]");
    }

    @Test
    void indexErrorsNeverEscapeAsArrayIndexOutOfBounds() {
        Tensor x = Tensor.zeros(3, 4);
        assertThatThrownBy(() -> x.indexSelect(0, Tensor.of(new long[] {3}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index_select: index 3 is out of bounds for dimension 0 with size 3");
        assertThatThrownBy(() -> x.gather(1, Tensor.of(new long[] {0, 4}, 1, 2))).hasMessageContaining("gather: index 4 is out of bounds");
        assertThatThrownBy(() -> x.select(0, 5)).hasMessageContaining("select: index 5 out of range");
        assertThatThrownBy(() -> x.narrow(1, 2, 3)).hasMessageContaining("narrow: start 2 + length 3 exceeds dimension size 4");
        assertThatThrownBy(() -> x.index(Tensor.of(new long[] {-4}))).hasMessageContaining("index: index -4 is out of bounds");
        assertThatThrownBy(() -> x.get(0, 9)).hasMessageContaining("get: index 9 is out of bounds");
    }

    @Test
    void dtypeErrors() {
        assertThatThrownBy(() -> Tensor.zeros(2).where(Tensor.zeros(2), 0)).hasMessageContaining("where: expected condition to be a bool tensor, got float32");
        assertThatThrownBy(() -> Tensor.zeros(DType.INT64, 2).mean()).hasMessageContaining("mean: could not infer output dtype");
        assertThatThrownBy(() -> Tensor.zeros(DType.INT64, 2).add_(0.5)).hasMessageContaining("add_: result type float32 can't be cast to the desired output type int64");
        assertThatThrownBy(() -> Tensor.zeros(2).indexSelect(0, Tensor.zeros(1))).hasMessageContaining("index_select: expected an int64 index tensor, got float32");
    }
}
