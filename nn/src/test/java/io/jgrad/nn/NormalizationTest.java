package io.jgrad.nn;

import static io.jgrad.nn.Checks.close;
import static io.jgrad.nn.Checks.leaf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * batch_norm, layer_norm, group_norm, normalize: hand-computed values, running statistics, the
 * fused backward against its differentiable twin, gradcheck / gradgradcheck, and errors.
 */
class NormalizationTest {
    final Generator gen = new Generator(3);

    @Test
    void batchNormTrainingNormalisesPerChannelAndUpdatesRunningStats() {
        Tensor x = Tensor.of(new double[] {1, 2, 2, 4, 3, 6, 4, 8}, 4, 2); // channel 0: 1..4, channel 1: 2..8
        Tensor rm = Tensor.zeros(DType.FLOAT64, 2), rv = Tensor.ones(DType.FLOAT64, 2);
        Tensor y = F.batchNorm(x, rm, rv, Tensor.of(new double[] {1, 2}, 2), Tensor.of(new double[] {0, 1}, 2), true, 0.1, 0);
        double s0 = Math.sqrt(1.25), s1 = Math.sqrt(5);
        close(y, new double[] {-1.5 / s0, 2 * -3 / s1 + 1, -0.5 / s0, 2 * -1 / s1 + 1, 0.5 / s0, 2 * 1 / s1 + 1, 1.5 / s0, 2 * 3 / s1 + 1},
                new int[] {4, 2}, 1e-14);
        // running = 0.9 running + 0.1 batch, with the unbiased variance (divisor n - 1 = 3).
        close(rm, new double[] {0.25, 0.5}, new int[] {2}, 1e-15);
        close(rv, new double[] {0.9 + 0.1 * 1.25 * 4 / 3, 0.9 + 0.1 * 5 * 4 / 3}, new int[] {2}, 1e-15);
    }

    @Test
    void batchNormEvalUsesRunningStatsAndLeavesThemAlone() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor rm = Tensor.of(new double[] {1, 2}, 2), rv = Tensor.of(new double[] {4, 1}, 2);
        Tensor y = F.batchNorm(x, rm, rv, null, null, false, 0.1, 0);
        close(y, new double[] {0, 0.5, 1, 2}, new int[] {1, 2, 2}, 1e-15);
        close(rm, new double[] {1, 2}, new int[] {2}, 0);
    }

    @Test
    void layerAndGroupNormByHand() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 10, 10, 13}, 2, 3);
        double s = Math.sqrt(2 / 3.0);
        double r = Math.sqrt(2);
        close(F.layerNorm(x, new int[] {3}, null, null, 0), new double[] {-1 / s, 0, 1 / s, -1 / r, -1 / r, 2 / r}, new int[] {2, 3}, 1e-14);
        // Two groups of two channels: [1, 2] and [3, 5] each normalise to [-1, 1]; the bias adds 1.
        Tensor g = F.groupNorm(Tensor.of(new double[] {1, 2, 3, 5}, 1, 4, 1), 2, null, Tensor.of(new double[] {1, 1, 1, 1}, 4), 0);
        close(g, new double[] {0, 2, 0, 2}, new int[] {1, 4, 1}, 1e-14);
    }

    @Test
    void groupNormMatchesItsDefinition() {
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 2, 6, 3, 2), w = Tensor.randn(gen, DType.FLOAT64, 6), b = Tensor.randn(gen, DType.FLOAT64, 6);
        Tensor xr = x.reshape(2, 3, -1);
        Tensor expected = xr.sub(xr.mean(2, true)).div(xr.var(new int[] {2}, 0, true).add(1e-5).sqrt()).reshape(x.shape())
                .mul(w.reshape(1, 6, 1, 1)).add(b.reshape(1, 6, 1, 1));
        close(F.groupNorm(x, 3, w, b, 1e-5), expected, 1e-12);
    }

    @Test
    void fusedBackwardAgreesWithTheDifferentiableFormula() {
        check(a -> F.batchNorm(a.get(0), null, null, a.get(1), a.get(2), true, 0.1, 1e-5), leaf(gen, 4, 3, 2, 2), leaf(gen, 3), leaf(gen, 3));
        check(a -> F.batchNorm(a.get(0), null, null, null, null, true, 0.1, 1e-5), leaf(gen, 5, 3), null, null);
        check(a -> F.groupNorm(a.get(0), 2, a.get(1), a.get(2), 1e-5), leaf(gen, 2, 4, 3), leaf(gen, 4), leaf(gen, 4));
        check(a -> F.layerNorm(a.get(0), new int[] {3, 2}, a.get(1), a.get(2), 1e-5), leaf(gen, 2, 2, 3, 2), leaf(gen, 3, 2), leaf(gen, 3, 2));
        check(a -> F.layerNorm(a.get(0), new int[] {4}, null, null, 1e-5), leaf(gen, 3, 4), null, null);
    }

    /** Gradients with createGraph (the differentiable formula) equal those without (the fused kernel). */
    private void check(Function<List<Tensor>, Tensor> fn, Tensor x, Tensor w, Tensor b) {
        List<Tensor> in = new java.util.ArrayList<>(java.util.Arrays.asList(x, w, b));
        List<Tensor> leaves = in.stream().filter(java.util.Objects::nonNull).toList();
        Tensor y = fn.apply(in);
        Tensor g = Tensor.randn(gen, DType.FLOAT64, y.shape());
        List<Tensor> fused = Autograd.grad(List.of(y), leaves, List.of(g), true, false, false);
        List<Tensor> graph = Autograd.grad(List.of(y), leaves, List.of(g), true, true, false);
        assertThat(graph.get(0).requiresGrad()).as("the input gradient is recorded when building a graph").isTrue();
        for (int i = 0; i < leaves.size(); i++) close(fused.get(i), graph.get(i).detach(), 1e-12);
    }

    @Test
    void firstAndSecondOrderGradients() {
        Tensor x = leaf(gen, 3, 2, 2), w = leaf(gen, 2), b = leaf(gen, 2);
        Checks.gradchecks(a -> F.batchNorm(a.get(0), null, null, a.get(1), a.get(2), true, 0.1, 1e-5), x, w, b);
        Tensor rm = Tensor.randn(gen, DType.FLOAT64, 2), rv = Tensor.rand(gen, DType.FLOAT64, 2).add(0.5);
        Checks.gradchecks(a -> F.batchNorm(a.get(0), rm, rv, a.get(1), a.get(2), false, 0.1, 1e-5), x, w, b);
        Tensor l = leaf(gen, 2, 3), lw = leaf(gen, 3);
        Checks.gradchecks(a -> F.layerNorm(a.get(0), new int[] {3}, a.get(1), null, 1e-5), l, lw);
        Tensor gx = leaf(gen, 2, 4, 2), gw = leaf(gen, 4), gb = leaf(gen, 4);
        Checks.gradchecks(a -> F.groupNorm(a.get(0), 2, a.get(1), a.get(2), 1e-5), gx, gw, gb);
        Checks.gradchecks(a -> F.normalize(a.get(0), 2, 1, 1e-12), leaf(gen, 2, 3));
    }

    @Test
    void normalizeDividesByTheClampedNorm() {
        close(F.normalize(Tensor.of(new double[] {3, 4, 0, 0}, 2, 2)), new double[] {0.6, 0.8, 0, 0}, new int[] {2, 2}, 1e-15);
    }

    @Test
    void badInputsAreNamedWithShapes() {
        assertThatThrownBy(() -> F.batchNorm(Tensor.zeros(1, 3), null, null, null, null, true, 0.1, 1e-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch_norm: expected more than 1 value per channel when training, got input of shape [1, 3]");
        assertThatThrownBy(() -> F.batchNorm(Tensor.zeros(4, 3), null, null, Tensor.ones(4), null, true, 0.1, 1e-5))
                .hasMessageContaining("batch_norm: expected weight of shape [3] (the channels of input [4, 3]), got [4]");
        assertThatThrownBy(() -> F.batchNorm(Tensor.zeros(4, 3), null, null, null, null, false, 0.1, 1e-5))
                .hasMessageContaining("running_mean and running_var are required when training is false");
        assertThatThrownBy(() -> F.layerNorm(Tensor.zeros(4, 6), new int[] {5}, null, null, 1e-5))
                .hasMessage("layer_norm: expected an input whose trailing dims are normalized_shape [5], got input of shape [4, 6]");
        assertThatThrownBy(() -> F.layerNorm(Tensor.zeros(4, 5), new int[] {5}, Tensor.ones(4), null, 1e-5))
                .hasMessageContaining("layer_norm: expected weight of shape [5] (normalized_shape), got [4]");
        assertThatThrownBy(() -> F.groupNorm(Tensor.zeros(2, 6, 3), 4, null, null, 1e-5))
                .hasMessageContaining("group_norm: expected the number of channels 6 (input of shape [2, 6, 3]) to be divisible by num_groups 4");
        assertThatThrownBy(() -> F.groupNorm(Tensor.zeros(DType.INT64, 2, 6, 3), 3, null, null, 1e-5))
                .hasMessageContaining("group_norm: expected a floating point input, got int64");
    }
}
