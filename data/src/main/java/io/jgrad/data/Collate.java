package io.jgrad.data;

import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Collation functions that merge a list of samples into one batch (PyTorch's
 * {@code default_collate} for tensors and tuples of tensors). Pass them to
 * {@link DataLoader#builder(Dataset, java.util.function.Function)}, e.g. {@code Collate::stackFields}.
 */
public final class Collate {
    private Collate() {}

    /** Stacks tensor samples of one shape along a new first dim: n x {@code [C, H, W]} -> {@code [n, C, H, W]}. */
    public static Tensor stack(List<Tensor> samples) {
        return Tensor.stack(samples, 0);
    }

    /**
     * Stacks each field of tuple samples: {@code [[x0, y0], [x1, y1], ...]} -> {@code [stack(x),
     * stack(y)]}. Every sample must have the same number of fields.
     */
    public static List<Tensor> stackFields(List<? extends List<Tensor>> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("Collate.stackFields: no samples to collate");
        int width = samples.getFirst().size();
        List<List<Tensor>> fields = new ArrayList<>(width);
        for (int f = 0; f < width; f++) fields.add(new ArrayList<>(samples.size()));
        for (int i = 0; i < samples.size(); i++) {
            List<Tensor> sample = samples.get(i);
            if (sample.size() != width)
                throw new IllegalArgumentException("Collate.stackFields: sample 0 has " + width + " fields but sample " + i + " has " + sample.size());
            for (int f = 0; f < width; f++) fields.get(f).add(sample.get(f));
        }
        List<Tensor> batch = new ArrayList<>(width);
        for (List<Tensor> field : fields) batch.add(stack(field));
        return batch;
    }
}
