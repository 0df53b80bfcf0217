package io.jgrad.nn;

/** log(sigmoid(x)), computed stably ({@code torch.nn.LogSigmoid}). */
public final class LogSigmoid extends Activation {
    public LogSigmoid() {
        super(F::logsigmoid);
    }
}
