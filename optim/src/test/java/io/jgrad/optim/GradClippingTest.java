package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** clipGradNorm_ and clipGradValue_ against torch.nn.utils (reference.txt). */
class GradClippingTest {
    static List<Tensor> paramsWithReferenceGrads() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 3, 4).requiresGrad_(true), b = Tensor.zeros(DType.FLOAT64, 5).requiresGrad_(true);
        a.setGrad(Tensor.of(Reference.get("clip_input", "grad0"), 3, 4));
        b.setGrad(Tensor.of(Reference.get("clip_input", "grad1"), 5));
        return List.of(a, b);
    }

    @ParameterizedTest
    @CsvSource({"clip_l2, 1.0, 2", "clip_inf, 0.5, Infinity", "clip_p1_5, 2.0, 1.5", "clip_none, 100.0, 2"})
    void clipGradNormMatchesPyTorch(String name, double maxNorm, double normType) {
        List<Tensor> params = paramsWithReferenceGrads();
        double total = GradClipping.clipGradNorm_(params, maxNorm, normType);
        assertThat(total).isCloseTo(Reference.get(name, "total")[0], within(1e-12));
        for (int i = 0; i < 2; i++) {
            double[] expected = Reference.get(name, "grad" + i), actual = params.get(i).grad().toDoubleArray();
            for (int k = 0; k < expected.length; k++) assertThat(actual[k]).as("grad%d[%d]", i, k).isCloseTo(expected[k], within(1e-12));
        }
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Tensor none = Tensor.zeros(2).requiresGrad_(true);
        assertThat(GradClipping.clipGradNorm_(List.of(none), 1.0)).isZero();
        Tensor g = Tensor.zeros(2).requiresGrad_(true);
        g.setGrad(Tensor.of(3f, 4f));
        assertThat(GradClipping.clipGradNorm_(List.of(none, g), 1.0)).isEqualTo(5.0);
        assertThat(g.grad().toFloatArray()).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
    }

    @Test
    void nonFiniteNorm() {
        Tensor p = Tensor.zeros(2).requiresGrad_(true);
        p.setGrad(Tensor.of(Float.POSITIVE_INFINITY, 1f));
        assertThatThrownBy(() -> GradClipping.clipGradNorm_(List.of(p), 1.0, 2, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clipGradNorm_: the total norm of order 2.0 of the gradients of 1 parameters is Infinity; pass errorIfNonfinite=false to clip anyway");
        assertThat(p.grad().toFloatArray()).containsExactly(Float.POSITIVE_INFINITY, 1f);
        assertThat(GradClipping.clipGradNorm_(List.of(p), 1.0)).isInfinite();
        assertThat(p.grad().toFloatArray()[1]).isZero(); // scaled by 1 / inf, as in PyTorch
    }

    @Test
    void clipGradValueClampsEveryElement() {
        Tensor p = Tensor.zeros(4).requiresGrad_(true);
        p.setGrad(Tensor.of(-3f, -0.5f, 0.2f, 7f));
        GradClipping.clipGradValue_(List.of(p), 1.0);
        assertThat(p.grad().toFloatArray()).containsExactly(-1f, -0.5f, 0.2f, 1f);
    }

    @Test
    void badArguments() {
        List<Tensor> params = paramsWithReferenceGrads();
        assertThatThrownBy(() -> GradClipping.clipGradNorm_(params, -1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clipGradNorm_: invalid maxNorm -1.0 (must be >= 0)");
        assertThatThrownBy(() -> GradClipping.clipGradNorm_(params, 1.0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clipGradNorm_: invalid normType 0.0 (must be > 0, or infinity)");
        assertThatThrownBy(() -> GradClipping.clipGradValue_(params, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clipGradValue_: invalid clipValue -0.1 (must be >= 0)");
    }
}
