package io.jgrad.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** torch.nn.init's formulas: exact fans and gains, and the statistics of large initialised tensors. */
class InitTest {
    private final Generator gen = new Generator(1234);

    /** Mean and (biased) standard deviation of all elements. */
    static double[] stats(Tensor t) {
        return new double[] {t.mean().item(), t.std(null, 0, false).item()};
    }

    static double min(Tensor t) { return t.min().item(); }

    static double max(Tensor t) { return t.max().item(); }

    @Test
    void fansAreComputedAsPyTorch() {
        assertThat(Init.fans(Tensor.empty(5, 3))).isEqualTo(new Fans(3, 5));
        assertThat(Init.fans(Tensor.empty(8, 4, 3, 5))).isEqualTo(new Fans(60, 120));
        assertThat(Init.fans(Tensor.empty(6, 2, 7))).isEqualTo(new Fans(14, 42));
        assertThatThrownBy(() -> Init.fans(Tensor.empty(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("init: fan in and fan out can not be computed for tensor with fewer than 2 dimensions, got shape [4]");
    }

    @Test
    void gainsMatchCalculateGain() {
        assertThat(Init.calculateGain(Nonlinearity.LINEAR)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.CONV2D)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.SIGMOID)).isEqualTo(1);
        assertThat(Init.calculateGain(Nonlinearity.TANH)).isEqualTo(5.0 / 3);
        assertThat(Init.calculateGain(Nonlinearity.RELU)).isEqualTo(Math.sqrt(2));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU)).isEqualTo(Math.sqrt(2 / (1 + 0.01 * 0.01)));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2)).isEqualTo(Math.sqrt(2 / 1.04));
        assertThat(Init.calculateGain(Nonlinearity.LEAKY_RELU, Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
        assertThat(Init.calculateGain(Nonlinearity.SELU)).isEqualTo(0.75);
    }

    @Test
    void constantFills() {
        Tensor t = Tensor.empty(3, 4).requiresGrad_(true);
        assertThat(Init.ones_(t).toDoubleArray()).containsOnly(1.0);
        assertThat(Init.zeros_(t).toDoubleArray()).containsOnly(0.0);
        assertThat(Init.constant_(t, 0.25).toDoubleArray()).containsOnly(0.25);
        assertThat(t.isLeaf()).isTrue();
    }

    @Test
    void uniformAndNormalHaveTheRequestedMoments() {
        Tensor u = Init.uniform_(Tensor.empty(200_000), -2, 3, gen);
        assertThat(min(u)).isGreaterThanOrEqualTo(-2);
        assertThat(max(u)).isLessThan(3);
        double[] su = stats(u);
        assertThat(su[0]).isCloseTo(0.5, within(0.02));
        assertThat(su[1]).isCloseTo(5 / Math.sqrt(12), within(0.01));

        double[] sn = stats(Init.normal_(Tensor.empty(DType.FLOAT64, 200_000), 1, 2, gen));
        assertThat(sn[0]).isCloseTo(1, within(0.02));
        assertThat(sn[1]).isCloseTo(2, within(0.02));
    }

    @Test
    void xavierScalesByBothFans() {
        Tensor w = Init.xavierUniform_(Tensor.empty(400, 600), 1, gen);
        double bound = Math.sqrt(6.0 / 1000);
        assertThat(max(w)).isLessThanOrEqualTo(bound);
        assertThat(min(w)).isGreaterThanOrEqualTo(-bound);
        assertThat(stats(w)[1]).isCloseTo(bound / Math.sqrt(3), within(bound * 0.01));

        double[] s = stats(Init.xavierNormal_(Tensor.empty(400, 600), 2, gen));
        assertThat(s[0]).isCloseTo(0, within(0.002));
        assertThat(s[1]).isCloseTo(2 * Math.sqrt(2.0 / 1000), within(0.001));
    }

    @Test
    void kaimingScalesByTheChosenFan() {
        Tensor w = Init.kaimingUniform_(Tensor.empty(500, 400), 0, FanMode.FAN_IN, Nonlinearity.RELU, gen);
        double bound = Math.sqrt(2) * Math.sqrt(3.0 / 400);
        assertThat(max(w)).isLessThanOrEqualTo(bound);
        assertThat(min(w)).isGreaterThanOrEqualTo(-bound);
        assertThat(stats(w)[1]).isCloseTo(Math.sqrt(2.0 / 400), within(bound * 0.01));

        Tensor conv = Init.kaimingNormal_(Tensor.empty(64, 32, 3, 3), 0, FanMode.FAN_OUT, Nonlinearity.RELU, gen);
        assertThat(stats(conv)[1]).isCloseTo(Math.sqrt(2) / Math.sqrt(64 * 9), within(0.002));

        // a = sqrt(5) (the layers' default) gives bound 1/sqrt(fan_in).
        Tensor lin = Init.kaimingUniform_(Tensor.empty(300, 100), Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
        assertThat(max(lin)).isLessThanOrEqualTo(0.1).isGreaterThan(0.099);
    }

    @Test
    void truncatedNormalStaysInsideAndHasTheTruncatedMoments() {
        Tensor t = Init.truncNormal_(Tensor.empty(DType.FLOAT64, 200_000), 0, 1, -2, 2, gen);
        assertThat(min(t)).isGreaterThanOrEqualTo(-2);
        assertThat(max(t)).isLessThanOrEqualTo(2);
        double[] s = stats(t);
        assertThat(s[0]).isCloseTo(0, within(0.01));
        assertThat(s[1]).isCloseTo(0.879626, within(0.005)); // sqrt(1 - 2*2*phi(2)/(Phi(2)-Phi(-2)))

        // A window far in the tail still costs one draw per element; its mean is (phi(3)-phi(4))/(Phi(4)-Phi(3)).
        Tensor tail = Init.truncNormal_(Tensor.empty(DType.FLOAT64, 50_000), 0, 1, 3, 4, gen);
        assertThat(min(tail)).isGreaterThanOrEqualTo(3);
        assertThat(max(tail)).isLessThanOrEqualTo(4);
        assertThat(stats(tail)[0]).isCloseTo(3.26042, within(0.005));
        assertThatThrownBy(() -> Init.truncNormal_(Tensor.empty(3), 0, 1, 2, 1)).hasMessageContaining("trunc_normal_: the bounds must satisfy a < b");
    }

    @Test
    void inverseNormalCdfIsAccurateToDoublePrecision() {
        assertThat(Init.inverseNormalCdf(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(Init.inverseNormalCdf(0.5)).isCloseTo(0, within(1e-15));
        assertThat(Init.inverseNormalCdf(1e-10)).isCloseTo(-6.361340902404056, within(1e-12));
        assertThat(Init.inverseNormalCdf(1 - 1e-6)).isCloseTo(4.753424308822899, within(1e-8));
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumns() {
        Tensor tall = Init.orthogonal_(Tensor.empty(DType.FLOAT64, 6, 4), 1, gen);
        assertThat(tall.t().matmul(tall).allclose(Tensor.eye(4, 4, DType.FLOAT64), 0, 1e-12)).isTrue();
        Tensor wide = Init.orthogonal_(Tensor.empty(DType.FLOAT64, 3, 7), 2, gen);
        assertThat(wide.matmul(wide.t()).allclose(Tensor.eye(3, 3, DType.FLOAT64).mul(4), 0, 1e-12)).isTrue();
        Tensor conv = Init.orthogonal_(Tensor.empty(4, 2, 3), 1, gen).reshape(4, 6);
        assertThat(conv.matmul(conv.t()).allclose(Tensor.eye(4), 0, 1e-5)).isTrue();
        assertThatThrownBy(() -> Init.orthogonal_(Tensor.empty(3))).hasMessageContaining("orthogonal_: only tensors with 2 or more dimensions");
    }

    @Test
    void theSameSeedGivesTheSameTensor() {
        Tensor a = Init.kaimingUniform_(Tensor.empty(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(7));
        Tensor b = Init.kaimingUniform_(Tensor.empty(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(7));
        Tensor c = Init.kaimingUniform_(Tensor.empty(10, 10), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(8));
        assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
        assertThat(a.equal(c)).isFalse();
    }

    @Test
    void integerTensorsAreRejected() {
        assertThatThrownBy(() -> Init.uniform_(Tensor.zeros(DType.INT64, 3), 0, 1)).hasMessage("uniform_: expected a floating point tensor, got int64");
    }
}
