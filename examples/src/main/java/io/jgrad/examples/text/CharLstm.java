package io.jgrad.examples.text;

import io.jgrad.core.Tensor;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.LSTM;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.RNNBase;
import io.jgrad.nn.RecurrentOutput;

/**
 * A character-level language model: embedding, one LSTM layer, and a linear layer to the next
 * character's logits. PyTorch equivalent: {@code embed = nn.Embedding(V, E); lstm = nn.LSTM(E, H,
 * batch_first=True); head = nn.Linear(H, V)}.
 */
public final class CharLstm extends Module {
    private final Embedding embed;
    private final LSTM lstm;
    private final Linear head;

    /** A model over {@code vocabulary} characters with embedding size {@code embedding} and {@code hidden} LSTM units. */
    public CharLstm(int vocabulary, int embedding, int hidden) {
        embed = registerModule("embed", new Embedding(vocabulary, embedding));
        lstm = registerModule("lstm", new LSTM(embedding, hidden, RNNBase.Options.defaults().batchFirst(true)));
        head = registerModule("head", new Linear(hidden, vocabulary));
    }

    /** The LSTM's state between calls; null fields start from zeros. */
    public record State(Tensor h, Tensor c) {}

    /** Next-character logits {@code (N, L, V)} for int64 characters {@code (N, L)}, from zero states. */
    @Override
    public Tensor forward(Tensor chars) {
        return step(chars, new State(null, null)).logits();
    }

    /** Logits and the state after reading {@code chars}, starting from {@code state}. */
    public Output step(Tensor chars, State state) {
        RecurrentOutput out = lstm.forward(embed.forward(chars), state.h(), state.c());
        return new Output(head.forward(out.output()), new State(out.hN(), out.cN()));
    }

    /** What {@link #step} returns. */
    public record Output(Tensor logits, State state) {}
}
