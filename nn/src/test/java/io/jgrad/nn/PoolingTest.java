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

/** Max / average / adaptive pooling and interpolation: hand-computed cases, gradients, errors. */
class PoolingTest {
    final Generator gen = new Generator(7);
    static final int[] ONE = {1}, ZERO = {0};

    static Tensor row(double... v) {
        return Tensor.of(v, 1, 1, v.length);
    }

    @Test
    void maxPool2dValuesAndIndices() {
        Tensor x = Tensor.of(new float[] {1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 2, 3}, 1, 1, 4, 4);
        Tensor.ValuesIndices r = F.maxPool2dWithIndices(x, new int[] {2}, null, null, null, false);
        close(r.values(), new double[] {5, 8, 9, 3}, new int[] {1, 1, 2, 2}, 0);
        assertThat(r.indices().toLongArray()).containsExactly(1, 6, 12, 15);
        assertThat(r.indices().dtype()).isEqualTo(DType.INT64);
    }

    @Test
    void maxPool2dOfTwoFollowsPyTorchsTieAndNaNRuleAgainstASequentialReference() {
        // MaxPool2d(2) has its own kernel; ties (many equal values), NaNs and signed zeros must
        // pick the same element as PyTorch's scan: row by row, a later tap wins only if strictly
        // greater or NaN.
        int h = 6, w = 8;
        float[] v = new float[2 * h * w];
        float[] pool = {0f, -0f, 1f, 1f, 2f, Float.NaN, -1f};
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < v.length; i++) v[i] = pool[random.nextInt(pool.length)];
        Tensor.ValuesIndices r = F.maxPool2dWithIndices(Tensor.of(v, 1, 2, h, w), new int[] {2}, null, null, null, false);
        float[] values = r.values().toFloatArray();
        long[] indices = r.indices().toLongArray();
        int o = 0;
        for (int plane = 0; plane < 2; plane++)
            for (int oy = 0; oy < h / 2; oy++)
                for (int ox = 0; ox < w / 2; ox++, o++) {
                    int best = -1;
                    for (int dy = 0; dy < 2; dy++)
                        for (int dx = 0; dx < 2; dx++) {
                            int at = (2 * oy + dy) * w + 2 * ox + dx;
                            float x = v[plane * h * w + at];
                            if (best < 0 || x > v[plane * h * w + best] || Float.isNaN(x)) best = at;
                        }
                    assertThat(indices[o]).as("index of output %d", o).isEqualTo(best);
                    assertThat(Float.floatToRawIntBits(values[o])).as("bits of output %d", o)
                            .isEqualTo(Float.floatToRawIntBits(v[plane * h * w + best]));
                }
    }

    @Test
    void maxPoolCeilModeDropsAWindowStartingInTheRightPadding() {
        // L=5, k=2, s=2, p=1, ceil: windows start at -1, 1, 3 (a fourth would start at 5, in the padding).
        Tensor x = row(1, 2, 3, 4, 5);
        close(F.maxPool1d(x, new int[] {2}, new int[] {2}, ONE, ONE, true), new double[] {1, 3, 5}, new int[] {1, 1, 3}, 0);
        // Without padding, ceil mode keeps the partial last window [4, 6).
        close(F.maxPool1d(x, new int[] {2}, new int[] {2}, ZERO, ONE, true), new double[] {2, 4, 5}, new int[] {1, 1, 3}, 0);
        close(F.maxPool1d(x, new int[] {2}, new int[] {2}, ZERO, ONE, false), new double[] {2, 4}, new int[] {1, 1, 2}, 0);
    }

    @Test
    void maxPoolDilationAndNaN() {
        Tensor.ValuesIndices r = F.maxPool1dWithIndices(row(1, 5, 2, 4, 3), new int[] {2}, ONE, ZERO, new int[] {2}, false);
        close(r.values(), new double[] {2, 5, 3}, new int[] {1, 1, 3}, 0);
        assertThat(r.indices().toLongArray()).containsExactly(2, 1, 4);
        Tensor.ValuesIndices n = F.maxPool1dWithIndices(row(1, Double.NaN, 3, 2), new int[] {2}, null, null, null, false);
        assertThat(n.values().toDoubleArray()[0]).isNaN();
        assertThat(n.indices().toLongArray()).containsExactly(1, 2);
    }

    @Test
    void maxPoolGradientGoesToTheArgMaxAndAccumulates() {
        Tensor x = leaf(new double[] {1, 3, 2, 0}, 1, 1, 4);
        // Overlapping windows [0,2), [1,3), [2,4): maxima at 1, 1, 2.
        F.maxPool1d(x, new int[] {2}, ONE, ZERO, ONE, false).sum().backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 2, 1, 0);
    }

    @Test
    void avgPoolDivisors() {
        Tensor x = row(1, 2, 3, 4);
        // k=3, s=2, p=1: windows [-1, 2) and [1, 4).
        close(F.avgPool1d(x, new int[] {3}, new int[] {2}, ONE, false, true), new double[] {1, 3}, new int[] {1, 1, 2}, 1e-15);
        close(F.avgPool1d(x, new int[] {3}, new int[] {2}, ONE, false, false), new double[] {1.5, 3}, new int[] {1, 1, 2}, 1e-15);
        // Ceil mode adds [3, 6) clipped to the padded input [3, 5): divisor 2 with padding counted, 1 without.
        close(F.avgPool1d(x, new int[] {3}, new int[] {2}, ONE, true, true), new double[] {1, 3, 2}, new int[] {1, 1, 3}, 1e-15);
        close(F.avgPool1d(x, new int[] {3}, new int[] {2}, ONE, true, false), new double[] {1.5, 3, 4}, new int[] {1, 1, 3}, 1e-15);
        Tensor x2 = Tensor.arange(0, 16, 1, DType.FLOAT64).reshape(1, 1, 4, 4);
        close(F.avgPool2d(x2, 2), new double[] {2.5, 4.5, 10.5, 12.5}, new int[] {1, 1, 2, 2}, 1e-15);
    }

    @Test
    void adaptiveAvgPoolWindowsOverlapLikePyTorch() {
        // 5 -> 3: windows [0, 2), [1, 4), [3, 5).
        close(F.adaptiveAvgPool1d(row(1, 2, 3, 4, 5), 3), new double[] {1.5, 3, 4.5}, new int[] {1, 1, 3}, 1e-15);
        Tensor x = Tensor.arange(0, 16, 1, DType.FLOAT64).reshape(1, 1, 4, 4);
        close(F.adaptiveAvgPool2d(x, new int[] {1}), new double[] {7.5}, new int[] {1, 1, 1, 1}, 1e-15);
        // Unbatched (C, H, W) works too.
        assertThat(F.adaptiveAvgPool2d(x.reshape(1, 4, 4), new int[] {2, 1}).shape()).containsExactly(1, 2, 1);
    }

    @Test
    void interpolateNearestAndLinear() {
        Tensor x = row(1, 2);
        close(F.interpolate(x, null, new double[] {2}, "nearest", null), new double[] {1, 1, 2, 2}, new int[] {1, 1, 4}, 0);
        close(F.interpolate(row(1, 2, 3), new int[] {2}, null, "nearest", null), new double[] {1, 2}, new int[] {1, 1, 2}, 0);
        // align_corners=False: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (the edge).
        close(F.interpolate(x, null, new double[] {2}, "linear", false), new double[] {1, 1.25, 1.75, 2}, new int[] {1, 1, 4}, 1e-15);
        close(F.interpolate(x, new int[] {4}, null, "linear", true), new double[] {1, 4 / 3.0, 5 / 3.0, 2}, new int[] {1, 1, 4}, 1e-15);
        // Bilinear is linear along each axis in turn.
        Tensor img = Tensor.of(new double[] {0, 1, 2, 3}, 1, 1, 2, 2);
        Tensor up = F.interpolate(img, null, new double[] {2}, "bilinear", false);
        assertThat(up.shape()).containsExactly(1, 1, 4, 4);
        assertThat(up.get(0, 0, 1, 1)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void gradchecks2d() {
        Tensor x = leaf(gen, 1, 2, 5, 5);
        gradchecks(a -> F.maxPool2d(a.get(0), new int[] {3}, new int[] {2}, ONE, ONE, true), x);
        gradchecks(a -> F.avgPool2d(a.get(0), new int[] {3, 2}, new int[] {2}, new int[] {1}, true, false), x);
        gradchecks(a -> F.adaptiveAvgPool2d(a.get(0), new int[] {3, 2}), x);
        Tensor s = leaf(gen, 1, 1, 3, 2);
        gradchecks(a -> F.interpolate(a.get(0), null, new double[] {2, 3}, "bilinear", false), s);
        gradchecks(a -> F.interpolate(a.get(0), new int[] {5, 3}, null, "nearest", null), s);
    }

    @Test
    void badInputsAreNamedWithShapes() {
        Tensor x = Tensor.zeros(1, 1, 4, 4);
        assertThatThrownBy(() -> F.maxPool2d(x, new int[] {2}, null, new int[] {2}, null, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_pool2d: padding should be at most half of the kernel size, but got padding [2, 2] for kernel_size [2, 2]");
        assertThatThrownBy(() -> F.maxPool2d(x, new int[] {5}, null, null, null, false))
                .hasMessageStartingWith("max_pool2d: output size [0, 0] is too small for input of shape [1, 1, 4, 4]");
        assertThatThrownBy(() -> F.maxPool2d(Tensor.zeros(4, 4), 2))
                .hasMessage("max_pool2d: expected a 3-d (unbatched) or 4-d (batched) input, got input of shape [4, 4]");
        assertThatThrownBy(() -> F.avgPool2d(x, new int[] {2, 2, 2}, null, null, false, true))
                .hasMessageContaining("avg_pool2d: kernel_size needs 1 or 2 values, got [2, 2, 2]");
        assertThatThrownBy(() -> F.avgPool2d(Tensor.zeros(DType.INT64, 1, 1, 4, 4), 2)).hasMessageContaining("avg_pool2d: expected a floating point input, got int64");
        assertThatThrownBy(() -> F.adaptiveAvgPool2d(x, new int[] {0})).hasMessageContaining("adaptive_avg_pool2d: output_size must be positive");
        assertThatThrownBy(() -> F.interpolate(x, new int[] {2}, new double[] {2}, "nearest", null))
                .hasMessageContaining("exactly one of size and scale_factor");
        assertThatThrownBy(() -> F.interpolate(x, null, new double[] {2}, "bicubic", null)).hasMessageContaining("mode must be one of");
        assertThatThrownBy(() -> F.interpolate(x, null, new double[] {2}, "linear", null))
                .hasMessage("interpolate: mode 'linear' needs a 3-d input, got input of shape [1, 1, 4, 4]");
        assertThatThrownBy(() -> F.interpolate(x, null, new double[] {2}, "nearest", true)).hasMessageContaining("align_corners can only be set");
        assertThatThrownBy(() -> F.interpolate(x, null, new double[] {0.1}, "nearest", null)).hasMessageContaining("gives output size [0, 0]");
    }
}
