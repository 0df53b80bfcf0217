package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.autograd.Gradcheck;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Shared assertions for the functional tests: value comparison and float64 gradient checks. */
final class Checks {
    private Checks() {}

    /** Asserts shape and values (|a - e| <= tol (1 + |e|)). */
    static void close(Tensor actual, double[] expected, int[] shape, double tol) {
        assertThat(actual.shape()).as("shape").containsExactly(shape);
        double[] a = actual.toDoubleArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++)
            if (!(Math.abs(a[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]))))
                throw new AssertionError("element " + i + ": expected " + expected[i] + " but got " + a[i] + " in " + Arrays.toString(a));
    }

    static void close(Tensor actual, Tensor expected, double tol) {
        close(actual, expected.toDoubleArray(), expected.shape(), tol);
    }

    /** A float64 leaf of the given shape with values from N(0, 1), requiring grad. */
    static Tensor leaf(Generator gen, int... shape) {
        return Tensor.randn(gen, DType.FLOAT64, shape).requiresGrad_(true);
    }

    /** A float64 leaf with the given values. */
    static Tensor leaf(double[] values, int... shape) {
        return Tensor.of(values, shape).requiresGrad_(true);
    }

    /** First- and second-order finite-difference checks of fn at the inputs. */
    static void gradchecks(Function<List<Tensor>, Tensor> fn, Tensor... inputs) {
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(fn.apply(xs));
        Gradcheck.gradcheck(f, List.of(inputs)).orThrow();
        Gradcheck.gradgradcheck(f, List.of(inputs)).orThrow();
    }
}
