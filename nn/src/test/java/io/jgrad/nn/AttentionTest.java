package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Gradcheck;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MultiheadAttention and TransformerEncoderLayer against PyTorch, the golden causal case c3, and finite differences. */
class AttentionTest {
    private static final JsonNode CASES = Reference.load("attention");
    private static final JsonNode TRANSFORMER = Reference.load("transformer");
    private final Generator gen = new Generator(11);

    private static Map<String, Tensor> outputs(AttentionOutput out) {
        return Map.of("output", out.output(), "weights", out.weights());
    }

    @Test
    void selfAttentionWithABoolCausalMaskMatchesPyTorch() {
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        Reference.check(CASES.get("self_causal_bool"), mha,
                in -> outputs(mha.forward(in.get("x"), in.get("x"), in.get("x"), null, true, in.get("mask"), true)));
    }

    @Test
    void crossAttentionWithPaddingAndAFloatMaskMatchesPyTorch() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, MultiheadAttention.Options.defaults().batchFirst(true));
        Reference.check(CASES.get("cross_padding_float_mask"), mha,
                in -> outputs(mha.forward(in.get("q"), in.get("k"), in.get("v"), in.get("kpm"), true, in.get("mask"), false)));
    }

    @Test
    void separateKeyAndValueSizesWithAPerHeadMaskMatchPyTorch() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, MultiheadAttention.Options.defaults().kvDims(5, 3).bias(false));
        assertThat(mha.namedParameters().keySet()).containsExactly("q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight");
        Reference.check(CASES.get("kvdim_nobias_3d_mask"), mha,
                in -> outputs(mha.forward(in.get("q"), in.get("k"), in.get("v"), null, true, in.get("mask"), true)));
    }

    @Test
    void unbatchedInputsMatchPyTorch() {
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        Reference.check(CASES.get("unbatched"), mha, in -> outputs(mha.forward(in.get("q"), in.get("k"), in.get("v"))));
    }

    @Test
    void encoderLayerMatchesPyTorchPostNormWithACausalMask() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, TransformerEncoderLayer.Options.defaults().dimFeedforward(16).dropout(0).batchFirst(true));
        Reference.check(TRANSFORMER.get("post_norm_causal"), layer, in -> Map.of("output", layer.forward(in.get("x"), in.get("mask"), null)));
    }

    @Test
    void encoderLayerMatchesPyTorchPreNormWithGeluAndPadding() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2,
                TransformerEncoderLayer.Options.defaults().dimFeedforward(16).dropout(0).activation("gelu").normFirst(true));
        Reference.check(TRANSFORMER.get("pre_norm_gelu_padding"), layer, in -> Map.of("output", layer.forward(in.get("x"), null, in.get("kpm"))));
    }

    /**
     * With one head and identity projections, attention under {@link MultiheadAttention#causalMask}
     * is exactly the golden composite op c3: softmax(q k^T / sqrt(d) masked above the diagonal) v.
     * Values of width dv < d are embedded in the first dv features.
     */
    @Test
    void causalMaskReproducesTheGoldenCaseC3() {
        for (JsonNode c : Reference.load("c3")) {
            Tensor q = Reference.tensor(c.get("inputs").get(0)).to(DType.FLOAT64).requiresGrad_(true);
            Tensor k = Reference.tensor(c.get("inputs").get(1)).to(DType.FLOAT64).requiresGrad_(true);
            Tensor v = Reference.tensor(c.get("inputs").get(2)).to(DType.FLOAT64).requiresGrad_(true);
            int d = q.size(-1), dv = v.size(-1), l = q.size(1);
            MultiheadAttention mha = new MultiheadAttention(d, 1, MultiheadAttention.Options.defaults().batchFirst(true).bias(false).kvDims(d, dv));
            mha.to(DType.FLOAT64);
            try (Autograd.Scope ignored = Autograd.noGrad()) {
                for (Tensor p : mha.parameters()) p.zero_();
                Tensor eye = Tensor.eye(d, d, DType.FLOAT64);
                mha.outProj().weight().copy_(eye);
                Tensor qw = mha.namedParameters().get(dv == d ? "in_proj_weight" : "q_proj_weight");
                if (dv == d) {
                    for (int i = 0; i < 3; i++) qw.narrow(0, i * d, d).copy_(eye);
                } else {
                    qw.copy_(eye);
                    mha.parameter("k_proj_weight").copy_(eye);
                    mha.parameter("v_proj_weight").narrow(0, 0, dv).copy_(Tensor.eye(dv, dv, DType.FLOAT64));
                }
            }
            Tensor out = mha.forward(q, k, v, null, false, MultiheadAttention.causalMask(l), true).output().narrow(2, 0, dv);
            double rtol = c.get("rtol").asDouble(), atol = c.get("atol").asDouble();
            Reference.assertClose(c.get("id").asText() + " output", out, Reference.tensor(c.get("output")), rtol, atol);
            out.mul(Reference.tensor(c.get("grad_output")).to(DType.FLOAT64)).sum().backward();
            Tensor[] inputs = {q, k, v};
            for (int i = 0; i < 3; i++)
                Reference.assertClose(c.get("id").asText() + " grad " + i, inputs[i].grad(), Reference.tensor(c.get("grads").get(i)), rtol, atol);
        }
    }

    @Test
    void causalMaskBlocksStrictlyAboveTheDiagonal() {
        assertThat(MultiheadAttention.causalMask(3).toBooleanArray()).containsExactly(false, true, true, false, false, true, false, false, false);
        MultiheadAttention mha = new MultiheadAttention(4, 2);
        Tensor x = Tensor.randn(gen, 3, 1, 4);
        Tensor w = mha.forward(x, x, x, null, true, MultiheadAttention.causalMask(3), true).weights();
        assertThat(w.select(0, 0).triu(1).abs().sum().item()).isZero();
        assertThat(w.sum(-1).allclose(Tensor.ones(1, 3), 1e-6, 1e-6)).isTrue();
    }

    @Test
    void gradientsPassFiniteDifferenceChecks() {
        MultiheadAttention mha = new MultiheadAttention(4, 2, MultiheadAttention.Options.defaults().batchFirst(true));
        mha.to(DType.FLOAT64);
        Tensor q = Tensor.randn(gen, DType.FLOAT64, 2, 3, 4).requiresGrad_(true);
        Tensor kv = Tensor.randn(gen, DType.FLOAT64, 2, 4, 4).requiresGrad_(true);
        Tensor padding = Tensor.of(new boolean[] {false, false, false, true, false, false, false, false}, 2, 4);
        Tensor weights = Tensor.randn(gen, DType.FLOAT64, 2, 3, 4);
        List<Tensor> inputs = new ArrayList<>(mha.parameters());
        inputs.add(q);
        inputs.add(kv);
        Gradcheck.gradcheck(in -> List.of(mha.forward(q, kv, kv, padding, false, null, true).output().mul(weights).sum()), inputs).orThrow();
    }

    @Test
    void badInputsNameTheLayerAndShapes() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, MultiheadAttention.Options.defaults().batchFirst(true));
        Tensor q = Tensor.zeros(2, 3, 8), kv = Tensor.zeros(2, 5, 8);
        assertThatThrownBy(() -> mha.forward(Tensor.zeros(2, 3, 6), kv, kv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MultiheadAttention: expected query of shape (N, L, 8) or (L, 8), got query of shape [2, 3, 6]");
        assertThatThrownBy(() -> mha.forward(q, Tensor.zeros(3, 5, 8), Tensor.zeros(3, 5, 8)))
                .hasMessage("MultiheadAttention: expected key with batch size 2 (like the query), got key of shape [3, 5, 8]");
        assertThatThrownBy(() -> mha.forward(q, kv, kv, null, true, Tensor.zeros(DType.BOOL, 3, 3), true))
                .hasMessage("MultiheadAttention: expected attn_mask of shape [3, 5] or [4, 3, 5] (N * num_heads, L, S), got attn_mask of shape [3, 3]");
        assertThatThrownBy(() -> mha.forward(q, kv, kv, Tensor.zeros(DType.BOOL, 2, 4), true, null, true))
                .hasMessage("MultiheadAttention: expected key_padding_mask of shape [2, 5] (N, S), got key_padding_mask of shape [2, 4]");
        assertThatThrownBy(() -> mha.forward(q, kv, kv, Tensor.zeros(DType.INT64, 2, 5), true, null, true))
                .hasMessage("MultiheadAttention: key_padding_mask must be bool or float32 like the query, got int64");
        assertThatThrownBy(() -> new MultiheadAttention(10, 3)).hasMessage("MultiheadAttention: embed_dim (10) must be divisible by num_heads (3)");
    }
}
