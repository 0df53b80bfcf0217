package io.jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** toString matches what PyTorch 1.13 prints for the same tensors. */
class TensorFormatterTest {
    @Test
    void printsLikePyTorch() {
        assertThat(Tensor.of(new float[] {0.1f, 0.2f, -1.5f, 3f}, 2, 2).toString()).isEqualTo("tensor([[ 0.1000,  0.2000],\n        [-1.5000,  3.0000]])");
        assertThat(Tensor.of(new float[] {1, 2, 3}).toString()).isEqualTo("tensor([1., 2., 3.])");
        assertThat(Tensor.of(new long[] {1, -2, 30}).toString()).isEqualTo("tensor([ 1, -2, 30])");
        assertThat(Tensor.of(new double[] {0.5}).toString()).isEqualTo("tensor([0.5000], dtype=torch.float64)");
        assertThat(Tensor.scalar(2.5).toString()).isEqualTo("tensor(2.5000)");
        assertThat(Tensor.of(new boolean[] {true, false}, 2).toString()).isEqualTo("tensor([ True, False])");
        assertThat(Tensor.of(new float[] {1e-5f, 1f}).toString()).isEqualTo("tensor([1.0000e-05, 1.0000e+00])");
        assertThat(Tensor.zeros(0, 3).toString()).isEqualTo("tensor([], size=(0, 3))");
    }

    @Test
    void wrapsLongRowsAt80Columns() {
        assertThat(Tensor.arange(0, 20, 1, DType.FLOAT32).div(3).toString()).isEqualTo(
                "tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
                        + "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000, 5.3333, 5.6667,\n"
                        + "        6.0000, 6.3333])");
    }

    @Test
    void elidesLargeTensors() {
        String s = Tensor.arange(0, 2000, 1, DType.FLOAT32).toString();
        assertThat(s).isEqualTo("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])");
    }
}
