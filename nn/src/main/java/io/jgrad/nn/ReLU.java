package io.jgrad.nn;

/** max(0, x) elementwise ({@code torch.nn.ReLU}). */
public final class ReLU extends Activation {
    public ReLU() {
        super(F::relu);
    }
}
