package io.jgrad.examples.recsys;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.Module;
import io.jgrad.nn.init.Init;

/**
 * Matrix factorisation for implicit feedback (the GMF part of neural collaborative filtering):
 * the logit that user u interacts with item i is {@code <p_u, q_i> + b_i}, with user and item
 * vectors and an item bias learned as embeddings.
 */
public final class MatrixFactorization extends Module {
    private final Embedding users, items, itemBias;

    /** {@code dim}-dimensional factors, initialised N(0, 0.1), biases at zero. */
    public MatrixFactorization(int numUsers, int numItems, int dim, Generator gen) {
        users = registerModule("users", new Embedding(numUsers, dim));
        items = registerModule("items", new Embedding(numItems, dim));
        itemBias = registerModule("item_bias", new Embedding(numItems, 1));
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            Init.normal_(users.weight(), 0, 0.1, gen);
            Init.normal_(items.weight(), 0, 0.1, gen);
            Init.zeros_(itemBias.weight());
        }
    }

    /** Logits {@code (N)} of the pairs {@code (user[k], item[k])} (int64 {@code (N)} each). */
    public Tensor score(Tensor user, Tensor item) {
        return users.forward(user).mul(items.forward(item)).sum(1).add(itemBias.forward(item).squeeze(1));
    }

    /** Logits {@code (N, items)} of every item for each of {@code user} (int64 {@code (N)}). */
    public Tensor scoreAll(Tensor user) {
        return users.forward(user).matmul(items.weight().t()).add(itemBias.weight().t());
    }
}
