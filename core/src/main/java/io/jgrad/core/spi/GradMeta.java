package io.jgrad.core.spi;

/**
 * Per-tensor state that an installed {@link GradTracker} attaches to the tensors it tracks. Core
 * stores it without looking inside; a tensor that is not tracked carries none, which is what lets
 * every op skip recording with one null check.
 */
public interface GradMeta {
    /** True if gradients are computed for this tensor. */
    boolean requiresGrad();
}
