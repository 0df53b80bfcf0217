package io.jgrad.spark;

import io.jgrad.core.Tensor;
import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * The training loss of a batch: {@code (model output, targets) -> scalar}, e.g.
 * {@code (out, y) -> F.crossEntropy(out, y)}. It must be a <em>mean</em> over the batch (PyTorch's
 * default reduction): the trainer weights each partition's loss and gradient by its share of the
 * batch, so that their sum is the mean over the whole batch. Serializable, as it runs on executors.
 */
@FunctionalInterface
public interface LossFunction extends BiFunction<Tensor, Tensor, Tensor>, Serializable {}
