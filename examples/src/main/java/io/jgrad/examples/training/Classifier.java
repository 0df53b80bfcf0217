package io.jgrad.examples.training;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Tensor;
import io.jgrad.nn.F;
import io.jgrad.nn.Module;
import java.util.ArrayList;
import java.util.List;

/** Inference helpers for a classifier that maps a batch of inputs to logits. */
public final class Classifier {
    /** Samples per forward pass when evaluating (no gradients kept, so larger than a training batch). */
    public static final int EVAL_BATCH = 500;
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

    /** The training objective of a classifier on {@code [inputs, labels]} batches: cross entropy, counting correct predictions. */
    public static TrainingLoop.Objective<List<Tensor>> crossEntropy(Module model) {
        return batch -> {
            Tensor logits = model.forward(batch.get(0));
            Tensor labels = batch.get(1);
            return new TrainingLoop.Outcome(F.crossEntropy(logits, labels), correct(logits, labels), labels.size(0));
        };
    }

    /** The fraction of {@code inputs} the model classifies as {@code labels} says. */
    public static double accuracy(Module model, Tensor inputs, Tensor labels) {
        return (double) correct(logits(model, inputs, EVAL_BATCH), labels) / labels.size(0);
    }

    /** The number of rows of {@code logits} whose arg-max equals the label. */
    public static long correct(Tensor logits, Tensor labels) {
        return logits.argmax(1, false).eq(labels).sum().itemLong();
    }
}
