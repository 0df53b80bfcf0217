package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every layer rejects a wrongly shaped input with an IllegalArgumentException naming the layer,
 * what it expected and the actual shape (recurrent and attention layers: RecurrentTest, AttentionTest).
 */
class BadInputTest {
    private static void rejects(Module layer, Tensor input, String message) {
        assertThatThrownBy(() -> layer.forward(input)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void linearLayers() {
        rejects(new Linear(784, 128), Tensor.zeros(64, 100), "Linear: expected input of shape (*, 784) (in_features=784), got input of shape [64, 100]");
        assertThatThrownBy(() -> new Bilinear(3, 4, 2).forward(Tensor.zeros(5, 3), Tensor.zeros(5, 3)))
                .hasMessage("Bilinear: expected input2 of shape [5, 4] to match input1 [5, 3], got input2 of shape [5, 3]");
        assertThatThrownBy(() -> new Bilinear(3, 4, 2).forward(Tensor.zeros(5, 2), Tensor.zeros(5, 4)))
                .hasMessage("Bilinear: expected input1 of shape (*, 3), got input1 of shape [5, 2]");
        rejects(new Embedding(10, 4), Tensor.zeros(2, 3), "Embedding: expected int64 indices, got float32 input of shape [2, 3]");
        assertThatThrownBy(() -> new Embedding(10, 4).forward(Tensor.of(new long[] {3, 10}))).hasMessageContaining("index 10 is out of bounds");
        assertThatThrownBy(() -> new Linear(0, 3)).hasMessage("Linear: in_features must be positive, got 0");
    }

    @Test
    void convolutions() {
        rejects(new Conv2d(3, 8, 3), Tensor.zeros(2, 4, 8, 8), "Conv2d: expected input of shape (N, 3, H, W) or (3, H, W), got input of shape [2, 4, 8, 8]");
        rejects(new Conv2d(3, 8, 3), Tensor.zeros(3, 8), "Conv2d: expected input of shape (N, 3, H, W) or (3, H, W), got input of shape [3, 8]");
        rejects(new Conv1d(2, 4, 3), Tensor.zeros(1, 3, 10), "Conv1d: expected input of shape (N, 2, L) or (2, L), got input of shape [1, 3, 10]");
        rejects(new ConvTranspose2d(4, 2, 3), Tensor.zeros(1, 2, 5, 5),
                "ConvTranspose2d: expected input of shape (N, 4, H, W) or (4, H, W), got input of shape [1, 2, 5, 5]");
        assertThatThrownBy(() -> new Conv2d(6, 8, new int[] {3}, ConvOptions.defaults().groups(4)))
                .hasMessage("Conv2d: in_channels (6) must be divisible by groups (4)");
        assertThatThrownBy(() -> new Conv2d(4, 8, new int[] {3}, ConvOptions.defaults().padding("same").stride(2)))
                .hasMessage("Conv2d: padding='same' is not supported for strided convolutions");
        assertThatThrownBy(() -> new Conv2d(4, 8, new int[] {3, 3, 3}, ConvOptions.defaults()))
                .hasMessage("Conv2d: kernel_size must have 1 or 2 values, got [3, 3, 3]");
        assertThatThrownBy(() -> new ConvTranspose2d(4, 2, new int[] {3}, ConvOptions.defaults().stride(2).outputPadding(2)))
                .hasMessage("ConvTranspose2d: output_padding (2) must be smaller than either stride (2) or dilation (1)");
    }

    @Test
    void pools() {
        rejects(new MaxPool2d(2), Tensor.zeros(8, 8), "MaxPool2d: expected input of shape (N, C, H, W) or (C, H, W), got input of shape [8, 8]");
        rejects(new MaxPool1d(2), Tensor.zeros(1, 2, 3, 4), "MaxPool1d: expected input of shape (N, C, L) or (C, L), got input of shape [1, 2, 3, 4]");
        rejects(new AvgPool2d(2), Tensor.zeros(4), "AvgPool2d: expected input of shape (N, C, H, W) or (C, H, W), got input of shape [4]");
        rejects(new AvgPool1d(2), Tensor.zeros(4), "AvgPool1d: expected input of shape (N, C, L) or (C, L), got input of shape [4]");
        rejects(new AdaptiveAvgPool2d(1), Tensor.zeros(2, 3), "AdaptiveAvgPool2d: expected input of shape (N, C, H, W) or (C, H, W), got input of shape [2, 3]");
        rejects(new Upsample(2), Tensor.zeros(4, 4), "Upsample: expected input of shape (N, C, *spatial), got input of shape [4, 4]");
        assertThatThrownBy(() -> new MaxPool2d(new int[] {2}, null, new int[] {2})).hasMessage("MaxPool2d: padding should be at most half of the kernel size, got padding 2 for kernel 2");
    }

    @Test
    void normalisations() {
        rejects(new BatchNorm1d(16), Tensor.zeros(4, 8), "BatchNorm1d: expected input of shape (N, 16) or (N, 16, L), got input of shape [4, 8]");
        rejects(new BatchNorm2d(3), Tensor.zeros(4, 3, 5), "BatchNorm2d: expected input of shape (N, 3, H, W), got input of shape [4, 3, 5]");
        rejects(new LayerNorm(new int[] {4, 5}, 1e-5, true), Tensor.zeros(2, 5, 4), "LayerNorm: expected input of shape (*, 4, 5), got input of shape [2, 5, 4]");
        rejects(new GroupNorm(2, 6), Tensor.zeros(2, 4, 3), "GroupNorm: expected input of shape (N, 6, *), got input of shape [2, 4, 3]");
        assertThatThrownBy(() -> new GroupNorm(4, 6)).hasMessage("GroupNorm: num_channels (6) must be divisible by num_groups (4)");
        assertThatThrownBy(() -> new Dropout(1.5)).hasMessage("Dropout: p must be in [0, 1], got 1.5");
    }

    @Test
    void reshapingLayers() {
        rejects(new Flatten(1, 3), Tensor.zeros(2, 3), "Flatten: expected an input where dims 1..3 exist and start_dim <= end_dim, got input of shape [2, 3]");
        rejects(new Unflatten(1, 2, 5), Tensor.zeros(3, 9), "Unflatten: expected dim 1 of size 10 to unflatten into [2, 5], got input of shape [3, 9]");
        rejects(new Unflatten(1, -1, 4), Tensor.zeros(3, 9), "Unflatten: expected dim 1 of size divisible by 4 to unflatten into [-1, 4], got input of shape [3, 9]");
        rejects(new Softmax(2), Tensor.zeros(3, 4), "Softmax: expected an input with dim 2, got input of shape [3, 4]");
        rejects(new TransformerEncoderLayer(8, 2), Tensor.zeros(3, 2, 6), "TransformerEncoderLayer: expected src of shape (L, N, 8) or (L, 8), got src of shape [3, 2, 6]");
    }

    @Test
    void lossesNameTheOpAndBothShapes() {
        assertThatThrownBy(() -> new MSELoss().forward(Tensor.zeros(2, 3), Tensor.zeros(4, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.zeros(2, 3), Tensor.zeros(DType.INT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cross_entropy");
        assertThatThrownBy(() -> new L1Loss(Reduction.BATCHMEAN)).hasMessage("L1Loss: reduction BATCHMEAN is only meaningful for KLDivLoss");
    }
}
