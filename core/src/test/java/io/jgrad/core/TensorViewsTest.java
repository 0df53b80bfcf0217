package io.jgrad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Views share storage and never copy; reshape copies only when it must; negative dims work. */
class TensorViewsTest {
    static Tensor range(int... shape) {
        return Tensor.arange(0, Shape.numel(shape), 1, DType.FLOAT32).reshape(shape);
    }

    @Test
    void viewOpsShareStorage() {
        Tensor x = range(2, 3, 4);
        for (Tensor v : List.of(x.view(6, 4), x.transpose(0, 2), x.permute(2, 0, 1), x.narrow(1, 1, 2), x.select(-1, 3),
                x.unsqueeze(0), x.slice(2, 0, 4, 2), x.flatten(), x.movedim(0, -1), x.unsqueeze(1).expand(2, 5, 3, 4))) {
            assertThat(v.storage()).isSameAs(x.storage());
        }
        Tensor t = x.transpose(0, 1);
        t.select(0, 1).select(0, 0).fill_(-1);
        assertThat(x.get(0, 1, 2)).isEqualTo(-1);
        assertThat(x.version()).isEqualTo(1);
    }

    @Test
    void reshapeCopiesOnlyWhenStridesForbidAView() {
        Tensor x = range(3, 4);
        assertThat(x.reshape(4, 3).storage()).isSameAs(x.storage());
        Tensor t = x.t();
        assertThat(t.isContiguous()).isFalse();
        Tensor r = t.reshape(12);
        assertThat(r.storage()).isNotSameAs(x.storage());
        assertThat(r.toFloatArray()).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        // A permutation that keeps merged dims contiguous still views.
        Tensor y = range(2, 3, 4).permute(1, 0, 2);
        assertThat(y.reshape(3, 8).storage()).isNotSameAs(y.storage());
        assertThat(range(2, 3, 4).transpose(1, 2).reshape(2, 12).toFloatArray()[1]).isEqualTo(4);
    }

    @Test
    void expandUsesStrideZeroAndBroadcastingWorks() {
        Tensor b = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor e = b.expand(4, 3);
        assertThat(e.stride()).containsExactly(0, 1);
        Tensor sum = range(4, 3).add(b);
        assertThat(sum.get(3, 2)).isEqualTo(11 + 3);
        Tensor col = Tensor.of(new float[] {10, 20}, 2, 1);
        assertThat(col.mul(b).shape()).containsExactly(2, 3);
        assertThat(col.mul(b).get(1, 2)).isEqualTo(60);
    }

    @Test
    void typePromotionFollowsPyTorch() {
        Tensor i = Tensor.of(new long[] {1, 2, 3});
        Tensor f = Tensor.of(new float[] {0.5f, 0.5f, 0.5f});
        assertThat(i.add(f).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(i.add(1).dtype()).isEqualTo(DType.INT64);
        assertThat(i.mul(0.5).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(i.div(Tensor.of(new long[] {2, 2, 2})).toFloatArray()).containsExactly(0.5f, 1f, 1.5f);
        assertThat(f.add(Tensor.scalar(1, DType.FLOAT64)).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.add(Tensor.of(new double[] {1, 1, 1})).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(i.gt(1).dtype()).isEqualTo(DType.BOOL);
    }

    @Test
    void nestedArraysRoundTrip() {
        float[][] a = {{1, 2, 3}, {4, 5, 6}};
        Tensor t = Tensor.fromNested(a);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat((float[][]) t.t().toNested()).isDeepEqualTo(new float[][] {{1, 4}, {2, 5}, {3, 6}});
        assertThat((long[]) Tensor.fromNested(new int[] {7, 8}).toNested()).containsExactly(7, 8);
        assertThat(Tensor.scalar(2.5).toNested()).isEqualTo(2.5f);
        assertThat((double[][][]) Tensor.zeros(DType.FLOAT64, 2, 0, 3).toNested()).hasDimensions(2, 0);
    }

    @Test
    void splitChunkAndUnbindAreViews() {
        Tensor x = range(5, 2);
        assertThat(x.split(2, 0)).extracting(t -> t.size(0)).containsExactly(2, 2, 1);
        assertThat(x.chunk(3, 0)).extracting(t -> t.size(0)).containsExactly(2, 2, 1);
        assertThat(x.unbind(1)).hasSize(2).allSatisfy(t -> assertThat(t.storage()).isSameAs(x.storage()));
    }

    @Test
    void inPlaceOpsWriteThroughStridedViews() {
        Tensor x = range(3, 3);
        x.t().add_(1);
        assertThat(x.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        x.copy_(Tensor.of(new float[] {0, 1, 2}));
        assertThat(x.toFloatArray()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2);
        x.add_(x.t());
        assertThat(x.toFloatArray()).containsExactly(0, 1, 2, 1, 2, 3, 2, 3, 4);
    }

    @Test
    void aLongSumIsTheInOrderSumOfItsFixedPiecesHoweverTheyArePaired() {
        int piece = 1 << 14, n = 5 * piece + 777;  // an odd number of full pieces and a ragged end
        Tensor a = Tensor.randn(new Generator(4), n);
        // Warm up both kernels first: interpreted Vector API code may add lanes in another order than C2's.
        for (int i = 0; i < 500; i++) {
            a.sum();
            a.narrow(0, 0, piece).sum();
        }
        float[] partials = new float[6];
        for (int p = 0; p < 6; p++) partials[p] = (float) a.narrow(0, p * piece, Math.min(piece, n - p * piece)).sum().item();
        double expected = Tensor.of(partials, 6).sum().item();
        int threads = Tensor.getNumThreads();
        try {
            for (int t = 1; t <= 2; t++) {
                Tensor.setNumThreads(t);
                assertThat(a.sum().item()).as("%d threads", t).isEqualTo(expected);
            }
        } finally {
            Tensor.setNumThreads(threads);
        }
    }

    @Test
    void largeOpsSplitAcrossThreadsGiveTheSameResult() {
        int n = 1 << 20;
        Tensor a = Tensor.rand(new Generator(1), n), b = Tensor.rand(new Generator(2), n);
        int threads = Tensor.getNumThreads();
        try {
            // Warm up first: interpreted Vector API code may round exp differently from the C2 intrinsic.
            for (int i = 0; i < 20; i++) a.mul(b).add(a).exp();
            Tensor.setNumThreads(1);
            float[] one = a.mul(b).add(a).exp().toFloatArray();
            double s1 = a.sum().item();
            Tensor.setNumThreads(2);
            assertThat(java.util.Arrays.equals(a.mul(b).add(a).exp().toFloatArray(), one)).as("same floats on 1 and 2 threads").isTrue();
            assertThat(a.sum().item()).isEqualTo(s1);
        } finally {
            Tensor.setNumThreads(threads);
        }
    }
}
