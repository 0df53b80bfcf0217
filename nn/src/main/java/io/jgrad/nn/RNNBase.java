package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.nn.init.Init;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared machinery of {@link RNN}, {@link LSTM} and {@link GRU} ({@code torch.nn.RNNBase}):
 * stacked layers, optional reverse direction, batch_first layout, dropout between layers, and
 * PyTorch's parameter names {@code weight_ih_l{k}{_reverse}} (G*H, I_k),
 * {@code weight_hh_l{k}{_reverse}} (G*H, H), {@code bias_ih_l{k}{_reverse}},
 * {@code bias_hh_l{k}{_reverse}} (G*H), where G is the number of gates and the gate blocks are
 * stacked in PyTorch's order. All parameters start U(-1/sqrt(H), 1/sqrt(H)).
 *
 * <p>Per layer and direction the input projection of the whole sequence is one matmul, and each
 * time step is one more matmul (all gates at once) plus elementwise gate math.
 */
public abstract sealed class RNNBase extends Module permits RNN, LSTM, GRU {
    /**
     * The constructor options besides the sizes, with PyTorch's defaults; change them with the
     * withers: {@code Options.defaults().numLayers(2).batchFirst(true)}.
     */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional) {
        /** One layer, with biases, (L, N, I) layout, no dropout, one direction. */
        public static Options defaults() {
            return new Options(1, true, false, 0, false);
        }

        public Options numLayers(int numLayers) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional); }

        public Options bias(boolean bias) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional); }

        /** Input and output as (N, L, features) instead of (L, N, features); states keep (layers*D, N, H). */
        public Options batchFirst(boolean batchFirst) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional); }

        /** Dropout on the outputs of every layer but the last, in training mode. */
        public Options dropout(double dropout) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional); }

        public Options bidirectional(boolean bidirectional) { return new Options(numLayers, bias, batchFirst, dropout, bidirectional); }
    }

    /** The state carried between time steps by one direction of one layer; c is null except for LSTM. */
    record CellState(Tensor h, Tensor c) {}

    private final int inputSize, hiddenSize;
    private final Options options;

    RNNBase(int inputSize, int hiddenSize, int gates, Options options) {
        String name = getClass().getSimpleName();
        this.inputSize = LayerInputs.positive(name, "input_size", inputSize);
        this.hiddenSize = LayerInputs.positive(name, "hidden_size", hiddenSize);
        LayerInputs.positive(name, "num_layers", options.numLayers());
        LayerInputs.probability(name, "dropout", options.dropout());
        this.options = options;
        for (int k = 0; k < options.numLayers(); k++) {
            int layerInput = k == 0 ? inputSize : hiddenSize * directions();
            for (int d = 0; d < directions(); d++) {
                String sfx = suffix(k, d);
                registerParameter("weight_ih" + sfx, Tensor.empty(gates * hiddenSize, layerInput));
                registerParameter("weight_hh" + sfx, Tensor.empty(gates * hiddenSize, hiddenSize));
                registerParameter("bias_ih" + sfx, options.bias() ? Tensor.empty(gates * hiddenSize) : null);
                registerParameter("bias_hh" + sfx, options.bias() ? Tensor.empty(gates * hiddenSize) : null);
            }
        }
        resetParameters(Generator.defaultGenerator());
    }

    private static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** Re-draws every parameter from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) with {@code gen}. */
    public void resetParameters(Generator gen) {
        double bound = 1 / Math.sqrt(hiddenSize);
        for (Tensor p : parameters()) Init.uniform_(p, -bound, bound, gen);
    }

    public int inputSize() { return inputSize; }

    public int hiddenSize() { return hiddenSize; }

    public Options options() { return options; }

    private int directions() {
        return options.bidirectional() ? 2 : 1;
    }

    /** True if the cell carries a cell state besides h (LSTM). */
    boolean hasCellState() {
        return false;
    }

    /** One time step of one direction: {@code inputProjection} = W_ih x_t + b_ih for all gates, (N, G*H). */
    abstract CellState step(Tensor inputProjection, CellState state, Tensor weightHh, Tensor biasHh);

    /** Runs the whole sequence from zero initial states and returns the output sequence. */
    @Override
    public Tensor forward(Tensor input) {
        return run(input, null, null).output();
    }

    /** The sequence loop shared by all three cells; c0 is only used (and checked) by LSTM. */
    final RecurrentOutput run(Tensor input, Tensor h0, Tensor c0) {
        String layout = options.batchFirst() ? "(N, L, " + inputSize + ")" : "(L, N, " + inputSize + ")";
        if ((input.dim() != 2 && input.dim() != 3) || input.size(-1) != inputSize)
            throw LayerInputs.badInput(this, "input of shape " + layout + ", or (L, " + inputSize + ") unbatched", input);
        boolean batched = input.dim() == 3;
        int timeDim = batched && options.batchFirst() ? 1 : 0;
        Tensor x = batched ? input : input.unsqueeze(1);
        int steps = x.size(timeDim), batch = x.size(1 - timeDim), layers = options.numLayers(), dirs = directions();
        Tensor h = initialState("h0", h0, batched, batch, x);
        Tensor c = hasCellState() ? initialState("c0", c0, batched, batch, x) : null;

        List<Tensor> finalH = new ArrayList<>(), finalC = new ArrayList<>();
        Tensor layerInput = x;
        for (int k = 0; k < layers; k++) {
            List<Tensor> directionOutputs = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                int index = k * dirs + d;
                Tensor[] outputs = new Tensor[steps];
                CellState last = runDirection(layerInput, suffix(k, d), d == 1, timeDim,
                        new CellState(h.select(0, index), c == null ? null : c.select(0, index)), outputs);
                directionOutputs.add(Tensor.stack(List.of(outputs), timeDim));
                finalH.add(last.h());
                if (c != null) finalC.add(last.c());
            }
            layerInput = dirs == 1 ? directionOutputs.get(0) : Tensor.cat(directionOutputs, 2);
            if (options.dropout() > 0 && isTraining() && k < layers - 1)
                layerInput = F.dropout(layerInput, options.dropout(), true, Generator.defaultGenerator());
        }
        Tensor output = batched ? layerInput : layerInput.squeeze(1);
        Tensor hN = Tensor.stack(finalH, 0), cN = c == null ? null : Tensor.stack(finalC, 0);
        if (!batched) {
            hN = hN.squeeze(1);
            cN = cN == null ? null : cN.squeeze(1);
        }
        return new RecurrentOutput(output, hN, cN);
    }

    /**
     * One direction of one layer over the sequence: fills {@code outputs[t]} with h_t and returns
     * the final state. One matmul projects the whole sequence; each step adds one more.
     */
    private CellState runDirection(Tensor layerInput, String sfx, boolean reverse, int timeDim, CellState initial, Tensor[] outputs) {
        List<Tensor> projection = F.linear(layerInput, parameter("weight_ih" + sfx), parameter("bias_ih" + sfx)).unbind(timeDim);
        Tensor weightHh = parameter("weight_hh" + sfx), biasHh = parameter("bias_hh" + sfx);
        CellState state = initial;
        int steps = outputs.length;
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            state = step(projection.get(t), state, weightHh, biasHh);
            outputs[t] = state.h();
        }
        return state;
    }

    /** The given initial state as (layers*D, N, H), or zeros when null. */
    private Tensor initialState(String name, Tensor given, boolean batched, int batch, Tensor x) {
        int layers = options.numLayers() * directions();
        int[] expected = batched ? new int[] {layers, batch, hiddenSize} : new int[] {layers, hiddenSize};
        if (given == null) return Tensor.zeros(x.dtype(), layers, batch, hiddenSize);
        if (!Shape.same(given.shape(), expected))
            throw LayerInputs.badInput(this, name + " of shape " + Shape.str(expected) + " (num_layers * num_directions, "
                    + (batched ? "batch, " : "") + "hidden_size)", name, given);
        return batched ? given : given.unsqueeze(1);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder(inputSize + ", " + hiddenSize);
        if (options.numLayers() != 1) s.append(", num_layers=").append(options.numLayers());
        if (!options.bias()) s.append(", bias=False");
        if (options.batchFirst()) s.append(", batch_first=True");
        if (options.dropout() != 0) s.append(", dropout=").append(Repr.number(options.dropout()));
        if (options.bidirectional()) s.append(", bidirectional=True");
        return s.toString();
    }
}
