package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** PyTorch reference cases from src/test/resources/reference (made by src/test/python/gen_reference.py). */
final class Reference {
    private Reference() {}

    static JsonNode load(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name + ".json")) {
            if (in == null) throw new IllegalStateException("missing test resource reference/" + name + ".json");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tensor from {"shape", "dtype", "data"}. */
    static Tensor tensor(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = t.get("shape").get(i).asInt();
        JsonNode data = t.get("data");
        DType dtype = DType.fromPyName(t.get("dtype").asText());
        return switch (dtype) {
            case INT64 -> {
                long[] a = new long[data.size()];
                for (int i = 0; i < a.length; i++) a[i] = data.get(i).asLong();
                yield Tensor.of(a, shape);
            }
            case BOOL -> {
                boolean[] a = new boolean[data.size()];
                for (int i = 0; i < a.length; i++) a[i] = data.get(i).asBoolean();
                yield Tensor.of(a, shape);
            }
            default -> {
                double[] a = new double[data.size()];
                for (int i = 0; i < a.length; i++) a[i] = data.get(i).asDouble();
                yield Tensor.of(a, shape).to(dtype);
            }
        };
    }

    static Map<String, Tensor> tensors(JsonNode obj) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    /** Asserts shape equality and |actual - expected| <= atol + rtol * |expected| everywhere. */
    static void assertClose(String what, Tensor actual, Tensor expected, double rtol, double atol) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++)
            assertThat(Math.abs(a[i] - e[i])).as(what + " element " + i + ": " + a[i] + " vs " + e[i]).isLessThanOrEqualTo(atol + rtol * Math.abs(e[i]));
    }

    static void assertClose(String what, Tensor actual, JsonNode expected) {
        assertClose(what, actual, tensor(expected), 1e-9, 1e-10);
    }

    /**
     * Runs one reference case: loads its float64 state into {@code module}, checks the parameter
     * names, runs {@code forward} on the case's inputs (floating ones require grad), compares every
     * output, back-propagates the case's grad_outputs and compares input and parameter gradients.
     */
    static void check(JsonNode c, Module module, Function<Map<String, Tensor>, Map<String, Tensor>> forward) {
        module.to(DType.FLOAT64);
        module.loadStateDict(tensors(c.get("state")), true);
        java.util.List<String> names = new ArrayList<>();
        c.get("param_names").forEach(n -> names.add(n.asText()));
        assertThat(module.namedParameters().keySet()).as("parameter names").containsExactlyElementsOf(names);
        Map<String, Tensor> inputs = tensors(c.get("inputs"));
        inputs.values().forEach(t -> {
            if (t.isFloatingPoint()) t.requiresGrad_(true);
        });
        Map<String, Tensor> outputs = forward.apply(inputs);
        Tensor total = null;
        for (Map.Entry<String, JsonNode> e : entries(c.get("outputs"))) {
            Tensor out = outputs.get(e.getKey());
            assertClose("output " + e.getKey(), out, e.getValue());
            JsonNode go = c.get("grad_outputs").get(e.getKey());
            if (go == null) continue;
            Tensor term = out.mul(tensor(go)).sum();
            total = total == null ? term : total.add(term);
        }
        total.backward();
        for (Map.Entry<String, JsonNode> e : entries(c.get("input_grads")))
            assertClose("grad of input " + e.getKey(), inputs.get(e.getKey()).grad(), e.getValue());
        Map<String, Tensor> params = module.namedParameters();
        for (Map.Entry<String, JsonNode> e : entries(c.get("param_grads")))
            assertClose("grad of " + e.getKey(), params.get(e.getKey()).grad(), e.getValue());
    }

    static java.util.List<Map.Entry<String, JsonNode>> entries(JsonNode obj) {
        java.util.List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        obj.fields().forEachRemaining(out::add);
        return out;
    }
}
