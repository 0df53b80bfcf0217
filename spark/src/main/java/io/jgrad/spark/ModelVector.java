package io.jgrad.spark;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import io.jgrad.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's trainable parameters followed by its floating-point buffers (e.g. BatchNorm's running
 * statistics), seen as one flat float vector: the form in which weights are broadcast and
 * gradients and averages are summed. The first {@link #parameterLength()} floats are the
 * parameters; gradients use the same positions.
 */
final class ModelVector {
    private final List<Tensor> parameters;
    private final List<Tensor> buffers;
    private final int parameterLength;
    private final int length;

    private ModelVector(List<Tensor> parameters, List<Tensor> buffers) {
        this.parameters = parameters;
        this.buffers = buffers;
        this.parameterLength = numel(parameters);
        this.length = Math.addExact(parameterLength, numel(buffers));
    }

    /** The vector view of {@code model}; its parameters and floating buffers must be float32. */
    static ModelVector of(Module model) {
        List<Tensor> params = new ArrayList<>();
        model.namedParameters().forEach((name, p) -> params.add(checked("parameter", name, p)));
        List<Tensor> buffers = new ArrayList<>();
        for (Map.Entry<String, Tensor> b : model.namedBuffers().entrySet()) {
            if (b.getValue().isFloatingPoint()) buffers.add(checked("buffer", b.getKey(), b.getValue()));
        }
        if (params.isEmpty()) throw new IllegalArgumentException("SparkTrainer: the model (" + model.typeName() + ") has no parameters to train");
        return new ModelVector(params, buffers);
    }

    private static Tensor checked(String kind, String name, Tensor t) {
        if (t.dtype() != DType.FLOAT32)
            throw new IllegalArgumentException("SparkTrainer: " + kind + " '" + name + "' is " + t.dtype() + " " + Shape.str(t.shape())
                    + "; only float32 models can be trained on Spark");
        if (!t.isContiguous())
            throw new IllegalArgumentException("SparkTrainer: " + kind + " '" + name + "' " + Shape.str(t.shape()) + " is not contiguous");
        return t;
    }

    private static int numel(List<Tensor> tensors) {
        int n = 0;
        for (Tensor t : tensors) n = Math.addExact(n, t.numel());
        return n;
    }

    /** The model's parameters, in {@link Module#parameters()} order. */
    List<Tensor> parameters() {
        return parameters;
    }

    /** The number of parameter floats (the start of the buffers). */
    int parameterLength() {
        return parameterLength;
    }

    /** Parameters plus floating buffers. */
    int length() {
        return length;
    }

    /** A copy of the current parameters and buffers. */
    float[] values() {
        float[] out = new float[length];
        int at = 0;
        for (Tensor t : all()) {
            System.arraycopy(t.storage().floats(), t.layout().offset(), out, at, t.numel());
            at += t.numel();
        }
        return out;
    }

    /** Overwrites parameters and buffers (in place, outside autograd) with {@code values}. */
    void load(float[] values) {
        requireLength("load", values.length, length);
        int at = 0;
        for (Tensor t : all()) {
            System.arraycopy(values, at, t.storage().floats(), t.layout().offset(), t.numel());
            t.storage().bumpVersion();
            at += t.numel();
        }
    }

    /**
     * Writes {@code weight} times the parameters' gradients (zeros for parameters that got none)
     * into {@code out[0, parameterLength)} and {@code weight} times the buffers after it.
     */
    void writeWeightedGradients(float[] out, float weight) {
        requireLength("writeWeightedGradients", out.length, length);
        int at = 0;
        for (Tensor p : parameters) {
            Tensor g = p.grad();
            if (g != null) scaleInto(g.contiguous(), weight, out, at);
            at += p.numel();
        }
        for (Tensor b : buffers) {
            scaleInto(b, weight, out, at);
            at += b.numel();
        }
    }

    /** Writes {@code weight} times the parameters and buffers into {@code out[0, length())}. */
    void writeWeightedValues(float[] out, float weight) {
        if (out.length < length) requireLength("writeWeightedValues", out.length, length);
        int at = 0;
        for (Tensor t : all()) {
            scaleInto(t, weight, out, at);
            at += t.numel();
        }
    }

    /** Sets every parameter's gradient from {@code values[0, parameterLength)} and every buffer from the rest. */
    void setGradientsAndBuffers(float[] values) {
        requireLength("setGradientsAndBuffers", values.length, length);
        int at = 0;
        for (Tensor p : parameters) {
            float[] g = new float[p.numel()];
            System.arraycopy(values, at, g, 0, g.length);
            p.setGrad(Tensor.of(Storage.of(g), Layout.contiguous(p.shape())));
            at += g.length;
        }
        for (Tensor b : buffers) {
            System.arraycopy(values, at, b.storage().floats(), b.layout().offset(), b.numel());
            b.storage().bumpVersion();
            at += b.numel();
        }
    }

    private List<Tensor> all() {
        List<Tensor> all = new ArrayList<>(parameters);
        all.addAll(buffers);
        return all;
    }

    private static void scaleInto(Tensor t, float weight, float[] out, int at) {
        float[] src = t.storage().floats();
        int off = t.layout().offset();
        for (int i = 0, n = t.numel(); i < n; i++) out[at + i] = weight * src[off + i];
    }

    private void requireLength(String op, int got, int expected) {
        if (got != expected)
            throw new IllegalArgumentException("ModelVector." + op + ": vector of " + got + " floats for a model of " + expected
                    + " (" + parameterLength + " parameters + " + (length - parameterLength) + " buffer values); was it built by the same factory?");
    }
}
