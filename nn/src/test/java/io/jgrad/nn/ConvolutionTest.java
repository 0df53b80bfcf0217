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

/**
 * conv1d / conv2d / conv_transpose: hand-computed cases, agreement of forward and all three
 * gradients with a direct loop reference over many geometries (every im2col path), float64
 * gradcheck and gradgradcheck, and error messages.
 */
class ConvolutionTest {
    final Generator gen = new Generator(42);
    static final int[] ONE = {1}, ZERO = {0};

    @Test
    void conv2dByHand() {
        // 1 channel 3x3 input, 2x2 kernel of ones: each output sums a 2x2 window, plus the bias.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.ones(1, 1, 2, 2), b = Tensor.of(new float[] {10}, 1);
        close(F.conv2d(x, w, b), new double[] {22, 26, 34, 38}, new int[] {1, 1, 2, 2}, 0);
        // Padding 1, stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1).
        close(F.conv2d(x, w, null, new int[] {2}, new int[] {1}, ONE, 1), new double[] {1, 5, 11, 28}, new int[] {1, 1, 2, 2}, 0);
        // Dilation 2 with a 2x2 kernel reaches the four corners.
        close(F.conv2d(x, w, null, ONE, ZERO, new int[] {2}, 1), new double[] {20}, new int[] {1, 1, 1, 1}, 0);
    }

    @Test
    void conv1dSamePaddingPutsTheOddElementAtTheEnd() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        Tensor w = Tensor.of(new float[] {1, 10}, 1, 1, 2);
        // Even kernel: total padding 1, all of it after the input: [1+20, 2+30, 3+40, 4+0].
        close(F.conv1d(x, w, null, ONE, "same", ONE, 1), new double[] {21, 32, 43, 4}, new int[] {1, 1, 4}, 0);
        close(F.conv1d(x, w, null, ONE, "valid", ONE, 1), new double[] {21, 32, 43}, new int[] {1, 1, 3}, 0);
        // Unbatched input (C, L) gives an unbatched output.
        assertThat(F.conv1d(x.reshape(1, 4), w, null).shape()).containsExactly(1, 3);
    }

    @Test
    void groupsConvolveChannelGroupsSeparately() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2); // channel 0: [1, 2], channel 1: [3, 4]
        Tensor w = Tensor.of(new float[] {1, 1, 2, 2}, 2, 1, 2); // one kernel per channel
        close(F.conv1d(x, w, null, ONE, ZERO, ONE, 2), new double[] {3, 14}, new int[] {1, 2, 1}, 0);
    }

    @Test
    void convTransposeByHand() {
        // Stride 2 spreads each input over a 2x2 block of the output.
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 1, 1, 2);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        close(F.convTranspose2d(x, w, null, new int[] {2}, ZERO, ZERO, 1, ONE), new double[] {1, 2, 2, 4, 3, 4, 6, 8}, new int[] {1, 1, 2, 4}, 0);
        // output_padding adds a row and column that only the bias reaches.
        Tensor y = F.convTranspose2d(x, w, Tensor.of(new float[] {0.5f}, 1), new int[] {2}, ZERO, ONE, 1, ONE);
        assertThat(y.shape()).containsExactly(1, 1, 3, 5);
        assertThat(y.get(0, 0, 2, 4)).isEqualTo(0.5);
    }

    @Test
    void oneDimensionalOpsAreTheTwoDimensionalOnesOfHeightOne() {
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 2, 4, 9), w = Tensor.randn(gen, DType.FLOAT64, 4, 3, 3), b = Tensor.randn(gen, DType.FLOAT64, 6);
        int[] stride = {2}, pad = {1}, outPad = {1}, dil = {2};
        Tensor y1 = F.convTranspose1d(x, w, b, stride, pad, outPad, 2, dil);
        Tensor y2 = F.convTranspose2d(x.unsqueeze(2), w.unsqueeze(2), b, new int[] {1, 2}, new int[] {0, 1}, new int[] {0, 1}, 2, new int[] {1, 2});
        close(y1, y2.squeeze(2), 1e-13);
        // Unbatched input gives an unbatched output.
        close(F.convTranspose1d(x.select(0, 1), w, b, stride, pad, outPad, 2, dil), y1.select(0, 1), 1e-13);
        Tensor c = Tensor.randn(gen, DType.FLOAT64, 6, 2, 3);
        close(F.conv1d(x, c, null, stride, pad, dil, 2), F.conv2d(x.unsqueeze(2), c.unsqueeze(2), null, new int[] {1, 2}, new int[] {0, 1}, new int[] {1, 2}, 2).squeeze(2), 1e-13);
    }

    @Test
    void forwardAndGradientsMatchADirectLoopOverManyGeometries() {
        // {n, c, h, w, o, kh, kw, stride h, stride w, pad h, pad w, dil h, dil w, groups}
        int[][] cases = {
                {2, 3, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1},   // "same"-shaped: the shifted im2col path
                {1, 2, 7, 5, 3, 3, 2, 2, 1, 1, 0, 1, 1, 1},   // strided rows
                {2, 4, 5, 5, 4, 3, 3, 1, 2, 0, 1, 1, 2, 2},   // groups, strided columns, dilation
                {1, 3, 4, 4, 6, 1, 1, 1, 1, 0, 0, 1, 1, 3},   // pointwise: no im2col at all
                {1, 2, 5, 6, 2, 2, 3, 2, 2, 1, 1, 2, 1, 1},
                {3, 1, 8, 8, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1},  // few input channels, many outputs (transposed weight GEMM)
        };
        for (int[] k : cases) {
            for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Tensor x = Tensor.randn(gen, dt, k[0], k[1], k[2], k[3]).requiresGrad_(true);
                Tensor w = Tensor.randn(gen, dt, k[4], k[1] / k[13], k[5], k[6]).requiresGrad_(true);
                Tensor b = Tensor.randn(gen, dt, k[4]).requiresGrad_(true);
                int[] stride = {k[7], k[8]}, pad = {k[9], k[10]}, dil = {k[11], k[12]};
                Tensor y = F.conv2d(x, w, b, stride, pad, dil, k[13]);
                Tensor g = Tensor.randn(gen, dt, y.shape());
                y.backward(g);
                Reference r = Reference.conv2d(x.toDoubleArray(), x.shape(), w.toDoubleArray(), w.shape(), b.toDoubleArray(), stride, pad, dil, k[13],
                        g.toDoubleArray());
                double tol = dt == DType.FLOAT64 ? 1e-12 : 1e-4;
                close(y, r.y, r.yShape, tol);
                close(x.grad(), r.dx, x.shape(), tol);
                close(w.grad(), r.dw, w.shape(), tol);
                close(b.grad(), r.db, b.shape(), tol);
            }
        }
    }

    @Test
    void transposedConvolutionIsTheAdjointOfConvolution() {
        // <conv(x, w), y> == <x, conv_transpose(y, w)> for matching geometry (output_padding fills the gap).
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 2, 4, 7, 6), w = Tensor.randn(gen, DType.FLOAT64, 6, 2, 3, 2);
        int[] stride = {2, 1}, pad = {1, 0}, dil = {1, 2};
        Tensor cx = F.conv2d(x, w, null, stride, pad, dil, 2);
        Tensor y = Tensor.randn(gen, DType.FLOAT64, cx.shape());
        Tensor ty = F.convTranspose2d(y, w, null, stride, pad, ZERO, 2, dil);
        assertThat(ty.shape()).containsExactly(2, 4, 7, 6);
        assertThat(cx.mul(y).sum().item()).isCloseTo(x.mul(ty).sum().item(), org.assertj.core.data.Offset.offset(1e-10));
    }

    @Test
    void gradcheckConv2d() {
        Tensor x = leaf(gen, 1, 2, 4, 4), w = leaf(gen, 2, 2, 2, 2), b = leaf(gen, 2);
        gradchecks(a -> F.conv2d(a.get(0), a.get(1), a.get(2), new int[] {2, 1}, new int[] {1}, ONE, 1), x, w, b);
    }

    @Test
    void gradcheckConv1dGroupsAndDilation() {
        Tensor x = leaf(gen, 1, 2, 6), w = leaf(gen, 2, 1, 2), b = leaf(gen, 2);
        gradchecks(a -> F.conv1d(a.get(0), a.get(1), a.get(2), ONE, "same", new int[] {2}, 2), x, w, b);
    }

    @Test
    void gradcheckConvTranspose2d() {
        Tensor x = leaf(gen, 1, 2, 2, 3), w = leaf(gen, 2, 1, 2, 2), b = leaf(gen, 1);
        gradchecks(a -> F.convTranspose2d(a.get(0), a.get(1), a.get(2), new int[] {2}, ZERO, new int[] {1}, 1, ONE), x, w, b);
    }

    @Test
    void badInputsAreNamedWithShapes() {
        Tensor w = Tensor.zeros(16, 3, 3, 3);
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(8, 4, 32, 32), w, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d: expected input with 3 channels (weight [16, 3, 3, 3]) but got input of shape [8, 4, 32, 32]");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(32, 32), w, null))
                .hasMessage("conv2d: expected a 3-d (unbatched) or 4-d (batched) input, got input of shape [32, 32]");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 2, 2), w, null))
                .hasMessageStartingWith("conv2d: kernel size (dilated) [3, 3] is larger than the padded input [2, 2]");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w, Tensor.zeros(3)))
                .hasMessage("conv2d: expected a bias of shape [16], got [3]");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 6, 5, 5), w, null, ONE, ZERO, ONE, 3))
                .hasMessageContaining("out_channels 16 (weight [16, 3, 3, 3]) must be divisible by groups 3");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w, null, new int[] {2}, "same", ONE, 1))
                .hasMessageContaining("padding='same' is not supported for strided convolutions");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w, null, ONE, "full", ONE, 1))
                .hasMessageContaining("padding must be \"same\", \"valid\" or numbers, got 'full'");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w, null, new int[] {1, 1, 1}, ZERO, ONE, 1))
                .hasMessageContaining("conv2d: stride needs 1 or 2 values, got [1, 1, 1]");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w, null, new int[] {0}, ZERO, ONE, 1))
                .hasMessageContaining("conv2d: stride must be positive");
        assertThatThrownBy(() -> F.conv2d(Tensor.zeros(1, 3, 5, 5), w.to(DType.FLOAT64), null))
                .hasMessageContaining("conv2d: input (float32), weight (float64) must have the same dtype");
        assertThatThrownBy(() -> F.conv1d(Tensor.zeros(1, 3, 5), w, null))
                .hasMessageContaining("conv1d: expected a 3-d weight");
        assertThatThrownBy(() -> F.convTranspose2d(Tensor.zeros(1, 4, 3, 3), Tensor.zeros(3, 2, 3, 3), null))
                .hasMessage("conv_transpose2d: expected input with 3 channels (weight [3, 2, 3, 3]) but got input of shape [1, 4, 3, 3]");
        assertThatThrownBy(() -> F.convTranspose2d(Tensor.zeros(1, 3, 3, 3), Tensor.zeros(3, 2, 3, 3), null, ONE, new int[] {3}, ZERO, 1, ONE))
                .hasMessageContaining("conv_transpose2d: output size -1 along spatial dim 0 is not positive");
        assertThatThrownBy(() -> F.convTranspose2d(Tensor.zeros(1, 3, 3, 3), Tensor.zeros(3, 2, 3, 3), null, ONE, ZERO, ONE, 1, ONE))
                .hasMessageContaining("output_padding [1, 1] must be smaller than either stride [1, 1] or dilation [1, 1]");
    }

    /** Direct-loop convolution and its gradients for sum(y * g), in double. */
    static final class Reference {
        double[] y, dx, dw, db;
        int[] yShape;

        static Reference conv2d(double[] x, int[] xs, double[] w, int[] ws, double[] b, int[] s, int[] p, int[] d, int groups, double[] g) {
            int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3], og = o / groups;
            int oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1, ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
            Reference r = new Reference();
            r.yShape = new int[] {n, o, oh, ow};
            r.y = new double[n * o * oh * ow];
            r.dx = new double[x.length];
            r.dw = new double[w.length];
            r.db = new double[o];
            for (int in = 0; in < n; in++)
                for (int oc = 0; oc < o; oc++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox++) {
                            int yi = ((in * o + oc) * oh + oy) * ow + ox;
                            double acc = b[oc], gy = g[yi];
                            r.db[oc] += gy;
                            for (int ci = 0; ci < cg; ci++)
                                for (int i = 0; i < kh; i++)
                                    for (int j = 0; j < kw; j++) {
                                        int iy = oy * s[0] - p[0] + i * d[0], ix = ox * s[1] - p[1] + j * d[1];
                                        if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                        int xi = ((in * c + (oc / og) * cg + ci) * h + iy) * wd + ix, wi = ((oc * cg + ci) * kh + i) * kw + j;
                                        acc += w[wi] * x[xi];
                                        r.dx[xi] += w[wi] * gy;
                                        r.dw[wi] += x[xi] * gy;
                                    }
                            r.y[yi] = acc;
                        }
            return r;
        }
    }
}
