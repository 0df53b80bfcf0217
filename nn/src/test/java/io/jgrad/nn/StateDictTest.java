package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stateDict order and sharing, loadStateDict in place, strict and non-strict reporting. */
class StateDictTest {
    private static Sequential model() {
        return new Sequential(new Linear(4, 3), new BatchNorm1d(3), new Linear(3, 2));
    }

    @Test
    void orderIsParametersThenBuffersPerModule() {
        Map<String, Tensor> sd = model().stateDict();
        assertThat(sd.keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "2.weight", "2.bias");
        Tensor tracked = sd.get("1.num_batches_tracked");
        assertThat(tracked.dtype()).isEqualTo(DType.INT64);
        assertThat(tracked.dim()).isZero();
    }

    @Test
    void roundTripReproducesTheModel() {
        Tensor.manualSeed(1);
        Sequential a = model(), b = model();
        Tensor x = Tensor.randn(new Generator(3), 5, 4);
        a.eval();
        b.eval();
        assertThat(a.forward(x).allclose(b.forward(x), 0, 0)).isFalse();
        IncompatibleKeys r = b.loadStateDict(a.stateDict(), true);
        assertThat(r.isEmpty()).isTrue();
        assertThat(b.forward(x).toFloatArray()).containsExactly(a.forward(x).toFloatArray());
    }

    @Test
    void stateDictSharesStorageAndLoadingKeepsTensorIdentity() {
        Sequential m = model();
        Map<String, Tensor> sd = m.stateDict();
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            ((Linear) m.get(0)).bias().fill_(7);
        }
        assertThat(sd.get("0.bias").toDoubleArray()).containsOnly(7.0);
        assertThat(sd.get("0.bias").requiresGrad()).isFalse();

        List<Tensor> before = m.parameters();
        Map<String, Tensor> other = model().to(DType.FLOAT64).stateDict();
        m.loadStateDict(other);
        assertThat(m.parameters()).usingElementComparator((p, q) -> p == q ? 0 : 1).containsExactlyElementsOf(before);
        assertThat(m.parameters()).allMatch(p -> p.dtype() == DType.FLOAT32 && p.requiresGrad());
        assertThat(((Linear) m.get(2)).weight().toDoubleArray()).containsExactly(other.get("2.weight").to(DType.FLOAT32).toDoubleArray());
    }

    @Test
    void strictLoadingNamesMissingAndUnexpectedKeysAndLoadsNothing() {
        Sequential m = model();
        Map<String, Tensor> sd = new LinkedHashMap<>(model().stateDict());
        sd.remove("2.bias");
        sd.put("3.weight", Tensor.ones(1));
        float[] before = ((Linear) m.get(0)).weight().toFloatArray();
        assertThatThrownBy(() -> m.loadStateDict(sd, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Error(s) in loading state_dict for Sequential: Missing key(s) in state_dict: \"2.bias\". "
                        + "Unexpected key(s) in state_dict: \"3.weight\".");
        assertThat(((Linear) m.get(0)).weight().toFloatArray()).containsExactly(before);
    }

    @Test
    void shapeMismatchIsAnErrorWhenStrictAndReportedOtherwise() {
        Sequential m = model();
        Map<String, Tensor> sd = new LinkedHashMap<>(model().stateDict());
        sd.put("0.weight", Tensor.ones(3, 5));
        assertThatThrownBy(() -> m.loadStateDict(sd, true))
                .hasMessage("Error(s) in loading state_dict for Sequential: size mismatch for 0.weight: checkpoint shape [3, 5], model shape [3, 4].");

        sd.remove("1.running_var");
        sd.put("extra", Tensor.ones(1));
        IncompatibleKeys r = m.loadStateDict(sd, false);
        assertThat(r.missingKeys()).containsExactly("1.running_var");
        assertThat(r.unexpectedKeys()).containsExactly("extra");
        assertThat(r.shapeMismatches()).containsExactly("0.weight: checkpoint shape [3, 5], model shape [3, 4]");
        assertThat(((Linear) m.get(0)).weight().toFloatArray()).doesNotContain(1f);
        assertThat(((Linear) m.get(2)).weight().toFloatArray()).containsExactly(sd.get("2.weight").toFloatArray());
    }

    @Test
    void nonPersistentBuffersStayOutOfTheStateDict() {
        Identity m = new Identity();
        m.registerBuffer("cache", Tensor.zeros(2), false);
        m.registerBuffer("kept", Tensor.zeros(2));
        assertThat(m.namedBuffers().keySet()).containsExactly("cache", "kept");
        assertThat(m.stateDict().keySet()).containsExactly("kept");
    }
}
