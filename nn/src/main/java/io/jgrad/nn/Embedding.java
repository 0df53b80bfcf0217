package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.init.Init;

/**
 * A lookup table of vectors ({@code torch.nn.Embedding}): int64 indices of any shape (*) give
 * (*, embedding_dim). Parameter {@code weight} (num_embeddings, embedding_dim) ~ N(0, 1); the
 * {@code padding_idx} row starts at zero and never receives a gradient.
 */
public final class Embedding extends Module {
    private final int numEmbeddings, embeddingDim;
    private final Integer paddingIdx;

    /** A table without a padding index. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** A table whose row {@code paddingIdx} (may be negative, counted from the end; null for none) is a constant zero. */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        this.numEmbeddings = LayerInputs.positive("Embedding", "num_embeddings", numEmbeddings);
        this.embeddingDim = LayerInputs.positive("Embedding", "embedding_dim", embeddingDim);
        if (paddingIdx != null && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings))
            throw new IllegalArgumentException("Embedding: padding_idx must be within num_embeddings (" + numEmbeddings + "), got " + paddingIdx);
        this.paddingIdx = paddingIdx == null ? null : Integer.valueOf(paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx);
        registerParameter("weight", Tensor.empty(numEmbeddings, embeddingDim));
        resetParameters(Generator.defaultGenerator());
    }

    /** An embedding holding a copy of {@code weights} (2-d), frozen unless {@code freeze} is false. */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, Integer paddingIdx) {
        if (weights.dim() != 2)
            throw new IllegalArgumentException("Embedding.fromPretrained: expected 2-d weights (num_embeddings, embedding_dim), got shape "
                    + io.jgrad.core.Shape.str(weights.shape()));
        Embedding e = new Embedding(weights.size(0), weights.size(1), paddingIdx);
        e.registerParameter("weight", weights.detach().clone());
        e.weight().requiresGrad_(!freeze);
        return e;
    }

    /** Re-draws the weight from N(0, 1) with {@code gen} and zeroes the padding row. */
    public void resetParameters(Generator gen) {
        Init.normal_(weight(), 0, 1, gen);
        if (paddingIdx != null) {
            try (Autograd.Scope ignored = Autograd.noGrad()) {
                weight().select(0, paddingIdx).zero_();
            }
        }
    }

    public Tensor weight() { return parameter("weight"); }

    /** The padding row (non-negative), or null. */
    public Integer paddingIdx() { return paddingIdx; }

    @Override
    public Tensor forward(Tensor indices) {
        if (indices.dtype() != DType.INT64)
            throw new IllegalArgumentException("Embedding: expected int64 indices, got " + indices.dtype() + " input of shape "
                    + io.jgrad.core.Shape.str(indices.shape()));
        return F.embedding(indices, weight(), paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
