package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad optimizer input fails at once with an IllegalArgumentException naming the optimizer and the problem. */
class OptimizerValidationTest {
    static Tensor param() {
        return Tensor.zeros(2, 3).requiresGrad_(true);
    }

    static void rejects(String type, Map<String, ?> options, String... messageParts) {
        assertThatThrownBy(() -> Optimizers.fromSpec(type, options, List.of(param())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(messageParts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGD", "Adam", "AdamW", "RMSprop", "Adagrad"})
    void negativeLearningRateAndWeightDecay(String type) {
        rejects(type, Map.of("lr", -0.1), type + ": invalid lr -0.1 (must be >= 0)");
        rejects(type, Map.of("lr", 0.1, "weight_decay", -1e-4), type + ": invalid weight_decay -1.0E-4");
        rejects(type, Map.of("lr", Double.NaN), type + ": invalid lr NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Adam", "AdamW", "RMSprop", "Adagrad"})
    void negativeEps(String type) {
        rejects(type, Map.of("eps", -1e-8), type + ": invalid eps -1.0E-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Adam", "AdamW"})
    void betasOutsideTheUnitInterval(String type) {
        rejects(type, Map.of("betas", List.of(1.0, 0.999)), type + ": invalid betas[0] 1.0 (must be in [0, 1))");
        rejects(type, Map.of("betas", List.of(0.9, -0.1)), type + ": invalid betas[1] -0.1");
        rejects(type, Map.of("betas", List.of(0.9)), type + ": option 'betas' must be two numbers");
    }

    @Test
    void negativeMomentumAndAlpha() {
        rejects("SGD", Map.of("lr", 0.1, "momentum", -0.9), "SGD: invalid momentum -0.9");
        rejects("RMSprop", Map.of("momentum", -0.5), "RMSprop: invalid momentum -0.5");
        rejects("RMSprop", Map.of("alpha", -0.99), "RMSprop: invalid alpha -0.99");
        rejects("Adagrad", Map.of("lr_decay", -1), "Adagrad: invalid lr_decay -1.0");
        rejects("Adagrad", Map.of("initial_accumulator_value", -0.1), "Adagrad: invalid initial_accumulator_value -0.1");
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        rejects("SGD", Map.of("lr", 0.1, "nesterov", true), "SGD: nesterov requires a momentum > 0 and zero dampening (momentum 0.0, dampening 0.0)");
        rejects("SGD", Map.of("lr", 0.1, "nesterov", true, "momentum", 0.9, "dampening", 0.1), "SGD: nesterov requires", "dampening 0.1");
    }

    @Test
    void unknownMissingOrMistypedOptions() {
        rejects("Adam", Map.of("lr", 0.1, "amsgrd", true), "Adam: unknown option 'amsgrd' (options: lr, betas, eps, weight_decay, amsgrad, maximize)");
        rejects("SGD", Map.of("momentum", 0.9), "SGD: option 'lr' is required");
        rejects("Adam", Map.of("amsgrad", 1), "Adam: option 'amsgrad' must be true or false, got Double 1.0");
        rejects("RMSprop", Map.of("lr", "fast"), "RMSprop: option 'lr' must be a number, got String fast");
        assertThatThrownBy(() -> Optimizers.fromSpec("Adamax", Map.of(), List.of(param())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type 'Adamax' (known: SGD, Adam, AdamW, RMSprop, Adagrad)");
    }

    @Test
    void parameterThatDoesNotRequireGrad() {
        assertThatThrownBy(() -> new Adam(List.of(param(), Tensor.zeros(4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Adam: parameter 1 (float32[4]) does not require grad; call requiresGrad_(true) on it or leave it out");
    }

    @Test
    void sameParameterTwice() {
        Tensor p = param();
        assertThatThrownBy(() -> new SGD(List.of(p, param(), p), 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SGD: parameter 2 (float32[2, 3]) appears twice in the parameter list");
        SGD sgd = new SGD(List.of(p), 0.1);
        assertThatThrownBy(() -> sgd.addParamGroup(List.of(param(), p), Map.of("lr", 0.01)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SGD: parameter 1 (float32[2, 3]) is already in parameter group 0");
        assertThatThrownBy(() -> sgd.addParamGroup(List.of(param()), Map.of("lr", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SGD: invalid lr -1.0");
        assertThat(sgd.paramGroups()).hasSize(1); // failed additions leave the optimizer as it was
    }

    @Test
    void emptyParameterList() {
        assertThatThrownBy(() -> new RMSprop(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("RMSprop: empty parameter list");
        Adagrad a = new Adagrad(List.of(param()));
        assertThatThrownBy(() -> a.addParamGroup(List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("Adagrad: empty parameter list");
    }

    @Test
    void nonLeafAndIntegerParameters() {
        Tensor leaf = param();
        assertThatThrownBy(() -> new AdamW(List.of(leaf.mul(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AdamW: parameter 0 (float32[2, 3]) is not a leaf");
        assertThatThrownBy(() -> new SGD(List.of(Tensor.arange(4)), 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SGD: parameter 0 (int64[4]) is not floating point");
    }

    @Test
    void badOptionSetBetweenStepsIsReportedByStep() {
        Tensor p = param();
        Adam adam = new Adam(List.of(p));
        p.setGrad(Tensor.ones(2, 3));
        adam.paramGroups().get(0).setLr(-0.5);
        assertThatThrownBy(adam::step).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Adam: invalid lr -0.5");
    }

    private static <T> org.assertj.core.api.ListAssert<T> assertThat(List<T> list) {
        return org.assertj.core.api.Assertions.assertThat(list);
    }
}
