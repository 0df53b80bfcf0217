package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter: how many updates it got and its state
 * buffers by PyTorch's names ({@code "exp_avg"}, {@code "momentum_buffer"}, ...). Buffers are
 * allocated once, contiguous and shaped like the parameter, and then updated in place.
 */
public final class ParamState {
    private long step;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();

    /** The number of updates so far, this one included while a step runs. */
    public long step() {
        return step;
    }

    void advanceStep() {
        step++;
    }

    /** The buffer, or null if it was never needed. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** The buffer, allocated filled with {@code initialValue} the first time it is asked for. */
    public Tensor buffer(String name, Tensor param, double initialValue) {
        return buffers.computeIfAbsent(name, k -> Tensor.full(param.dtype(), initialValue, param.shape()));
    }

    /** All buffers, in the order they were created. */
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    static ParamState restored(long step, Map<String, Tensor> buffers) {
        ParamState s = new ParamState();
        s.step = step;
        s.buffers.putAll(buffers);
        return s;
    }
}
