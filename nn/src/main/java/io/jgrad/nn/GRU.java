package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.List;

/**
 * A gated recurrent unit layer ({@code torch.nn.GRU}). Gate blocks in PyTorch's order [r, z, n]:
 * r = sigmoid(r_x + r_h), z = sigmoid(z_x + z_h), n = tanh(n_x + r * n_h), h' = (1 - z) * n + z * h,
 * where _x = W_ih x + b_ih and _h = W_hh h + b_hh (so r gates b_hn too, as in PyTorch).
 * Shapes, options and parameter names in {@link RNNBase}.
 */
public final class GRU extends RNNBase {
    /** One layer with PyTorch's defaults. */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, Options.defaults());
    }

    public GRU(int inputSize, int hiddenSize, Options options) {
        super(inputSize, hiddenSize, 3, options);
    }

    /** Runs the sequence from {@code h0} (null for zeros); returns the output and the final states. */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        return run(input, h0, null);
    }

    @Override
    CellState step(Tensor inputProjection, CellState state, Tensor weightHh, Tensor biasHh) {
        List<Tensor> x = inputProjection.chunk(3, 1), h = F.linear(state.h(), weightHh, biasHh).chunk(3, 1);
        Tensor r = x.get(0).add(h.get(0)).sigmoid(), z = x.get(1).add(h.get(1)).sigmoid();
        Tensor n = x.get(2).add(r.mul(h.get(2))).tanh();
        return new CellState(n.add(z.mul(state.h().sub(n))), null); // (1 - z) * n + z * h
    }
}
