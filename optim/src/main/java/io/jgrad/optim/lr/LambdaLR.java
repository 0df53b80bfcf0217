package io.jgrad.optim.lr;

import io.jgrad.optim.Optimizer;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** lr = base_lr * lambda(epoch), with one lambda for all groups or one per group ({@code LambdaLR}). */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lrLambda));
    }

    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        if (lrLambdas.size() != optimizer.paramGroups().size())
            throw new IllegalArgumentException("LambdaLR: expected " + optimizer.paramGroups().size() + " lr lambdas (one per parameter group), got " + lrLambdas.size());
        this.lambdas = List.copyOf(lrLambdas);
        super(optimizer);
    }

    @Override
    protected double[] chainedLrs() {
        return perGroup(i -> baseLr(i) * lambdas.get(i).applyAsDouble(lastEpoch()));
    }
}
