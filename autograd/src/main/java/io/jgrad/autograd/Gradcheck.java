package io.jgrad.autograd;

import io.jgrad.core.DType;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference checks of analytical gradients, for users' own tests
 * ({@code torch.autograd.gradcheck} / {@code gradgradcheck}). Inputs must be float64 leaves;
 * the full Jacobian is compared by central differences with PyTorch's default tolerances, and a
 * mismatch is reported naming the output, input and element.
 */
public final class Gradcheck {
    private Gradcheck() {}

    /** Tolerances and step; the defaults are PyTorch's. */
    public record Options(double eps, double atol, double rtol) {
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3);
        }
    }

    /** The outcome: passed, or the first disagreement. */
    public record Result(boolean passed, String message) {
        /** Throws an AssertionError with the message unless passed. */
        public void orThrow() {
            if (!passed) throw new AssertionError(message);
        }
    }

    /** Checks {@code fn}'s gradients at {@code inputs} (float64; those requiring grad are checked). */
    public static Result gradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs) {
        return gradcheck(fn, inputs, Options.defaults());
    }

    public static Result gradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opt) {
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (t.requiresGrad() && t.dtype() != DType.FLOAT64)
                throw new IllegalArgumentException("gradcheck: input " + i + " is " + t.dtype() + "; use float64 inputs for finite differences");
        }
        List<Tensor> outs;
        try (Autograd.Scope ignored = Autograd.enableGrad()) {
            outs = fn.apply(inputs);
        }
        List<Tensor> diffInputs = new ArrayList<>();
        for (Tensor t : inputs) if (t.requiresGrad()) diffInputs.add(t);
        for (int o = 0; o < outs.size(); o++) {
            Tensor out = outs.get(o);
            if (!out.dtype().isFloating() || !out.requiresGrad()) continue;
            // Analytical Jacobian, one output element (row) at a time.
            int m = out.numel();
            List<double[][]> analytical = new ArrayList<>();   // [row k][input i] -> gradient
            for (int k = 0; k < m; k++) {
                Tensor seed = Tensor.zeros(out.dtype(), out.shape());
                seed.reshape(-1).narrow(0, k, 1).fill_(1);
                List<Tensor> g = Autograd.grad(List.of(out), diffInputs, List.of(seed), true, false, true);
                double[][] row = new double[g.size()][];
                for (int i = 0; i < g.size(); i++) row[i] = g.get(i) == null ? new double[diffInputs.get(i).numel()] : g.get(i).contiguous().toDoubleArray();
                analytical.add(row);
            }
            // Numerical Jacobian, one input element (column) at a time: two evaluations each.
            for (int i = 0; i < diffInputs.size(); i++) {
                Tensor x = diffInputs.get(i);
                for (int j = 0; j < x.numel(); j++) {
                    double[] numeric = numericColumn(fn, inputs, x, j, o, opt.eps());
                    for (int k = 0; k < m; k++) {
                        double an = analytical.get(k)[i][j], nu = numeric[k];
                        if (Math.abs(an - nu) > opt.atol() + opt.rtol() * Math.abs(nu))
                            return new Result(false, "gradcheck: Jacobian mismatch for output " + o + " element " + k + " with respect to input "
                                    + inputs.indexOf(x) + " (shape " + Shape.str(x.shape()) + ") element " + j + ": numerical " + nu + ", analytical " + an);
                    }
                }
            }
        }
        return new Result(true, "gradcheck passed");
    }

    /**
     * d out[o] / d x[j] for every element of out[o], by central differences. The input's storage
     * is perturbed directly (and restored), outside autograd's view.
     */
    private static double[] numericColumn(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Tensor x, int j, int o, double eps) {
        int at = x.layout().indexOfLinear(j);
        double orig = x.storage().getDouble(at);
        x.storage().setDouble(at, orig + eps);
        double[] plus = fn.apply(inputs).get(o).detach().contiguous().toDoubleArray();
        x.storage().setDouble(at, orig - eps);
        double[] minus = fn.apply(inputs).get(o).detach().contiguous().toDoubleArray();
        x.storage().setDouble(at, orig);
        double[] col = new double[plus.length];
        for (int k = 0; k < col.length; k++) col[k] = (plus[k] - minus[k]) / (2 * eps);
        return col;
    }

    /**
     * Second-order check: gradcheck of the function that maps the inputs (and random upstream
     * gradients) to the first-order gradients computed with {@code createGraph}.
     */
    public static Result gradgradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs) {
        return gradgradcheck(fn, inputs, Options.defaults());
    }

    public static Result gradgradcheck(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, Options opt) {
        List<Tensor> outs;
        try (Autograd.Scope ignored = Autograd.enableGrad()) {
            outs = fn.apply(inputs);
        }
        io.jgrad.core.Generator gen = new io.jgrad.core.Generator(0);
        List<Tensor> gradOuts = new ArrayList<>();
        for (Tensor out : outs) gradOuts.add(Tensor.randn(gen, DType.FLOAT64, out.shape()).requiresGrad_(true));
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(gradOuts);
        Function<List<Tensor>, List<Tensor>> first = args -> {
            // Grad mode even when gradcheck evaluates this for finite differences (under noGrad):
            // the first-order gradients can only be computed through a recorded graph.
            try (Autograd.Scope ignored = Autograd.enableGrad()) {
                List<Tensor> xs = args.subList(0, inputs.size());
                List<Tensor> gs = args.subList(inputs.size(), args.size());
                List<Tensor> ys = fn.apply(xs);
                List<Tensor> diff = new ArrayList<>();
                for (Tensor x : xs) if (x.requiresGrad()) diff.add(x);
                List<Tensor> gr = Autograd.grad(ys, diff, gs, true, true, true);
                List<Tensor> res = new ArrayList<>();
                for (int i = 0; i < gr.size(); i++) res.add(gr.get(i) == null ? Tensor.zerosLike(diff.get(i)) : gr.get(i));
                return res;
            }
        };
        return gradcheck(first, all, opt);
    }
}
