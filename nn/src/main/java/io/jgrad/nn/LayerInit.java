package io.jgrad.nn;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.init.FanMode;
import io.jgrad.nn.init.Init;
import io.jgrad.nn.init.Nonlinearity;

/** PyTorch's default initialisation of Linear and convolution layers ({@code reset_parameters}). */
final class LayerInit {
    private LayerInit() {}

    /**
     * weight ~ kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)); bias ~
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with the weight's fan_in (bias may be null).
     */
    static void kaimingUniformWithBias(Tensor weight, Tensor bias, Generator gen) {
        Init.kaimingUniform_(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
        if (bias != null) {
            int fanIn = Init.fans(weight).fanIn();
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound, gen);
        }
    }
}
