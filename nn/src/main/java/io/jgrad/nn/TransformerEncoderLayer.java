package io.jgrad.nn;

import io.jgrad.core.Tensor;

/**
 * One Transformer encoder block ({@code torch.nn.TransformerEncoderLayer}): self-attention and a
 * two-layer feed-forward network, each wrapped in dropout, a residual connection and LayerNorm —
 * after the residual (post-norm, PyTorch's default) or before each block with norm_first.
 *
 * <pre>
 * post-norm: x = norm1(x + sa(x)); x = norm2(x + ff(x))
 * pre-norm:  x = x + sa(norm1(x)); x = x + ff(norm2(x))
 * ff(x) = dropout2(linear2(dropout(activation(linear1(x)))))
 * </pre>
 *
 * <p>Children keep PyTorch's names: self_attn, linear1, dropout, linear2, norm1, norm2, dropout1,
 * dropout2, so state dicts are interchangeable.
 */
public final class TransformerEncoderLayer extends Module {
    /** Constructor options with PyTorch's defaults: {@code Options.defaults().batchFirst(true).activation("gelu")}. */
    public record Options(int dimFeedforward, double dropout, String activation, double layerNormEps, boolean batchFirst, boolean normFirst) {
        /** dim_feedforward 2048, dropout 0.1, ReLU, eps 1e-5, (L, N, E) layout, post-norm. */
        public static Options defaults() {
            return new Options(2048, 0.1, "relu", 1e-5, false, false);
        }

        public Options dimFeedforward(int d) { return new Options(d, dropout, activation, layerNormEps, batchFirst, normFirst); }

        public Options dropout(double p) { return new Options(dimFeedforward, p, activation, layerNormEps, batchFirst, normFirst); }

        /** {@code "relu"} or {@code "gelu"}. */
        public Options activation(String a) { return new Options(dimFeedforward, dropout, a, layerNormEps, batchFirst, normFirst); }

        public Options layerNormEps(double eps) { return new Options(dimFeedforward, dropout, activation, eps, batchFirst, normFirst); }

        public Options batchFirst(boolean b) { return new Options(dimFeedforward, dropout, activation, layerNormEps, b, normFirst); }

        public Options normFirst(boolean b) { return new Options(dimFeedforward, dropout, activation, layerNormEps, batchFirst, b); }
    }

    private final MultiheadAttention selfAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2;
    private final LayerNorm norm1, norm2;
    private final Module activation; // a function in PyTorch, so not registered as a child
    private final boolean normFirst;
    private final int dModel;

    /** PyTorch's defaults for everything but the sizes. */
    public TransformerEncoderLayer(int dModel, int nhead) {
        this(dModel, nhead, Options.defaults());
    }

    public TransformerEncoderLayer(int dModel, int nhead, Options options) {
        this.activation = switch (options.activation()) {
            case "relu" -> new ReLU();
            case "gelu" -> new GELU();
            default -> throw new IllegalArgumentException("TransformerEncoderLayer: activation must be 'relu' or 'gelu', got '" + options.activation() + "'");
        };
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead,
                MultiheadAttention.Options.defaults().dropout(options.dropout()).batchFirst(options.batchFirst())));
        this.linear1 = registerModule("linear1", new Linear(dModel, options.dimFeedforward()));
        this.dropout = registerModule("dropout", new Dropout(options.dropout()));
        this.linear2 = registerModule("linear2", new Linear(options.dimFeedforward(), dModel));
        this.normFirst = options.normFirst();
        this.dModel = dModel;
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, options.layerNormEps(), true));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, options.layerNormEps(), true));
        this.dropout1 = registerModule("dropout1", new Dropout(options.dropout()));
        this.dropout2 = registerModule("dropout2", new Dropout(options.dropout()));
    }

    /** Encodes {@code src} without masks. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /** Encodes {@code src}; {@code srcMask} (L, L) and {@code srcKeyPaddingMask} (N, L) as in {@link MultiheadAttention}, either may be null. */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        if ((src.dim() != 2 && src.dim() != 3) || src.size(-1) != dModel)
            throw LayerInputs.badInput(this, "src of shape " + (selfAttn.batchFirst() ? "(N, L, " : "(L, N, ") + dModel + ") or (L, " + dModel + ")", "src", src);
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttentionBlock(norm1.forward(x), srcMask, srcKeyPaddingMask));
            return x.add(feedForwardBlock(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
        return norm2.forward(x.add(feedForwardBlock(x)));
    }

    private Tensor selfAttentionBlock(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, false, mask, true).output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(activation.forward(linear1.forward(x)))));
    }

    /** The attention sublayer (PyTorch's {@code self_attn}). */
    public MultiheadAttention selfAttn() { return selfAttn; }
}
