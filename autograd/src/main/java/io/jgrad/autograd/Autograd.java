package io.jgrad.autograd;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Autograd's public entry points: grad-mode scopes, backward over several roots, and
 * {@link #grad} for gradients without touching {@code .grad()} (gradient penalties,
 * Hessian-vector products with {@code createGraph}).
 *
 * <pre>{@code
 * try (var g = Autograd.noGrad()) {      // nothing recorded on this thread inside
 *     w.sub_(w.grad().mul(lr));
 * }
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    /** A scope that restores the previous mode when closed (try-with-resources). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Stops recording on this thread until the scope closes ({@code torch.no_grad()}). */
    public static Scope noGrad() {
        GradMode.Scope s = GradMode.set(false);
        return s::close;
    }

    /** Turns recording back on inside a noGrad scope ({@code torch.enable_grad()}). */
    public static Scope enableGrad() {
        GradMode.Scope s = GradMode.set(true);
        return s::close;
    }

    /** Sets grad mode until the scope closes ({@code torch.set_grad_enabled(mode)}). */
    public static Scope setGradEnabled(boolean enabled) {
        GradMode.Scope s = GradMode.set(enabled);
        return s::close;
    }

    /** True if ops on this thread are recorded. */
    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    /**
     * Anomaly detection until the scope closes: forward ops remember where they were called, and
     * backward fails at the first node producing NaN or inf, naming the op and the call site.
     */
    public static Scope detectAnomaly() {
        GradMode.Scope s = GradMode.setAnomaly(true);
        return s::close;
    }

    /**
     * Backpropagates from {@code tensors} (with {@code gradTensors}, or implicit ones for scalars)
     * and accumulates into the leaves' {@code grad()}.
     */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, boolean retainGraph, boolean createGraph) {
        List<Node> roots = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        collectRoots("backward", tensors, gradTensors, roots, grads);
        Engine.run(roots, grads, retainGraph || createGraph, createGraph, null);
    }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, without accumulating into
     * {@code grad()} ({@code torch.autograd.grad}). With {@code createGraph} the results are
     * themselves differentiable. An input the outputs do not depend on gives null if
     * {@code allowUnused}, else an error.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        List<Node> roots = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        collectRoots("grad", outputs, gradOutputs, roots, grads);
        Map<Node, Integer> capture = new IdentityHashMap<>();
        List<Node> inputNodes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            Node n = AutogradTracker.gradientEdge(t);
            if (n == null) throw new IllegalArgumentException("grad: input " + i + " does not require grad");
            inputNodes.add(n);
            capture.put(n, i);
        }
        Map<Node, Tensor> got = Engine.run(roots, grads, retainGraph || createGraph, createGraph, capture);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor g = got.get(inputNodes.get(i));
            if (g == null && !allowUnused)
                throw new IllegalArgumentException("grad: input " + i + " (shape " + Shape.str(inputs.get(i).shape())
                        + ") appears not to have been used in the graph; pass allowUnused = true if this is intended");
            if (g != null && !createGraph) g = g.detach();
            out.add(g);
        }
        return out;
    }

    /** Shorthand for {@code grad(outputs, inputs, null, false, false, false)}. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs) {
        return grad(outputs, inputs, null, false, false, false);
    }

    private static void collectRoots(String op, List<Tensor> tensors, List<Tensor> gradTensors, List<Node> roots, List<Tensor> grads) {
        if (gradTensors != null && gradTensors.size() != tensors.size())
            throw new IllegalArgumentException(op + ": got " + tensors.size() + " tensors but " + gradTensors.size() + " gradients");
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Node n = AutogradTracker.gradientEdge(t);
            if (n == null)
                throw new IllegalStateException(op + ": element " + i + " of tensors does not require grad and does not have a grad_fn");
            Tensor g = gradTensors == null ? null : gradTensors.get(i);
            if (g == null) {
                if (t.numel() != 1)
                    throw new IllegalArgumentException(op + ": grad can be implicitly created only for scalar outputs, but the output has shape " + Shape.str(t.shape()));
                g = Tensor.onesLike(t.detach());
            } else if (!Shape.same(g.shape(), t.shape())) {
                throw new IllegalArgumentException(op + ": gradient of shape " + Shape.str(g.shape()) + " does not match the output's shape " + Shape.str(t.shape()));
            }
            roots.add(n);
            grads.add(g.dtype() == t.dtype() ? g : g.to(t.dtype()));
        }
    }
}
