package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** Every layer starts from PyTorch's default initialisation. */
class LayerInitTest {
    /** Mean and (biased) standard deviation of all elements. */
    static double[] stats(Tensor t) {
        return new double[] {t.mean().item(), t.std(null, 0, false).item()};
    }

    private static void assertUniform(Tensor t, double bound) {
        assertThat(t.max().item()).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.9);
        assertThat(t.min().item()).isGreaterThanOrEqualTo(-bound).isLessThan(-bound * 0.9);
        double[] s = stats(t);
        assertThat(s[0]).isCloseTo(0, within(bound * 0.05));
        assertThat(s[1]).isCloseTo(bound / Math.sqrt(3), within(bound * 0.05));
    }

    @Test
    void linearAndConvolutionsUseOneOverSqrtFanIn() {
        Tensor.manualSeed(0);
        Linear l = new Linear(400, 300);
        assertUniform(l.weight(), 1 / 20.0);
        assertUniform(l.bias(), 1 / 20.0);
        Conv2d c = new Conv2d(16, 32, new int[] {3}, ConvOptions.defaults().groups(2));
        assertUniform(c.weight(), 1 / Math.sqrt(8 * 9));
        ConvTranspose2d t = new ConvTranspose2d(32, 16, new int[] {4}, ConvOptions.defaults());
        assertUniform(t.weight(), 1 / Math.sqrt(16 * 16)); // fan_in of a (in, out, k, k) weight is out * k * k, as in PyTorch
        Bilinear b = new Bilinear(100, 20, 30);
        assertUniform(b.weight(), 0.1);
    }

    @Test
    void recurrentLayersUseOneOverSqrtHidden() {
        LSTM lstm = new LSTM(10, 25, RNNBase.Options.defaults().numLayers(2));
        for (Tensor p : lstm.parameters()) {
            assertThat(p.max().item()).isLessThanOrEqualTo(0.2);
            assertThat(p.min().item()).isGreaterThanOrEqualTo(-0.2);
        }
        assertUniform(lstm.parameter("weight_hh_l1"), 0.2);
    }

    @Test
    void embeddingIsStandardNormalWithAZeroPaddingRow() {
        Embedding e = new Embedding(1000, 64, 3);
        double[] s = stats(e.weight());
        assertThat(s[0]).isCloseTo(0, within(0.02));
        assertThat(s[1]).isCloseTo(1, within(0.02));
        assertThat(e.weight().select(0, 3).toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void normsStartAtIdentityAndAttentionBiasesAtZero() {
        BatchNorm2d bn = new BatchNorm2d(5);
        assertThat(bn.weight().toDoubleArray()).containsOnly(1.0);
        assertThat(bn.bias().toDoubleArray()).containsOnly(0.0);
        assertThat(bn.runningMean().toDoubleArray()).containsOnly(0.0);
        assertThat(bn.runningVar().toDoubleArray()).containsOnly(1.0);
        assertThat(bn.numBatchesTracked().itemLong()).isZero();
        assertThat(new LayerNorm(7).weight().toDoubleArray()).containsOnly(1.0);
        assertThat(new GroupNorm(2, 4).bias().toDoubleArray()).containsOnly(0.0);

        MultiheadAttention mha = new MultiheadAttention(64, 4);
        assertThat(mha.parameter("in_proj_bias").toDoubleArray()).containsOnly(0.0);
        assertThat(mha.outProj().bias().toDoubleArray()).containsOnly(0.0);
        assertUniform(mha.parameter("in_proj_weight"), Math.sqrt(6.0 / (64 + 192)));
    }

    @Test
    void resetParametersWithAGeneratorIsReproducible() {
        Linear a = new Linear(5, 5), b = new Linear(5, 5);
        a.resetParameters(new Generator(42));
        b.resetParameters(new Generator(42));
        assertThat(a.weight().toFloatArray()).containsExactly(b.weight().toFloatArray());
        assertThat(a.bias().toFloatArray()).containsExactly(b.bias().toFloatArray());
    }
}
