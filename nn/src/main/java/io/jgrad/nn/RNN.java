package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * An Elman recurrent layer ({@code torch.nn.RNN}): h' = act(W_ih x + b_ih + W_hh h + b_hh) with
 * act = tanh or ReLU. Shapes, options and parameter names (one gate block) in {@link RNNBase}.
 *
 * <pre>{@code
 * RNN rnn = new RNN(6, 8, Nonlinearity.TANH, RNNBase.Options.defaults().batchFirst(true));
 * RecurrentOutput out = rnn.forward(x, null);   // x (N, L, 6): out.output() (N, L, 8), out.hN() (1, N, 8)
 * }</pre>
 */
public final class RNN extends RNNBase {
    /** The activation of the hidden state. */
    public enum Nonlinearity { TANH, RELU }

    private final Nonlinearity nonlinearity;

    /** One tanh layer with PyTorch's defaults. */
    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, Nonlinearity.TANH, Options.defaults());
    }

    public RNN(int inputSize, int hiddenSize, Nonlinearity nonlinearity, Options options) {
        super(inputSize, hiddenSize, 1, options);
        this.nonlinearity = nonlinearity;
    }

    public Nonlinearity nonlinearity() { return nonlinearity; }

    /** Runs the sequence from {@code h0} (null for zeros); returns the output and the final states. */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        return run(input, h0, null);
    }

    @Override
    CellState step(Tensor inputProjection, CellState state, Tensor weightHh, Tensor biasHh) {
        Tensor pre = inputProjection.add(F.linear(state.h(), weightHh, biasHh));
        return new CellState(nonlinearity == Nonlinearity.TANH ? pre.tanh() : pre.relu(), null);
    }
}
