package io.jgrad.nn;

import static io.jgrad.nn.Checks.close;
import static io.jgrad.nn.Checks.gradchecks;
import static io.jgrad.nn.Checks.leaf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Every loss of F against hand-computed values, its gradients in float64, and its errors. */
class LossesTest {
    final Generator gen = new Generator(11);
    static final double LN2 = Math.log(2);

    static Tensor t(double... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void regressionLosses() {
        Tensor x = t(1, 2, 3), y = t(1, 0, 0);
        close(F.mseLoss(x, y, Reduction.NONE), new double[] {0, 4, 9}, new int[] {3}, 0);
        assertThat(F.mseLoss(x, y).item()).isCloseTo(13 / 3.0, offset(1e-15));
        assertThat(F.mseLoss(x, y, Reduction.SUM).item()).isEqualTo(13);
        assertThat(F.l1Loss(x, y).item()).isCloseTo(5 / 3.0, offset(1e-15));
        Tensor a = t(0.5, 2), zero = t(0, 0);
        close(F.smoothL1Loss(a, zero, Reduction.NONE, 1), new double[] {0.125, 1.5}, new int[] {2}, 0);
        close(F.smoothL1Loss(a, zero, Reduction.NONE, 0), new double[] {0.5, 2}, new int[] {2}, 0);
        close(F.huberLoss(t(0.5, 3), zero, Reduction.NONE, 2), new double[] {0.125, 4}, new int[] {2}, 0);
    }

    @Test
    void crossEntropyWithClassIndices() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
        Tensor target = Tensor.of(new long[] {2, 0});
        double l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, l1 = Math.log(3);
        close(F.crossEntropy(logits, target, null, -100, Reduction.NONE, 0), new double[] {l0, l1}, new int[] {2}, 1e-15);
        assertThat(F.crossEntropy(logits, target).item()).isCloseTo((l0 + l1) / 2, offset(1e-15));
        // Class weights: the mean divides by the weights of the targets.
        Tensor w = t(2, 1, 3);
        assertThat(F.crossEntropy(logits, target, w, -100, Reduction.MEAN, 0).item()).isCloseTo((3 * l0 + 2 * l1) / 5, offset(1e-15));
        // An ignored target contributes nothing and is not counted.
        assertThat(F.crossEntropy(logits, Tensor.of(new long[] {2, -100}), null, -100, Reduction.MEAN, 0).item()).isCloseTo(l0, offset(1e-15));
        // Label smoothing eps: (1 - eps) nll + eps / C * (-sum of log-probabilities).
        Tensor logp = logits.logSoftmax(1);
        double smooth0 = -logp.select(0, 0).sum().item(), smooth1 = -logp.select(0, 1).sum().item();
        double expected = 0.9 * (l0 + l1) / 2 + 0.1 / 3 * (smooth0 + smooth1) / 2;
        assertThat(F.crossEntropy(logits, target, null, -100, Reduction.MEAN, 0.1).item()).isCloseTo(expected, offset(1e-14));
        // Unbatched (C) input with a 0-d target, and (N, C, d) inputs.
        assertThat(F.crossEntropy(logits.select(0, 0), Tensor.scalar(2, DType.INT64)).item()).isCloseTo(l0, offset(1e-15));
        // (N, C, d) = (1, 3, 2): the same two samples laid out along d.
        close(F.crossEntropy(logits.transpose(0, 1).unsqueeze(0), Tensor.of(new long[] {2, 0}, 1, 2), null, -100, Reduction.NONE, 0),
                new double[] {l0, l1}, new int[] {1, 2}, 1e-15);
    }

    @Test
    void crossEntropyWithProbabilities() {
        Tensor logits = Tensor.of(new double[] {0, 0}, 1, 2);
        assertThat(F.crossEntropy(logits, Tensor.of(new double[] {0.3, 0.7}, 1, 2)).item()).isCloseTo(LN2, offset(1e-15));
    }

    @Test
    void nllAndBinaryLosses() {
        Tensor logp = Tensor.of(new double[] {-1, -2, -3, -4}, 2, 2);
        Tensor target = Tensor.of(new long[] {1, 0});
        assertThat(F.nllLoss(logp, target).item()).isCloseTo(2.5, offset(1e-15));
        assertThat(F.nllLoss(logp, target, t(1, 3), -100, Reduction.MEAN).item()).isCloseTo(9 / 4.0, offset(1e-15));
        assertThat(F.binaryCrossEntropy(t(0.5), t(1)).item()).isCloseTo(LN2, offset(1e-15));
        assertThat(F.binaryCrossEntropy(t(0, 1), t(0, 1)).item()).isEqualTo(0);
        assertThat(F.binaryCrossEntropy(t(0), t(1)).item()).as("log clamped at -100").isEqualTo(100);
        assertThat(F.binaryCrossEntropyWithLogits(t(0), t(1)).item()).isCloseTo(LN2, offset(1e-15));
        assertThat(F.binaryCrossEntropyWithLogits(t(0), t(1), null, t(2), Reduction.MEAN).item()).isCloseTo(2 * LN2, offset(1e-15));
        assertThat(F.binaryCrossEntropyWithLogits(t(-1000), t(1)).item()).as("stable for large logits").isEqualTo(1000);
    }

    @Test
    void klDivAndCosineSimilarity() {
        Tensor logq = t(Math.log(0.25), Math.log(0.75)), p = t(0.5, 0.5);
        double kl = 0.5 * Math.log(2) + 0.5 * Math.log(2 / 3.0);
        assertThat(F.klDiv(logq.reshape(1, 2), p.reshape(1, 2), Reduction.BATCHMEAN, false).item()).isCloseTo(kl, offset(1e-15));
        assertThat(F.klDiv(logq.reshape(1, 2), p.log().reshape(1, 2), Reduction.BATCHMEAN, true).item()).isCloseTo(kl, offset(1e-15));
        assertThat(F.klDiv(logq, t(0, 1), Reduction.SUM, false).item()).as("0 log 0 = 0").isCloseTo(-Math.log(0.75), offset(1e-15));
        assertThat(F.cosineSimilarity(Tensor.of(new double[] {1, 0}, 1, 2), Tensor.of(new double[] {1, 1}, 1, 2)).item())
                .isCloseTo(Math.sqrt(0.5), offset(1e-15));
        // Broadcasting: (3, 2) against (1, 2).
        assertThat(F.cosineSimilarity(Tensor.ones(DType.FLOAT64, 3, 2), Tensor.ones(DType.FLOAT64, 1, 2)).shape()).containsExactly(3);
    }

    @Test
    void firstAndSecondOrderGradients() {
        Tensor x = leaf(gen, 3, 4), y = leaf(gen, 3, 4), target = Tensor.of(new long[] {1, 3, 0});
        Tensor w = Tensor.rand(gen, DType.FLOAT64, 4).add(0.5);
        gradchecks(a -> F.crossEntropy(a.get(0), target, w, 3, Reduction.MEAN, 0.2), x);
        gradchecks(a -> F.crossEntropy(a.get(0), a.get(1).softmax(1), w, -100, Reduction.MEAN, 0.1), x, y);
        gradchecks(a -> F.nllLoss(a.get(0), target, null, -100, Reduction.SUM), x);
        gradchecks(a -> F.mseLoss(a.get(0), a.get(1)), x, y);
        gradchecks(a -> F.smoothL1Loss(a.get(0), a.get(1), Reduction.SUM, 0.7), x, y);
        gradchecks(a -> F.huberLoss(a.get(0), a.get(1), Reduction.MEAN, 0.7), x, y);
        gradchecks(a -> F.binaryCrossEntropy(a.get(0).sigmoid(), a.get(1).sigmoid(), w, Reduction.MEAN), x, y);
        gradchecks(a -> F.binaryCrossEntropyWithLogits(a.get(0), a.get(1).sigmoid(), null, w, Reduction.SUM), x, y);
        gradchecks(a -> F.klDiv(a.get(0).logSoftmax(1), a.get(1).softmax(1), Reduction.BATCHMEAN, false), x, y);
        gradchecks(a -> F.klDiv(a.get(0), a.get(1), Reduction.NONE, true), x, y);
        gradchecks(a -> F.cosineSimilarity(a.get(0), a.get(1), 1, 1e-8), x, y);
    }

    @Test
    void badInputsAreNamed() {
        Tensor logits = Tensor.zeros(4, 5);
        assertThatThrownBy(() -> F.crossEntropy(logits, Tensor.of(new long[] {0, 7, 1, 2}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: target 7 is out of bounds for 5 classes (valid: 0 to 4, or ignore_index -100)");
        assertThatThrownBy(() -> F.crossEntropy(logits, Tensor.of(new long[] {0, 1, 2})))
                .hasMessage("cross_entropy: expected a target of shape [4] for input of shape [4, 5], got target of shape [3]");
        assertThatThrownBy(() -> F.crossEntropy(logits, Tensor.zeros(4, 4)))
                .hasMessageContaining("cross_entropy: expected a probability target of the input's shape [4, 5]");
        assertThatThrownBy(() -> F.crossEntropy(logits, Tensor.of(new long[] {0, 1, 2, 3}), Tensor.ones(4), -100, Reduction.MEAN, 0))
                .hasMessageContaining("cross_entropy: expected a class weight of shape [5]");
        assertThatThrownBy(() -> F.crossEntropy(logits, Tensor.of(new long[] {0, 1, 2, 3}), null, -100, Reduction.MEAN, 1.5))
                .hasMessageContaining("label_smoothing must be between 0.0 and 1.0, got 1.5");
        assertThatThrownBy(() -> F.nllLoss(logits, Tensor.zeros(4))).hasMessageContaining("nll_loss: expected class indices of dtype int64");
        assertThatThrownBy(() -> Reduction.of("avg")).hasMessage("reduction: expected one of none, mean, sum, batchmean, got 'avg'");
        assertThatThrownBy(() -> F.mseLoss(Tensor.zeros(3), Tensor.zeros(3), Reduction.BATCHMEAN))
                .hasMessage("mse_loss: reduction 'batchmean' is only valid for kl_div");
        assertThatThrownBy(() -> F.mseLoss(Tensor.zeros(3), Tensor.zeros(4))).hasMessageStartingWith("mse_loss: shapes [3] and [4] cannot be broadcast");
        assertThatThrownBy(() -> F.binaryCrossEntropy(t(1.5), t(1))).hasMessageContaining("all elements of input should be between 0 and 1");
        assertThatThrownBy(() -> F.binaryCrossEntropy(t(0.5, 0.5), t(1)))
                .hasMessage("binary_cross_entropy: target of shape [1] must have the input's shape [2]");
        assertThatThrownBy(() -> F.smoothL1Loss(t(1), t(1), Reduction.MEAN, -1)).hasMessageContaining("beta must be non-negative");
    }
}
