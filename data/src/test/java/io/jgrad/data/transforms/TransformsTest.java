package io.jgrad.data.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Shaping.PadMode;
import org.junit.jupiter.api.Test;

class TransformsTest {
    /** A (1, 2, 3) image with values 1..6: rows [1, 2, 3] and [4, 5, 6]. */
    private static Tensor image() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
    }

    @Test
    void toTensorScalesPixelsBy255() {
        Tensor pixels = Tensor.of(new long[] {0, 1, 128, 255}, 1, 2, 2);
        Tensor t = new ToTensor().apply(pixels);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape()).containsExactly(1, 2, 2);
        assertThat(t.toFloatArray()).containsExactly(0f, 1 / 255f, 128 / 255f, 1f);
        Tensor fromBytes = ToTensor.fromUnsignedBytes(new byte[] {0, 1, (byte) 128, (byte) 255}, 1, 2, 2);
        assertThat(fromBytes.equal(t)).isTrue();
    }

    @Test
    void toTensorRefusesFloatsAndWrongSizes() {
        assertThatThrownBy(() -> new ToTensor().apply(image())).hasMessageContaining("already converted");
        assertThatThrownBy(() -> ToTensor.fromUnsignedBytes(new byte[5], 2, 2)).hasMessage("ToTensor: 5 pixels cannot fill shape [2, 2]");
    }

    @Test
    void normalizeUsesPerChannelMeanAndStd() {
        Tensor x = Tensor.of(new float[] {1, 3, 10, 30}, 2, 1, 2);   // channel 0: [1, 3], channel 1: [10, 30]
        Tensor y = new Normalize(new double[] {1, 10}, new double[] {2, 10}).apply(x);
        assertThat(y.toFloatArray()).containsExactly(0f, 1f, 0f, 2f);
        Tensor batch = Tensor.stack(java.util.List.of(x, x), 0);
        assertThat(new Normalize(new double[] {1, 10}, new double[] {2, 10}).apply(batch).toFloatArray()).containsExactly(0f, 1f, 0f, 2f, 0f, 1f, 0f, 2f);
    }

    @Test
    void normalizeErrors() {
        assertThatThrownBy(() -> new Normalize(new double[] {0.5}, new double[] {0})).hasMessageContaining("finite and non-zero");
        assertThatThrownBy(() -> new Normalize(new double[] {0.5, 0.5}, new double[] {1})).hasMessageContaining("2 means and 1 stds");
        assertThatThrownBy(() -> new Normalize(new double[] {0.5, 0.5}, new double[] {1, 1}).apply(image()))
                .hasMessage("Normalize: 2 channel means/stds for an image with 1 channels (shape [1, 2, 3])");
        assertThatThrownBy(() -> new Normalize(new double[] {0.5}, new double[] {1}).apply(Tensor.zeros(4, 4)))
                .hasMessage("Normalize: expected an image (C, H, W) or a batch (N, C, H, W), got shape [4, 4]");
        assertThatThrownBy(() -> new Normalize(new double[] {0.5}, new double[] {1}).apply(Tensor.zeros(DType.INT64, 1, 2, 2)))
                .hasMessageContaining("expected a float image, got");
    }

    @Test
    void horizontalFlipMirrorsColumns() {
        Tensor flipped = new RandomHorizontalFlip(1, new Generator(0)).apply(image());
        assertThat(flipped.shape()).containsExactly(1, 2, 3);
        assertThat(flipped.toFloatArray()).containsExactly(3f, 2f, 1f, 6f, 5f, 4f);
        assertThat(new RandomHorizontalFlip(0, new Generator(0)).apply(image()).toFloatArray()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    }

    @Test
    void horizontalFlipDrawsOncePerImageOfABatch() {
        int n = 64;
        Tensor batch = Tensor.arange(0, n * 3, 1, DType.FLOAT32).reshape(n, 1, 1, 3);
        Tensor out = new RandomHorizontalFlip(0.5, new Generator(11)).apply(batch);
        Generator replay = new Generator(11);
        int flips = 0;
        for (int i = 0; i < n; i++) {
            boolean flip = replay.nextDouble() < 0.5;
            float a = 3 * i;
            float[] expect = flip ? new float[] {a + 2, a + 1, a} : new float[] {a, a + 1, a + 2};
            assertThat(out.select(0, i).toFloatArray()).containsExactly(expect);
            if (flip) flips++;
        }
        assertThat(flips).isBetween(1, n - 1);   // a mix, so both paths of the batch were exercised
        assertThat(new RandomHorizontalFlip(0.5, new Generator(11)).apply(batch).equal(out)).isTrue();
    }

    @Test
    void cropWithPaddingCutsTheDrawnWindow() {
        // 1 x 2 x 3 image padded by 1 -> 4 x 5, crop 2 x 3 at (top, left) drawn from the generator.
        Generator replay = new Generator(5);
        Tensor out = new RandomCrop(2, 3, 1, new Generator(5)).apply(image());
        int top = (int) replay.nextLong(3), left = (int) replay.nextLong(3);
        float[][] padded = {
                {0, 0, 0, 0, 0},
                {0, 1, 2, 3, 0},
                {0, 4, 5, 6, 0},
                {0, 0, 0, 0, 0}};
        float[] expect = new float[6];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) expect[3 * r + c] = padded[top + r][left + c];
        assertThat(out.shape()).containsExactly(1, 2, 3);
        assertThat(out.toFloatArray()).containsExactly(expect);
    }

    @Test
    void cropCoversEveryWindowAndDrawsPerImage() {
        // 4 x 4 crops of a 4 x 4 image padded by 1: 3 x 3 possible windows, all of them reached.
        Tensor img = Tensor.arange(1, 17, 1).reshape(1, 1, 4, 4);
        Tensor batch = img.expand(200, 1, 4, 4).contiguous();
        Tensor out = new RandomCrop(4, 4, 1, new Generator(1)).apply(batch);
        java.util.Set<String> windows = new java.util.HashSet<>();
        Generator replay = new Generator(1);
        Tensor padded = img.pad(new int[] {1, 1, 1, 1}, 0);
        for (int i = 0; i < 200; i++) {
            int top = (int) replay.nextLong(3), left = (int) replay.nextLong(3);
            assertThat(out.select(0, i).equal(padded.select(0, 0).narrow(1, top, 4).narrow(2, left, 4))).isTrue();
            windows.add(top + "," + left);
        }
        assertThat(windows).hasSize(9);
    }

    @Test
    void cropWithReflectPaddingAndWithoutPadding() {
        Tensor reflect = new RandomCrop(4, 5, 1, PadMode.REFLECT, new Generator(0)).apply(image());
        assertThat(reflect.toFloatArray()).containsExactly(5f, 4f, 5f, 6f, 5f, 2f, 1f, 2f, 3f, 2f, 5f, 4f, 5f, 6f, 5f, 2f, 1f, 2f, 3f, 2f);
        assertThat(new RandomCrop(2, 3, 0, new Generator(0)).apply(image()).equal(image())).isTrue();
    }

    @Test
    void cropErrors() {
        assertThatThrownBy(() -> new RandomCrop(5, 3, 1, new Generator(0)).apply(image()))
                .hasMessage("RandomCrop: crop size (5, 3) is larger than the padded image (4, 5) for input shape [1, 2, 3] and padding 1");
        assertThatThrownBy(() -> new RandomCrop(0, 3, 1, new Generator(0))).hasMessageContaining("positive crop size");
    }

    @Test
    void sameSeedSameAugmentation() {
        Tensor batch = Tensor.rand(new Generator(3), 16, 3, 8, 8);
        Transform a = new Compose(new RandomCrop(8, 8, 2, new Generator(9)), new RandomHorizontalFlip(0.5, new Generator(10)));
        Transform b = new Compose(new RandomCrop(8, 8, 2, new Generator(9)), new RandomHorizontalFlip(0.5, new Generator(10)));
        Transform c = new Compose(new RandomCrop(8, 8, 2, new Generator(99)), new RandomHorizontalFlip(0.5, new Generator(10)));
        assertThat(a.apply(batch).equal(b.apply(batch))).isTrue();
        assertThat(a.apply(batch).equal(c.apply(batch))).isFalse();
        assertThat(batch.equal(Tensor.rand(new Generator(3), 16, 3, 8, 8))).isTrue();   // the input is untouched
    }

    @Test
    void composeAppliesInOrder() {
        Transform addOne = x -> x.add(1), triple = x -> x.mul(3);
        assertThat(new Compose(addOne, triple).apply(Tensor.of(1f)).item()).isEqualTo(6.0);
        assertThat(new Compose(triple, addOne).apply(Tensor.of(1f)).item()).isEqualTo(4.0);
        assertThat(new Compose().apply(Tensor.of(1f)).item()).isEqualTo(1.0);
    }
}
