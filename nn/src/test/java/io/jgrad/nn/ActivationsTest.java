package io.jgrad.nn;

import static io.jgrad.nn.Checks.close;
import static io.jgrad.nn.Checks.gradchecks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each activation of F against its closed form, its gradients of first and second order, and its errors. */
class ActivationsTest {
    static final double[] XS = {-4.5, -2.2, -0.7, 0.3, 1.9, 3.6, 7.1};

    /** F function and the formula it must compute. */
    static Map<String, Object[]> cases() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("relu", pair(F::relu, x -> Math.max(x, 0)));
        m.put("relu6", pair(F::relu6, x -> Math.min(Math.max(x, 0), 6)));
        m.put("sigmoid", pair(F::sigmoid, x -> 1 / (1 + Math.exp(-x))));
        m.put("tanh", pair(F::tanh, Math::tanh));
        m.put("silu", pair(F::silu, x -> x / (1 + Math.exp(-x))));
        m.put("mish", pair(F::mish, x -> x * Math.tanh(Math.log1p(Math.exp(x)))));
        m.put("gelu", pair(F::gelu, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)))));
        m.put("gelu_tanh", pair(x -> F.gelu(x, "tanh"), x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))));
        m.put("leaky_relu", pair(x -> F.leakyRelu(x, 0.2), x -> x < 0 ? 0.2 * x : x));
        m.put("leaky_relu_0", pair(x -> F.leakyRelu(x, 0), x -> Math.max(x, 0)));
        m.put("elu", pair(x -> F.elu(x, 0.5), x -> x > 0 ? x : 0.5 * Math.expm1(x)));
        m.put("selu", pair(F::selu, x -> 1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * Math.expm1(x))));
        m.put("softplus", pair(x -> F.softplus(x, 2, 6), x -> 2 * x > 6 ? x : Math.log1p(Math.exp(2 * x)) / 2));
        m.put("hardtanh", pair(x -> F.hardtanh(x, -2, 3), x -> Math.min(Math.max(x, -2), 3)));
        m.put("hardswish", pair(F::hardswish, x -> x * Math.min(Math.max(x + 3, 0), 6) / 6));
        m.put("hardsigmoid", pair(F::hardsigmoid, x -> Math.min(Math.max(x + 3, 0), 6) / 6));
        m.put("logsigmoid", pair(F::logsigmoid, x -> -Math.log1p(Math.exp(-x))));
        m.put("softsign", pair(F::softsign, x -> x / (1 + Math.abs(x))));
        return m;
    }

    static Object[] pair(UnaryOperator<Tensor> f, DoubleUnaryOperator ref) {
        return new Object[] {f, ref};
    }

    /** erf by its Taylor series for |x| &lt; 3 and a continued fraction of erfc beyond, independent of jgrad's implementation. */
    static double erf(double x) {
        if (Math.abs(x) >= 3) {
            double z = Math.abs(x), k = z;
            for (int n = 80; n >= 1; n--) k = z + n / 2.0 / k;
            return Math.signum(x) * (1 - Math.exp(-z * z) / (Math.sqrt(Math.PI) * k));
        }
        double sum = 0, term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesMatchClosedForms() {
        Tensor x = Tensor.of(XS, XS.length);
        for (Map.Entry<String, Object[]> e : cases().entrySet()) {
            UnaryOperator<Tensor> f = (UnaryOperator<Tensor>) e.getValue()[0];
            DoubleUnaryOperator ref = (DoubleUnaryOperator) e.getValue()[1];
            double[] expected = new double[XS.length];
            for (int i = 0; i < XS.length; i++) expected[i] = ref.applyAsDouble(XS[i]);
            try {
                close(f.apply(x), expected, new int[] {XS.length}, 1e-12);
                assertThat(f.apply(x.to(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT32);
            } catch (AssertionError err) {
                throw new AssertionError(e.getKey() + ": " + err.getMessage(), err);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void firstAndSecondOrderGradients() {
        Generator gen = new Generator(5);
        for (Map.Entry<String, Object[]> e : cases().entrySet()) {
            UnaryOperator<Tensor> f = (UnaryOperator<Tensor>) e.getValue()[0];
            // Values away from every kink (0, bounds, thresholds), where the derivative is defined.
            Tensor x = Tensor.of(XS, XS.length).add(Tensor.rand(gen, DType.FLOAT64, XS.length).mul(0.05)).requiresGrad_(true);
            try {
                gradchecks(a -> f.apply(a.get(0)), x);
            } catch (AssertionError err) {
                throw new AssertionError(e.getKey() + ": " + err.getMessage(), err);
            }
        }
        Tensor s = Tensor.of(XS, XS.length).reshape(7, 1).requiresGrad_(true);
        gradchecks(a -> F.softmax(a.get(0).expand(7, 3).mul(Tensor.of(new double[] {1, 2, 3}, 3)), 1), s);
        gradchecks(a -> F.logSoftmax(a.get(0).expand(7, 3).mul(Tensor.of(new double[] {1, 2, 3}, 3)), 1), s);
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor x = Tensor.zeros(3);
        assertThatThrownBy(() -> F.gelu(x, "fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gelu: approximate must be \"none\" or \"tanh\", got 'fast'");
        assertThatThrownBy(() -> F.hardtanh(x, 2, 1)).hasMessageContaining("hardtanh: min_val (2.0) must not exceed max_val (1.0)");
        assertThatThrownBy(() -> F.softplus(x, 0, 20)).hasMessageContaining("softplus: beta must be non-zero");
        assertThatThrownBy(() -> F.softmax(x, 1)).hasMessageContaining("softmax: dim 1 out of range");
    }
}
