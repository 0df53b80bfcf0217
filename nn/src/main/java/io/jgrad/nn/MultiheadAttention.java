package io.jgrad.nn;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.nn.init.Init;

/**
 * Multi-head scaled dot-product attention ({@code torch.nn.MultiheadAttention}):
 * softmax(Q K^T / sqrt(head_dim) + mask) V per head, heads concatenated and projected.
 *
 * <p>Inputs are (L, N, E) — or (N, L, E) with batch_first, or (L, E) unbatched — for the query,
 * and (S, N, kdim) / (S, N, vdim) for key and value. Masks follow PyTorch: a bool mask is true
 * where attention is <em>not</em> allowed, a float mask is added to the scores. {@code attnMask}
 * is (L, S) or (N * num_heads, L, S); {@code keyPaddingMask} is (N, S) (or (S) unbatched).
 *
 * <p>Parameters keep PyTorch's names: {@code in_proj_weight} (3E, E) (or {@code q_proj_weight},
 * {@code k_proj_weight}, {@code v_proj_weight} when kdim/vdim differ from E) ~ Xavier uniform,
 * {@code in_proj_bias} (3E) = 0, and the {@code out_proj} Linear (its bias = 0). PyTorch's
 * add_bias_kv and add_zero_attn are not supported.
 */
public final class MultiheadAttention extends Module {
    /** Constructor options with PyTorch's defaults; {@code Options.defaults().batchFirst(true).dropout(0.1)}. */
    public record Options(double dropout, boolean bias, Integer kdim, Integer vdim, boolean batchFirst) {
        /** No dropout, with biases, kdim = vdim = embed_dim, (L, N, E) layout. */
        public static Options defaults() {
            return new Options(0, true, null, null, false);
        }

        /** Dropout on the attention probabilities in training mode. */
        public Options dropout(double dropout) { return new Options(dropout, bias, kdim, vdim, batchFirst); }

        public Options bias(boolean bias) { return new Options(dropout, bias, kdim, vdim, batchFirst); }

        /** Feature sizes of key and value when they differ from embed_dim (null = embed_dim). */
        public Options kvDims(Integer kdim, Integer vdim) { return new Options(dropout, bias, kdim, vdim, batchFirst); }

        public Options batchFirst(boolean batchFirst) { return new Options(dropout, bias, kdim, vdim, batchFirst); }
    }

    private final int embedDim, numHeads, headDim, kdim, vdim;
    private final Options options;
    private final boolean packedProjection;
    private final Linear outProj;

    /** {@code numHeads} heads over {@code embedDim} features, PyTorch's defaults otherwise. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, Options.defaults());
    }

    public MultiheadAttention(int embedDim, int numHeads, Options options) {
        this.embedDim = LayerInputs.positive("MultiheadAttention", "embed_dim", embedDim);
        this.numHeads = LayerInputs.positive("MultiheadAttention", "num_heads", numHeads);
        if (embedDim % numHeads != 0)
            throw new IllegalArgumentException("MultiheadAttention: embed_dim (" + embedDim + ") must be divisible by num_heads (" + numHeads + ")");
        LayerInputs.probability("MultiheadAttention", "dropout", options.dropout());
        this.headDim = embedDim / numHeads;
        this.kdim = options.kdim() == null ? embedDim : LayerInputs.positive("MultiheadAttention", "kdim", options.kdim());
        this.vdim = options.vdim() == null ? embedDim : LayerInputs.positive("MultiheadAttention", "vdim", options.vdim());
        this.options = options;
        this.packedProjection = kdim == embedDim && vdim == embedDim;
        if (packedProjection) {
            registerParameter("in_proj_weight", Tensor.empty(3 * embedDim, embedDim));
        } else {
            registerParameter("q_proj_weight", Tensor.empty(embedDim, embedDim));
            registerParameter("k_proj_weight", Tensor.empty(embedDim, kdim));
            registerParameter("v_proj_weight", Tensor.empty(embedDim, vdim));
        }
        registerParameter("in_proj_bias", options.bias() ? Tensor.empty(3 * embedDim) : null);
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, options.bias()));
        resetParameters(Generator.defaultGenerator());
    }

    /** Xavier-uniform input projections, zero biases, and out_proj's default Linear initialisation, all from {@code gen}. */
    public void resetParameters(Generator gen) {
        outProj.resetParameters(gen);
        if (packedProjection) {
            Init.xavierUniform_(parameter("in_proj_weight"), 1, gen);
        } else {
            for (String w : new String[] {"q_proj_weight", "k_proj_weight", "v_proj_weight"}) Init.xavierUniform_(parameter(w), 1, gen);
        }
        if (options.bias()) {
            Init.zeros_(parameter("in_proj_bias"));
            Init.zeros_(outProj.bias());
        }
    }

    /** A bool (size, size) mask, true strictly above the diagonal: query i may attend to keys 0..i only. */
    public static Tensor causalMask(int size) {
        return Tensor.ones(DType.BOOL, size, size).triu(1);
    }

    /** Self-attention of {@code x} (query = key = value) without masks; returns the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false, null, true).output();
    }

    /** Attention without masks; the weights are averaged over heads. */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true);
    }

    /**
     * The full form, as PyTorch's {@code forward(query, key, value, key_padding_mask, need_weights,
     * attn_mask, average_attn_weights)}. Either mask may be null.
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                                   boolean averageAttnWeights) {
        boolean batched = query.dim() == 3;
        String layout = options.batchFirst() ? "(N, L, " : "(L, N, ";
        if ((query.dim() != 2 && query.dim() != 3) || query.size(-1) != embedDim)
            throw LayerInputs.badInput(this, "query of shape " + layout + embedDim + ") or (L, " + embedDim + ")", "query", query);
        checkKeyOrValue("key", key, kdim, query);
        checkKeyOrValue("value", value, vdim, query);

        // Work batch-first: (N, L, E).
        Tensor q = batchFirst(query, batched), k = batchFirst(key, batched), v = batchFirst(value, batched);
        if (k.size(1) != v.size(1))
            throw new IllegalArgumentException("MultiheadAttention: key and value must have the same sequence length, got key of shape "
                    + Shape.str(key.shape()) + " and value of shape " + Shape.str(value.shape()));
        int n = q.size(0), l = q.size(1), s = k.size(1);
        Tensor[] qkv = project(q, k, v, query == key && key == value);
        Tensor qh = heads(qkv[0]).div(Math.sqrt(headDim)), kh = heads(qkv[1]), vh = heads(qkv[2]);
        Tensor scores = qh.matmul(kh.transpose(-2, -1)); // (N, H, L, S)
        if (attnMask != null) scores = applyMask(scores, attnMask(attnMask, n, l, s, query));
        if (keyPaddingMask != null) scores = applyMask(scores, keyPaddingMask(keyPaddingMask, n, s, batched, query));
        Tensor attn = scores.softmax(-1);
        if (options.dropout() > 0 && isTraining()) attn = F.dropout(attn, options.dropout(), true, Generator.defaultGenerator());
        Tensor out = outProj.forward(attn.matmul(vh).transpose(1, 2).reshape(n, l, embedDim));

        out = batched ? (options.batchFirst() ? out : out.transpose(0, 1)) : out.squeeze(0);
        Tensor weights = null;
        if (needWeights) {
            weights = averageAttnWeights ? attn.mean(1, false) : attn;
            if (!batched) weights = weights.squeeze(0);
        }
        return new AttentionOutput(out, weights);
    }

    private void checkKeyOrValue(String name, Tensor t, int features, Tensor query) {
        if (t.dim() != query.dim() || t.size(-1) != features)
            throw LayerInputs.badInput(this, name + " of rank " + query.dim() + " (like the query) with last dim " + features, name, t);
        if (query.dim() == 3) {
            int batchDim = options.batchFirst() ? 0 : 1;
            if (t.size(batchDim) != query.size(batchDim))
                throw LayerInputs.badInput(this, name + " with batch size " + query.size(batchDim) + " (like the query)", name, t);
        }
    }

    private Tensor batchFirst(Tensor t, boolean batched) {
        if (!batched) return t.unsqueeze(0);
        return options.batchFirst() ? t : t.transpose(0, 1);
    }

    /** The three input projections; self-attention uses one matmul for all three. */
    private Tensor[] project(Tensor q, Tensor k, Tensor v, boolean selfAttention) {
        Tensor b = parameter("in_proj_bias");
        if (packedProjection && selfAttention) {
            var parts = F.linear(q, parameter("in_proj_weight"), b).chunk(3, -1);
            return new Tensor[] {parts.get(0), parts.get(1), parts.get(2)};
        }
        Tensor[] inputs = {q, k, v};
        String[] names = {"q_proj_weight", "k_proj_weight", "v_proj_weight"};
        Tensor[] out = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            Tensor w = packedProjection ? parameter("in_proj_weight").narrow(0, i * embedDim, embedDim) : parameter(names[i]);
            out[i] = F.linear(inputs[i], w, b == null ? null : b.narrow(0, i * embedDim, embedDim));
        }
        return out;
    }

    /** (N, T, E) to (N, heads, T, head_dim). */
    private Tensor heads(Tensor x) {
        return x.reshape(x.size(0), x.size(1), numHeads, headDim).transpose(1, 2);
    }

    private Tensor attnMask(Tensor mask, int n, int l, int s, Tensor query) {
        checkMaskType("attn_mask", mask, query);
        if (mask.dim() == 2 && mask.size(0) == l && mask.size(1) == s) return mask;
        if (mask.dim() == 3 && mask.size(0) == n * numHeads && mask.size(1) == l && mask.size(2) == s) return mask.view(n, numHeads, l, s);
        throw LayerInputs.badInput(this, "attn_mask of shape [" + l + ", " + s + "] or [" + n * numHeads + ", " + l + ", " + s + "] (N * num_heads, L, S)",
                "attn_mask", mask);
    }

    private Tensor keyPaddingMask(Tensor mask, int n, int s, boolean batched, Tensor query) {
        checkMaskType("key_padding_mask", mask, query);
        int[] expected = batched ? new int[] {n, s} : new int[] {s};
        if (!Shape.same(mask.shape(), expected)) throw LayerInputs.badInput(this, "key_padding_mask of shape " + Shape.str(expected) + " (N, S)", "key_padding_mask", mask);
        return mask.reshape(n, 1, 1, s);
    }

    private void checkMaskType(String name, Tensor mask, Tensor query) {
        if (mask.dtype() != DType.BOOL && mask.dtype() != query.dtype())
            throw new IllegalArgumentException("MultiheadAttention: " + name + " must be bool or " + query.dtype() + " like the query, got " + mask.dtype());
    }

    /** A bool mask blocks (-inf), a float mask is added. */
    private static Tensor applyMask(Tensor scores, Tensor mask) {
        return mask.dtype() == DType.BOOL ? scores.maskedFill(mask, Double.NEGATIVE_INFINITY) : scores.add(mask);
    }

    public int embedDim() { return embedDim; }

    public int numHeads() { return numHeads; }

    /** True if inputs are (N, L, E). */
    public boolean batchFirst() { return options.batchFirst(); }

    /** The output projection (PyTorch's {@code out_proj}). */
    public Linear outProj() { return outProj; }

}
