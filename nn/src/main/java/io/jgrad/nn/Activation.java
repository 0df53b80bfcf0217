package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.function.UnaryOperator;

/**
 * An elementwise activation as a module (ReLU, GELU, ...): any input shape, same output shape,
 * no parameters. Each subclass only names the functional form it applies.
 */
public abstract class Activation extends Module {
    private final UnaryOperator<Tensor> fn;

    /** An activation applying {@code fn}, usually a method of {@link F}. */
    protected Activation(UnaryOperator<Tensor> fn) {
        this.fn = fn;
    }

    @Override
    public final Tensor forward(Tensor input) {
        return fn.apply(input);
    }
}
