package io.jgrad.autograd;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One row of the op table that drives the generic autograd tests: an op, how to make sample
 * inputs for it (float64, including non-contiguous and broadcast ones), and which checks apply.
 * Adding a differentiable op means adding a row in {@link OpInfos}.
 */
record OpInfo(String name, List<Input> inputs, Function<List<Tensor>, Tensor> fn, boolean gradgrad) {

    /** How to build one input: its shape, value range, and an optional view applied after creation. */
    record Input(int[] shape, Domain domain, Function<Tensor, Tensor> view, boolean differentiable) {}

    /** Value ranges that keep each op away from kinks, poles and ties. */
    enum Domain {
        /** Normal samples, magnitudes kept away from 0 (for abs, relu and friends). */
        NONZERO,
        /** Uniform in [0.5, 2]: log, sqrt, pow bases. */
        POSITIVE,
        /** Normal samples; ties are vanishingly unlikely. */
        ANY,
        /** Uniform in (-0.8, 0.8): tan, atanh-like ops. */
        SMALL,
        /** int64 indices, filled in by the row itself. */
        INDEX
    }

    static Input in(int... shape) {
        return new Input(shape, Domain.ANY, null, true);
    }

    static Input in(Domain d, int... shape) {
        return new Input(shape, d, null, true);
    }

    /** An input viewed non-contiguously, e.g. created as [3, 2] and transposed to [2, 3]. */
    static Input viewed(Function<Tensor, Tensor> view, int... shape) {
        return new Input(shape, Domain.ANY, view, true);
    }

    static Input constant(Tensor t) {
        return new Input(t.shape(), Domain.INDEX, x -> t, false);
    }

    static OpInfo op(String name, Function<List<Tensor>, Tensor> fn, Input... inputs) {
        return new OpInfo(name, List.of(inputs), fn, true);
    }

    OpInfo noGradGrad() {
        return new OpInfo(name, inputs, fn, false);
    }

    /** Fresh float64 leaf inputs (views applied; constants passed through). */
    List<Tensor> sample(long seed) {
        Generator gen = new Generator(seed);
        List<Tensor> out = new ArrayList<>();
        for (Input in : inputs) {
            if (in.domain() == Domain.INDEX) {
                out.add(in.view().apply(null));
                continue;
            }
            Tensor base = switch (in.domain()) {
                case POSITIVE -> Tensor.rand(gen, DType.FLOAT64, in.shape()).mul(1.5).add(0.5);
                case SMALL -> Tensor.rand(gen, DType.FLOAT64, in.shape()).mul(1.6).sub(0.8);
                case NONZERO -> {
                    Tensor r = Tensor.randn(gen, DType.FLOAT64, in.shape());
                    yield r.add(r.sign().mul(0.2));
                }
                default -> Tensor.randn(gen, DType.FLOAT64, in.shape());
            };
            base.requiresGrad_(in.differentiable());
            out.add(in.view() == null ? base : in.view().apply(base));
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
