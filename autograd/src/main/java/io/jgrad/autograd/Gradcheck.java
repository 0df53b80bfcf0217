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
        for (int o = 0; o < outs.size(); o++) {
            Tensor out = outs.get(o);
            if (!out.dtype().isFloating() || !out.requiresGrad()) continue;
            int m = out.numel();
            for (int k = 0; k < m; k++) {
                // Analytical row k of the Jacobian: the gradient of out[k] w.r.t. every input.
                Tensor seed = Tensor.zeros(out.dtype(), out.shape());
                seed.reshape(-1).narrow(0, k, 1).fill_(1);
                List<Tensor> diffInputs = new ArrayList<>();
                for (Tensor t : inputs) if (t.requiresGrad()) diffInputs.add(t);
                List<Tensor> analytical = Autograd.grad(List.of(out), diffInputs, List.of(seed), true, false, true);
                int di = 0;
                for (int i = 0; i < inputs.size(); i++) {
                    Tensor x = inputs.get(i);
                    if (!x.requiresGrad()) continue;
                    Tensor a = analytical.get(di++);
                    double[] av = a == null ? new double[x.numel()] : a.contiguous().toDoubleArray();
                    for (int j = 0; j < x.numel(); j++) {
                        double numeric = numeric(fn, inputs, i, j, o, k, opt.eps());
                        double an = av[j];
                        if (Math.abs(an - numeric) > opt.atol() + opt.rtol() * Math.abs(numeric))
                            return new Result(false, "gradcheck: Jacobian mismatch for output " + o + " element " + k + " with respect to input " + i
                                    + " (shape " + Shape.str(x.shape()) + ") element " + j + ": numerical " + numeric + ", analytical " + an);
                    }
                }
            }
        }
        return new Result(true, "gradcheck passed");
    }

    /** Central difference of out[o][k] w.r.t. inputs[i][j], perturbing the input in place. */
    private static double numeric(Function<List<Tensor>, List<Tensor>> fn, List<Tensor> inputs, int i, int j, int o, int k, double eps) {
        Tensor x = inputs.get(i);
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            Tensor flatView = x.detach();
            double orig = element(flatView, j);
            setElement(flatView, j, orig + eps);
            double plus = element(fn.apply(inputs).get(o).detach(), k);
            setElement(flatView, j, orig - eps);
            double minus = element(fn.apply(inputs).get(o).detach(), k);
            setElement(flatView, j, orig);
            return (plus - minus) / (2 * eps);
        }
    }

    private static double element(Tensor t, int linear) {
        return t.storage().getDouble(t.layout().indexOfLinear(linear));
    }

    private static void setElement(Tensor t, int linear, double v) {
        t.storage().setDouble(t.layout().indexOfLinear(linear), v);
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
