/** Optimizers (SGD, Adam, AdamW, RMSprop, Adagrad), learning-rate schedulers and gradient clipping, as in {@code torch.optim}. */
package io.jgrad.optim;
