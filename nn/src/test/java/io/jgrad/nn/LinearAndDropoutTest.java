package io.jgrad.nn;

import static io.jgrad.nn.Checks.close;
import static io.jgrad.nn.Checks.gradchecks;
import static io.jgrad.nn.Checks.leaf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** linear, bilinear, embedding, one_hot and dropout. */
class LinearAndDropoutTest {
    final Generator gen = new Generator(19);

    @Test
    void linearAndBilinearByHand() {
        Tensor x = Tensor.of(new double[] {1, 2}, 1, 2), w = Tensor.of(new double[] {1, 0, 2, 3}, 2, 2);
        close(F.linear(x, w, Tensor.of(new double[] {10, 20}, 2)), new double[] {11, 28}, new int[] {1, 2}, 0);
        // y_o = x1 · W_o · x2 + b_o with W_0 = identity and W_1 = [[0, 1], [0, 0]].
        Tensor bw = Tensor.of(new double[] {1, 0, 0, 1, 0, 1, 0, 0}, 2, 2, 2);
        Tensor x2 = Tensor.of(new double[] {3, 4}, 1, 2);
        close(F.bilinear(x, x2, bw, Tensor.of(new double[] {0.5, 0}, 2)), new double[] {11.5, 4}, new int[] {1, 2}, 0);
        // Leading dims are kept.
        assertThat(F.bilinear(Tensor.ones(DType.FLOAT64, 2, 3, 2), Tensor.ones(DType.FLOAT64, 2, 3, 2), bw, null).shape()).containsExactly(2, 3, 2);
    }

    @Test
    void bilinearGradients() {
        gradchecks(a -> F.bilinear(a.get(0), a.get(1), a.get(2), a.get(3)), leaf(gen, 2, 3), leaf(gen, 2, 2), leaf(gen, 2, 3, 2), leaf(gen, 2));
    }

    @Test
    void embeddingAndOneHot() {
        Tensor w = Tensor.of(new double[] {0, 1, 10, 11, 20, 21}, 3, 2).requiresGrad_(true);
        Tensor e = F.embedding(Tensor.of(new long[] {2, 0, 2}), w, 0);
        close(e, new double[] {20, 21, 0, 1, 20, 21}, new int[] {3, 2}, 0);
        e.sum().backward();
        assertThat(w.grad().toDoubleArray()).as("rows accumulate; the padding row gets nothing").containsExactly(0, 0, 0, 0, 2, 2);
        assertThat(F.oneHot(Tensor.of(new long[] {0, 2}), 3).toLongArray()).containsExactly(1, 0, 0, 0, 0, 1);
    }

    @Test
    void dropoutScalesKeptElementsAndIsReproducible() {
        Tensor x = Tensor.ones(DType.FLOAT64, 10000);
        Tensor y = F.dropout(x, 0.3, true, new Generator(1));
        double[] v = y.toDoubleArray();
        int kept = 0;
        for (double d : v) {
            assertThat(d == 0 || Math.abs(d - 1 / 0.7) < 1e-15).isTrue();
            if (d != 0) kept++;
        }
        assertThat(kept).isBetween(6800, 7200);
        assertThat(F.dropout(x, 0.3, true, new Generator(1)).equal(y)).as("same seed, same mask").isTrue();
        assertThat(F.dropout(x, 0.3, false, new Generator(1))).as("identity in eval mode").isSameAs(x);
        assertThat(F.dropout(x, 0, true, new Generator(1))).isSameAs(x);
        assertThat(F.dropout(x, 1, true, new Generator(1)).sum().item()).isZero();
        // The gradient is the same mask and scale.
        Tensor xg = Tensor.ones(DType.FLOAT64, 100).requiresGrad_(true);
        Tensor yg = F.dropout(xg, 0.5, true, new Generator(2));
        yg.sum().backward();
        assertThat(xg.grad().toDoubleArray()).containsExactly(yg.detach().toDoubleArray());
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> F.dropout(Tensor.ones(3), 1.5, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout: probability has to be between 0 and 1, but got 1.5");
        assertThatThrownBy(() -> F.bilinear(Tensor.ones(2, 3), Tensor.ones(2, 2), Tensor.ones(4, 2, 2), null))
                .hasMessageStartingWith("bilinear: expected x1 (*, 2), x2 (*, 2) with the same leading dims and weight (out, in1, in2), got x1 [2, 3]");
        assertThatThrownBy(() -> F.linear(Tensor.ones(2, 3), Tensor.ones(4, 2), null)).hasMessageContaining("linear: input of shape [2, 3]");
        assertThatThrownBy(() -> F.embedding(Tensor.of(new long[] {5}), Tensor.ones(3, 2), null)).hasMessageContaining("embedding: index 5 is out of bounds");
    }
}
