package io.jgrad.data.readers;

import io.jgrad.core.Tensor;
import io.jgrad.data.TensorDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 28x28 grey images of clothing in 10 classes,
 * 60,000 for training and 10,000 for testing, stored as four IDX files.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load(FashionMnist.SYSTEM_DIR);           // Debian's dataset-fashion-mnist
 * FashionMnist subset = FashionMnist.loadResources("fashion-mnist-subset"); // bundled with the examples
 * TensorDataset train = data.train().dataset();                              // [image (1, 28, 28), label]
 * }</pre>
 *
 * Images are float32 {@code (N, 1, 28, 28)} with values {@code pixel / 255} in [0, 1] (no other
 * normalisation); labels are int64 {@code (N)} in {@code 0..9}, indices into {@link #CLASSES}.
 */
public final class FashionMnist {
    /** The class names, index = label. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final int SIDE = 28;

    private final Split train;
    private final Split test;

    private FashionMnist(Split train, Split test) {
        this.train = train;
        this.test = test;
    }

    /**
     * Images and labels of one split.
     *
     * @param images float32 {@code (N, 1, 28, 28)} in [0, 1]
     * @param labels int64 {@code (N)} in {@code 0..9}
     */
    public record Split(Tensor images, Tensor labels) {
        /** The split as a dataset of {@code [image, label]} samples. */
        public TensorDataset dataset() {
            return new TensorDataset(images, labels);
        }

        /** The number of images. */
        public int size() {
            return labels.size(0);
        }
    }

    /**
     * Loads both splits from {@code dir}, which holds {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each plain or with a {@code .gz} suffix.
     */
    public static FashionMnist load(Path dir) throws IOException {
        return new FashionMnist(loadSplit(dir, "train"), loadSplit(dir, "t10k"));
    }

    /** Loads both splits from class-path resources under {@code dir}, named as in {@link #load}, gzipped. */
    public static FashionMnist loadResources(String dir) throws IOException {
        String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        return new FashionMnist(
                split(IdxReader.readResource(prefix + "train-images-idx3-ubyte.gz"), IdxReader.readResource(prefix + "train-labels-idx1-ubyte.gz")),
                split(IdxReader.readResource(prefix + "t10k-images-idx3-ubyte.gz"), IdxReader.readResource(prefix + "t10k-labels-idx1-ubyte.gz")));
    }

    /** The 60,000 training images (or the subset's). */
    public Split train() {
        return train;
    }

    /** The 10,000 test images (or the subset's). */
    public Split test() {
        return test;
    }

    private static Split loadSplit(Path dir, String prefix) throws IOException {
        return split(IdxReader.read(find(dir, prefix + "-images-idx3-ubyte")), IdxReader.read(find(dir, prefix + "-labels-idx1-ubyte")));
    }

    /** {@code dir/name}, or {@code dir/name.gz} when only that exists. */
    private static Path find(Path dir, String name) throws NoSuchFileException {
        for (String candidate : List.of(name, name + ".gz")) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) return file;
        }
        throw new NoSuchFileException(dir.resolve(name).toString(), null,
                "Fashion-MNIST: neither " + name + " nor " + name + ".gz is in " + dir + " (on Debian: apt-get install dataset-fashion-mnist)");
    }

    /** Checks that the two files belong together and hold Fashion-MNIST-shaped data. */
    private static Split split(IdxArray imageFile, IdxArray labelFile) {
        Tensor images = imageFile.images();
        Tensor labels = labelFile.labels();
        if (images.size(2) != SIDE || images.size(3) != SIDE)
            throw new MalformedDataException(imageFile.source(), "expected " + SIDE + "x" + SIDE + " images, found " + images.size(2) + "x" + images.size(3));
        if (images.size(0) != labels.size(0))
            throw new MalformedDataException(imageFile.source(), "holds " + images.size(0) + " images but " + labelFile.source() + " holds " + labels.size(0) + " labels");
        byte[] raw = labelFile.data();
        for (int i = 0; i < raw.length; i++) {
            if ((raw[i] & 0xFF) >= CLASSES.size())
                throw new MalformedDataException(labelFile.source(), "label " + (raw[i] & 0xFF) + " at index " + i + " is not one of the " + CLASSES.size() + " classes");
        }
        return new Split(images, labels);
    }
}
