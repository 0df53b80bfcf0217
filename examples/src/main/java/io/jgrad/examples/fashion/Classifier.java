package io.jgrad.examples.fashion;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Module;
import java.util.ArrayList;
import java.util.List;

/** Inference helpers for a classifier that maps a batch of inputs to logits. */
public final class Classifier {
    private Classifier() {}

    /** The model's logits for all {@code inputs}, in batches, without autograd and in eval mode (restored after). */
    public static Tensor logits(Module model, Tensor inputs, int batchSize) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            int n = inputs.size(0);
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < n; start += batchSize)
                parts.add(model.forward(inputs.narrow(0, start, Math.min(batchSize, n - start))));
            return parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0);
        } finally {
            model.train(wasTraining);
        }
    }

    /** The number of rows of {@code logits} whose arg-max equals the label. */
    public static long correct(Tensor logits, Tensor labels) {
        return logits.argmax(1, false).eq(labels).sum().itemLong();
    }
}
