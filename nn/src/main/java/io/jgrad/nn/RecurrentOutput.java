package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * What a recurrent layer returns: the last layer's hidden state at every time step, and the final
 * states of every layer and direction.
 *
 * @param output (L, N, D*H), or (N, L, D*H) with batch_first, or (L, D*H) unbatched
 * @param hN     final hidden states, (num_layers * D, N, H) or (num_layers * D, H) unbatched
 * @param cN     LSTM's final cell states, shaped like hN; null for RNN and GRU
 */
public record RecurrentOutput(Tensor output, Tensor hN, Tensor cN) {}
