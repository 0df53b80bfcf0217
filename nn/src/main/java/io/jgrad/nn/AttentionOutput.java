package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * What {@link MultiheadAttention} returns.
 *
 * @param output  the attended values, laid out like the query
 * @param weights the attention probabilities, (N, L, S) averaged over heads or (N, heads, L, S);
 *                null when not requested
 */
public record AttentionOutput(Tensor output, Tensor weights) {}
