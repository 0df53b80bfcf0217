package io.jgrad.nn;

/** min(max(0, x), 6) elementwise ({@code torch.nn.ReLU6}). */
public final class ReLU6 extends Activation {
    public ReLU6() {
        super(F::relu6);
    }
}
