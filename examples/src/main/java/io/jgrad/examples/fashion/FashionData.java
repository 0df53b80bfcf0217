package io.jgrad.examples.fashion;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.readers.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST as the examples find it: from {@code --data DIR} when given, else from the
 * system copy ({@link FashionMnist#SYSTEM_DIR}, Debian's {@code dataset-fashion-mnist}), else
 * from the subset bundled in the jar (6,000 training and 1,000 test images). {@link #source()}
 * says which, so every command can print what it trained on.
 *
 * @param train  training images {@code (N, 1, 28, 28)} = pixel / 255 and labels
 * @param test   test images and labels
 * @param source where the data came from, for the user
 */
public record FashionData(FashionMnist.Split train, FashionMnist.Split test, String source) {
    /** The class-path folder of the bundled subset. */
    public static final String BUNDLED = "fashion-mnist-subset";

    /** The {@code --data} value that picks the bundled subset even when a system copy exists. */
    public static final String BUNDLED_NAME = "bundled";

    /**
     * Loads from {@code dir}; with {@code dir} = {@value #BUNDLED_NAME} the bundled subset (a
     * folder of that name is {@code ./bundled}); with null, the first of the system copy and the
     * bundled subset that exists.
     */
    public static FashionData load(Path dir) throws IOException {
        if (dir != null && dir.toString().equals(BUNDLED_NAME)) return bundled("--data " + BUNDLED_NAME);
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(dir.toString(), null, "--data must be a folder with the four Fashion-MNIST IDX files");
            return of(FashionMnist.load(dir), "Fashion-MNIST from " + dir);
        }
        if (Files.isDirectory(FashionMnist.SYSTEM_DIR)) return of(FashionMnist.load(FashionMnist.SYSTEM_DIR), "Fashion-MNIST from " + FashionMnist.SYSTEM_DIR);
        return bundled(FashionMnist.SYSTEM_DIR + " not found");
    }

    private static FashionData bundled(String why) throws IOException {
        return of(FashionMnist.loadResources(BUNDLED), "the bundled Fashion-MNIST subset (" + why + ")");
    }

    private static FashionData of(FashionMnist data, String source) {
        return new FashionData(data.train(), data.test(), source);
    }

    /** The first {@code maxTrain} training and {@code maxTest} test images (all when null). */
    public FashionData limit(Integer maxTrain, Integer maxTest) {
        return new FashionData(first(train, maxTrain), first(test, maxTest), source);
    }

    private static FashionMnist.Split first(FashionMnist.Split split, Integer n) {
        if (n == null || n >= split.size()) return split;
        return new FashionMnist.Split(split.images().narrow(0, 0, n), split.labels().narrow(0, 0, n));
    }

    /** The images and labels of {@code split} whose class is in {@code [from, to)}, relabelled to {@code 0..to-from-1}. */
    public static FashionMnist.Split classes(FashionMnist.Split split, int from, int to) {
        long[] labels = split.labels().toLongArray();
        int count = 0;
        for (long l : labels) if (l >= from && l < to) count++;
        long[] keep = new long[count], relabelled = new long[count];
        for (int i = 0, j = 0; i < labels.length; i++) {
            if (labels[i] < from || labels[i] >= to) continue;
            keep[j] = i;
            relabelled[j++] = labels[i] - from;
        }
        Tensor index = Tensor.of(keep, count);
        return new FashionMnist.Split(split.images().indexSelect(0, index), Tensor.of(relabelled, count));
    }

    /**
     * {@code perClass} randomly chosen images of every class of {@code split} (labels
     * {@code 0..classes-1}), in random order; fails if a class has fewer.
     */
    public static FashionMnist.Split fewShot(FashionMnist.Split split, int classes, int perClass, Generator gen) {
        long[] labels = split.labels().toLongArray();
        Tensor order = Tensor.randperm(gen, labels.length);
        long[] shuffled = order.toLongArray();
        int[] taken = new int[classes];
        long[] keep = new long[classes * perClass];
        int n = 0;
        for (long i : shuffled) {
            int c = (int) labels[(int) i];
            if (taken[c] < perClass) {
                taken[c]++;
                keep[n++] = i;
            }
        }
        for (int c = 0; c < classes; c++)
            if (taken[c] < perClass) throw new IllegalArgumentException("class " + c + " has only " + taken[c] + " images, " + perClass + " requested");
        Tensor index = Tensor.of(keep, keep.length);
        return new FashionMnist.Split(split.images().indexSelect(0, index), split.labels().indexSelect(0, index));
    }

    /** One line: where the data came from and how many images each split has. */
    public String describe() {
        return String.format("data: %s: %,d training, %,d test images", source, train.size(), test.size());
    }
}
