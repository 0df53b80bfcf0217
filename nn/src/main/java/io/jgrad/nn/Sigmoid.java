package io.jgrad.nn;

/** 1 / (1 + exp(-x)) elementwise ({@code torch.nn.Sigmoid}). */
public final class Sigmoid extends Activation {
    public Sigmoid() {
        super(F::sigmoid);
    }
}
