package io.jgrad.data.readers;

import static io.jgrad.data.readers.IdxFiles.gzip;
import static io.jgrad.data.readers.IdxFiles.idx;
import static io.jgrad.data.readers.IdxFiles.ramp;
import static io.jgrad.data.readers.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    /** The tiny real sample in src/test/resources, with the checks its generator script printed. */
    @Test
    void loadsTheBundledSampleFromTheClassPath() throws IOException {
        FashionMnist data = FashionMnist.loadResources("fashion-mnist-tiny");
        FashionMnist.Split train = data.train(), test = data.test();
        assertThat(train.images().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(train.images().shape()).containsExactly(20, 1, 28, 28);
        assertThat(train.labels().dtype()).isEqualTo(DType.INT64);
        assertThat(train.labels().toLongArray()).startsWith(9, 0, 0, 3, 2, 7, 2, 5, 5, 9);
        assertThat(test.size()).isEqualTo(10);
        assertThat(test.labels().toLongArray()).startsWith(9, 2, 1, 6, 4, 5, 7, 3, 8, 0);
        assertThat(pixelByteSum(train.images())).isEqualTo(1171984);
        assertThat(pixelByteSum(test.images())).isEqualTo(502830);
        assertThat(train.images().amin().item()).isGreaterThanOrEqualTo(0);
        assertThat(train.images().amax().item()).isEqualTo(1.0);
        List<Tensor> sample = train.dataset().get(3);
        assertThat(sample.get(0).shape()).containsExactly(1, 28, 28);
        assertThat(FashionMnist.CLASSES.get((int) sample.get(1).itemLong())).isEqualTo("Dress");
    }

    /** Undoes the / 255 scaling exactly (every k / 255f rounds back to k). */
    private static long pixelByteSum(Tensor images) {
        long sum = 0;
        for (float v : images.toFloatArray()) sum += Math.round(v * 255);
        return sum;
    }

    @Test
    void loadsPlainAndGzippedFilesFromADirectory() throws IOException {
        writeSplit("train", 3, 3, 28, false);
        writeSplit("t10k", 2, 2, 28, true);
        FashionMnist data = FashionMnist.load(dir);
        assertThat(data.train().images().shape()).containsExactly(3, 1, 28, 28);
        assertThat(data.test().images().shape()).containsExactly(2, 1, 28, 28);
        assertThat(data.train().labels().toLongArray()).containsExactly(0, 1, 2);
        assertThat(data.train().images().toFloatArray()[1]).isEqualTo(1 / 255f);
    }

    @Test
    void countsThatDisagree() throws IOException {
        writeSplit("train", 3, 2, 28, false);
        writeSplit("t10k", 2, 2, 28, false);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(MalformedDataException.class)
                .hasMessage(dir.resolve("train-images-idx3-ubyte") + ": holds 3 images but " + dir.resolve("train-labels-idx1-ubyte") + " holds 2 labels");
    }

    @Test
    void wrongImageSize() throws IOException {
        writeSplit("train", 2, 2, 32, false);
        writeSplit("t10k", 2, 2, 28, false);
        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageEndingWith("expected 28x28 images, found 32x32");
    }

    @Test
    void labelOutsideTheTenClasses() throws IOException {
        write(dir, "train-images-idx3-ubyte", idx(new int[] {2, 28, 28}, ramp(2 * 28 * 28)));
        write(dir, "train-labels-idx1-ubyte", idx(new int[] {2}, new byte[] {3, 10}));
        writeSplit("t10k", 2, 2, 28, false);
        assertThatThrownBy(() -> FashionMnist.load(dir)).hasMessageEndingWith("label 10 at index 1 is not one of the 10 classes");
    }

    @Test
    void missingFileNamesBothCandidates() throws IOException {
        writeSplit("train", 2, 2, 28, false);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("neither t10k-images-idx3-ubyte nor t10k-images-idx3-ubyte.gz is in " + dir);
    }

    @Test
    void missingResource() {
        assertThatThrownBy(() -> FashionMnist.loadResources("no-such-dir")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such-dir/train-images-idx3-ubyte.gz");
    }

    private void writeSplit(String prefix, int images, int labels, int side, boolean gz) throws IOException {
        byte[] imageFile = idx(new int[] {images, side, side}, ramp(images * side * side));
        byte[] labelFile = idx(new int[] {labels}, ramp(labels));
        String suffix = gz ? ".gz" : "";
        write(dir, prefix + "-images-idx3-ubyte" + suffix, gz ? gzip(imageFile) : imageFile);
        write(dir, prefix + "-labels-idx1-ubyte" + suffix, gz ? gzip(labelFile) : labelFile);
    }
}
