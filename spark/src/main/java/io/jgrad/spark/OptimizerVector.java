package io.jgrad.spark;

import io.jgrad.core.DType;
import io.jgrad.core.Layout;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.OptimizerStateDict;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's float state buffers (Adam's {@code exp_avg} and {@code exp_avg_sq}, SGD's
 * {@code momentum_buffer}, ...) as one flat vector, so that parameter averaging can average them
 * like the weights. Every buffer of these optimizers is a running sum or average of gradient
 * statistics, so the weighted mean over replicas is a meaningful state; the per-parameter step
 * counts are equal on all replicas and are carried over unchanged.
 *
 * @param layout    what the floats are
 * @param values    the buffers, concatenated in {@link Optimizer#stateDict()} order
 * @param groups    the parameter groups' options (learning rates etc.), as in the state dict
 */
record OptimizerVector(StateLayout layout, float[] values, List<Map<String, Object>> groups) implements Serializable {

    /**
     * The state dict's keys, shapes and step counts, without the numbers: replicas compare layouts
     * before their vectors are summed.
     */
    record StateLayout(List<String> keys, List<int[]> shapes, Map<String, Long> steps) implements Serializable {
        int length() {
            int n = 0;
            for (int[] s : shapes) n = Math.addExact(n, Shape.numel(s));
            return n;
        }

        boolean sameAs(StateLayout o) {
            if (!keys.equals(o.keys) || !steps.equals(o.steps) || shapes.size() != o.shapes.size()) return false;
            for (int i = 0; i < shapes.size(); i++) {
                if (!Arrays.equals(shapes.get(i), o.shapes.get(i))) return false;
            }
            return true;
        }
    }

    /** The state of {@code optimizer}, copied. */
    static OptimizerVector capture(Optimizer optimizer) {
        OptimizerStateDict dict = optimizer.stateDict();
        StateLayout layout = layoutOf(dict);
        float[] values = new float[layout.length()];
        int at = 0;
        for (String key : layout.keys()) {
            float[] buffer = dict.state().get(key).contiguous().toFloatArray();
            System.arraycopy(buffer, 0, values, at, buffer.length);
            at += buffer.length;
        }
        return new OptimizerVector(layout, values, groupsOf(dict));
    }

    /** The layout of {@code optimizer}'s current state. */
    static StateLayout layoutOf(Optimizer optimizer) {
        return layoutOf(optimizer.stateDict());
    }

    private static StateLayout layoutOf(OptimizerStateDict dict) {
        List<String> keys = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : dict.state().entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.INT64 && t.numel() == 1) {
                steps.put(e.getKey(), t.itemLong());
            } else if (t.dtype() == DType.FLOAT32) {
                keys.add(e.getKey());
                shapes.add(t.shape());
            } else {
                throw new IllegalArgumentException("SparkTrainer: optimizer state '" + e.getKey() + "' is " + t.dtype() + " " + Shape.str(t.shape())
                        + "; parameter averaging can only average float32 state");
            }
        }
        return new StateLayout(List.copyOf(keys), List.copyOf(shapes), Map.copyOf(steps));
    }

    /** Writes {@code weight} times this state's values into {@code out} from {@code at}. */
    void writeWeighted(float[] out, int at, float weight) {
        for (int i = 0; i < values.length; i++) out[at + i] = weight * values[i];
    }

    /**
     * Loads the state whose buffers are {@code values[at, at + layout.length())} into
     * {@code optimizer}, with this vector's parameter-group options.
     */
    static void restore(Optimizer optimizer, StateLayout layout, float[] values, int at, List<Map<String, Object>> groups) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        layout.steps().forEach((key, step) -> state.put(key, Tensor.of(new long[] {step}, new int[0])));
        for (int i = 0; i < layout.keys().size(); i++) {
            int[] shape = layout.shapes().get(i);
            float[] buffer = Arrays.copyOfRange(values, at, at + Shape.numel(shape));
            state.put(layout.keys().get(i), Tensor.of(Storage.of(buffer), Layout.contiguous(shape)));
            at += buffer.length;
        }
        optimizer.loadStateDict(new OptimizerStateDict(state, groups));
    }

    /** Loads this state into {@code optimizer}. */
    void restore(Optimizer optimizer) {
        restore(optimizer, layout, values, 0, groups);
    }

    private static List<Map<String, Object>> groupsOf(OptimizerStateDict dict) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, Object> g : dict.paramGroups()) groups.add(new LinkedHashMap<>(g));
        return groups;
    }
}
