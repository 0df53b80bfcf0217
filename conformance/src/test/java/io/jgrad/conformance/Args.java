package io.jgrad.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** The arguments of one op case: positional tensors, tensor kwargs and plain kwargs. */
record Args(List<Tensor> inputs, Map<String, Tensor> tensorKwargs, JsonNode kwargs) {
    Tensor in(int i) { return inputs.get(i); }
    int count() { return inputs.size(); }
    Tensor tkw(String name) { return tensorKwargs.get(name); }
    boolean has(String name) { return kwargs.has(name) && !kwargs.get(name).isNull(); }
    JsonNode raw(String name) { return kwargs.get(name); }

    int integer(String name) { return kwargs.get(name).asInt(); }
    int integer(String name, int dflt) { return has(name) ? kwargs.get(name).asInt() : dflt; }
    double dbl(String name, double dflt) { return has(name) ? Golden.number(kwargs.get(name)) : dflt; }
    boolean bool(String name, boolean dflt) { return has(name) ? kwargs.get(name).asBoolean() : dflt; }
    String str(String name, String dflt) { return has(name) ? kwargs.get(name).asText() : dflt; }
    Double dblOrNull(String name) { return has(name) ? Golden.number(kwargs.get(name)) : null; }
    Integer intOrNull(String name) { return has(name) ? kwargs.get(name).asInt() : null; }

    /** An int or a list of ints as an array; null if absent or null. */
    int[] ints(String name) {
        if (!has(name)) return null;
        JsonNode v = kwargs.get(name);
        return v.isArray() ? Golden.ints(v) : new int[] {v.asInt()};
    }

    /** An int or list expanded to {@code n} values (PyTorch's _pair / _single). */
    int[] tuple(String name, int n, int dflt) {
        int[] v = ints(name);
        if (v == null) {
            v = new int[n];
            java.util.Arrays.fill(v, dflt);
            return v;
        }
        if (v.length == 1 && n > 1) {
            int[] r = new int[n];
            java.util.Arrays.fill(r, v[0]);
            return r;
        }
        return v;
    }
}
