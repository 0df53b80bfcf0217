package io.jgrad.nn;

/** x * relu6(x + 3) / 6 ({@code torch.nn.Hardswish}). */
public final class Hardswish extends Activation {
    public Hardswish() {
        super(F::hardswish);
    }
}
