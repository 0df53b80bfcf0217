/**
 * Learning-rate schedulers as in {@code torch.optim.lr_scheduler} (PyTorch 1.13): epoch-driven
 * {@link io.jgrad.optim.lr.LRScheduler}s, {@link io.jgrad.optim.lr.SequentialLR} and the
 * metric-driven {@link io.jgrad.optim.lr.ReduceLROnPlateau}.
 */
package io.jgrad.optim.lr;
