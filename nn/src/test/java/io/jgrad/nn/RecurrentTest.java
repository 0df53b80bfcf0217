package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.autograd.Gradcheck;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RNN, LSTM and GRU against PyTorch (reference/recurrent.json), a hand-written step loop, and finite differences. */
class RecurrentTest {
    private static final JsonNode CASES = Reference.load("recurrent");
    private final Generator gen = new Generator(5);

    @Test
    void lstmWithLayersDirectionsAndInitialStatesMatchesPyTorch() {
        LSTM lstm = new LSTM(4, 6, RNNBase.Options.defaults().numLayers(2).bidirectional(true));
        Reference.check(CASES.get("lstm_2layer_bi_with_state"), lstm, in -> {
            RecurrentOutput out = lstm.forward(in.get("x"), in.get("h0"), in.get("c0"));
            return Map.of("output", out.output(), "h_n", out.hN(), "c_n", out.cN());
        });
    }

    @Test
    void gruWithLayersDirectionsAndInitialStateMatchesPyTorch() {
        GRU gru = new GRU(4, 6, RNNBase.Options.defaults().numLayers(2).bidirectional(true));
        Reference.check(CASES.get("gru_2layer_bi_with_state"), gru, in -> {
            RecurrentOutput out = gru.forward(in.get("x"), in.get("h0"));
            return Map.of("output", out.output(), "h_n", out.hN());
        });
    }

    @Test
    void reluRnnWithoutBiasMatchesPyTorch() {
        RNN rnn = new RNN(4, 6, RNN.Nonlinearity.RELU, RNNBase.Options.defaults().numLayers(2).bias(false));
        Reference.check(CASES.get("rnn_relu_nobias"), rnn, in -> {
            RecurrentOutput out = rnn.forward(in.get("x"), in.get("h0"));
            return Map.of("output", out.output(), "h_n", out.hN());
        });
    }

    @Test
    void unbatchedInputMatchesPyTorch() {
        LSTM lstm = new LSTM(4, 6, RNNBase.Options.defaults().batchFirst(true));
        Reference.check(CASES.get("lstm_unbatched"), lstm, in -> {
            RecurrentOutput out = lstm.forward(in.get("x"), null, null);
            return Map.of("output", out.output(), "h_n", out.hN(), "c_n", out.cN());
        });
    }

    /** One LSTM layer written gate by gate with separate matmuls per gate: an independent formulation. */
    @Test
    void lstmAgreesWithAHandWrittenStepLoop() {
        LSTM lstm = new LSTM(3, 5);
        lstm.to(DType.FLOAT64);
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 4, 2, 3);
        Tensor wi = lstm.parameter("weight_ih_l0"), wh = lstm.parameter("weight_hh_l0");
        Tensor b = lstm.parameter("bias_ih_l0").add(lstm.parameter("bias_hh_l0"));
        Tensor h = Tensor.zeros(DType.FLOAT64, 2, 5), c = Tensor.zeros(DType.FLOAT64, 2, 5);
        List<Tensor> outs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Tensor xt = x.select(0, t);
            Tensor[] gate = new Tensor[4];
            for (int g = 0; g < 4; g++)
                gate[g] = xt.matmul(wi.narrow(0, 5 * g, 5).t()).add(h.matmul(wh.narrow(0, 5 * g, 5).t())).add(b.narrow(0, 5 * g, 5));
            c = gate[1].sigmoid().mul(c).add(gate[0].sigmoid().mul(gate[2].tanh()));
            h = gate[3].sigmoid().mul(c.tanh());
            outs.add(h);
        }
        RecurrentOutput out = lstm.forward(x, null, null);
        Reference.assertClose("output", out.output(), Tensor.stack(outs, 0), 1e-12, 1e-12);
        Reference.assertClose("c_n", out.cN().squeeze(0), c, 1e-12, 1e-12);
    }

    @Test
    void gruAndRnnAgreeWithHandWrittenStepLoops() {
        GRU gru = new GRU(3, 4, RNNBase.Options.defaults().batchFirst(true));
        RNN rnn = new RNN(3, 4, RNN.Nonlinearity.TANH, RNNBase.Options.defaults().batchFirst(true));
        gru.to(DType.FLOAT64);
        rnn.to(DType.FLOAT64);
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 2, 5, 3); // (N, L, I)
        Tensor hg = Tensor.zeros(DType.FLOAT64, 2, 4), hr = Tensor.zeros(DType.FLOAT64, 2, 4);
        for (int t = 0; t < 5; t++) {
            Tensor xt = x.select(1, t);
            Tensor[] gx = new Tensor[3], gh = new Tensor[3];
            for (int g = 0; g < 3; g++) {
                gx[g] = xt.matmul(gru.parameter("weight_ih_l0").narrow(0, 4 * g, 4).t()).add(gru.parameter("bias_ih_l0").narrow(0, 4 * g, 4));
                gh[g] = hg.matmul(gru.parameter("weight_hh_l0").narrow(0, 4 * g, 4).t()).add(gru.parameter("bias_hh_l0").narrow(0, 4 * g, 4));
            }
            Tensor r = gx[0].add(gh[0]).sigmoid(), z = gx[1].add(gh[1]).sigmoid(), n = gx[2].add(r.mul(gh[2])).tanh();
            hg = z.rsub(1).mul(n).add(z.mul(hg));
            hr = xt.matmul(rnn.parameter("weight_ih_l0").t()).add(rnn.parameter("bias_ih_l0"))
                    .add(hr.matmul(rnn.parameter("weight_hh_l0").t())).add(rnn.parameter("bias_hh_l0")).tanh();
        }
        Reference.assertClose("gru last step", gru.forward(x).select(1, 4), hg, 1e-12, 1e-12);
        Reference.assertClose("rnn last step", rnn.forward(x).select(1, 4), hr, 1e-12, 1e-12);
    }

    @Test
    void gradientsPassFiniteDifferenceChecks() {
        for (RNNBase m : List.<RNNBase>of(new GRU(2, 3, RNNBase.Options.defaults().bidirectional(true)),
                new LSTM(2, 3, RNNBase.Options.defaults().numLayers(2)), new RNN(2, 3))) {
            m.to(DType.FLOAT64);
            Tensor x = Tensor.randn(gen, DType.FLOAT64, 3, 2, 2).requiresGrad_(true);
            Tensor weights = Tensor.randn(gen, DType.FLOAT64, m.forward(x).shape());
            List<Tensor> inputs = new ArrayList<>(m.parameters());
            inputs.add(x);
            Gradcheck.gradcheck(in -> List.of(m.forward(x).mul(weights).sum()), inputs).orThrow();
        }
    }

    @Test
    void batchFirstOnlyTransposesTheLayout() {
        Tensor.manualSeed(3);
        GRU seqFirst = new GRU(3, 4), batchFirst = new GRU(3, 4, RNNBase.Options.defaults().batchFirst(true));
        batchFirst.loadStateDict(seqFirst.stateDict());
        Tensor x = Tensor.randn(gen, 5, 2, 3);
        assertThat(batchFirst.forward(x.transpose(0, 1)).transpose(0, 1).allclose(seqFirst.forward(x), 1e-6, 1e-6)).isTrue();
    }

    @Test
    void dropoutBetweenLayersOnlyActsInTraining() {
        LSTM lstm = new LSTM(3, 8, RNNBase.Options.defaults().numLayers(2).dropout(0.5));
        Tensor x = Tensor.randn(gen, 4, 2, 3);
        lstm.eval();
        Tensor a = lstm.forward(x), b = lstm.forward(x);
        assertThat(a.equal(b)).isTrue();
        lstm.train();
        assertThat(lstm.forward(x).allclose(a, 1e-6, 1e-6)).isFalse();
    }

    @Test
    void parametersHavePyTorchNamesAndShapes() {
        GRU gru = new GRU(5, 7, RNNBase.Options.defaults().numLayers(2).bidirectional(true));
        assertThat(gru.namedParameters().keySet()).containsExactly(
                "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse");
        assertThat(gru.parameter("weight_ih_l0").shape()).containsExactly(21, 5);
        assertThat(gru.parameter("weight_ih_l1").shape()).containsExactly(21, 14);
        assertThat(gru.parameter("weight_hh_l1_reverse").shape()).containsExactly(21, 7);
    }

    @Test
    void badInputsNameTheLayerAndBothShapes() {
        LSTM lstm = new LSTM(4, 6, RNNBase.Options.defaults().numLayers(2).batchFirst(true));
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(2, 5, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LSTM: expected input of shape (N, L, 4), or (L, 4) unbatched, got input of shape [2, 5, 3]");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(2, 5, 4), Tensor.zeros(1, 2, 6), null))
                .hasMessage("LSTM: expected h0 of shape [2, 2, 6] (num_layers * num_directions, batch, hidden_size), got h0 of shape [1, 2, 6]");
        assertThatThrownBy(() -> new GRU(4, 6).forward(Tensor.zeros(5, 2, 4), Tensor.zeros(1, 3, 6)))
                .hasMessage("GRU: expected h0 of shape [1, 2, 6] (num_layers * num_directions, batch, hidden_size), got h0 of shape [1, 3, 6]");
        assertThatThrownBy(() -> new RNN(4, 0)).hasMessage("RNN: hidden_size must be positive, got 0");
        assertThatThrownBy(() -> new GRU(4, 6, RNNBase.Options.defaults().dropout(1.5))).hasMessage("GRU: dropout must be in [0, 1], got 1.5");
    }
}
