package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * A long short-term memory layer ({@code torch.nn.LSTM}). Gate blocks in PyTorch's order
 * [i, f, g, o] = W_ih x + b_ih + W_hh h + b_hh; i, f, o = sigmoid, g = tanh;
 * c' = f * c + i * g; h' = o * tanh(c'). Shapes, options and parameter names in {@link RNNBase}.
 */
public final class LSTM extends RNNBase {
    /** One layer with PyTorch's defaults. */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, Options.defaults());
    }

    public LSTM(int inputSize, int hiddenSize, Options options) {
        super(inputSize, hiddenSize, 4, options);
    }

    /** Runs the sequence from {@code h0} and {@code c0} (null for zeros); returns output, h_n and c_n. */
    public RecurrentOutput forward(Tensor input, Tensor h0, Tensor c0) {
        return run(input, h0, c0);
    }

    @Override
    boolean hasCellState() {
        return true;
    }

    @Override
    CellState step(Tensor inputProjection, CellState state, Tensor weightHh, Tensor biasHh) {
        List<Tensor> g = inputProjection.add(F.linear(state.h(), weightHh, biasHh)).chunk(4, 1);
        Tensor in = g.get(0).sigmoid(), forget = g.get(1).sigmoid(), cell = g.get(2).tanh(), out = g.get(3).sigmoid();
        Tensor c = forget.mul(state.c()).add(in.mul(cell));
        return new CellState(out.mul(c.tanh()), c);
    }
}
