package io.jgrad.autograd;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import io.jgrad.core.ops.Views;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs backward: counts each node's consumers, then processes nodes in reverse creation order once
 * all their gradient contributions have arrived, summing contributions per node. With
 * {@code createGraph} the formulas run in grad mode, so the backward pass is itself recorded.
 */
final class Engine {
    private Engine() {}

    static IllegalStateException freed(Node node) {
        return new IllegalStateException("backward: trying to backward through the graph a second time (or to read saved tensors after "
                + "they were freed) at " + node.name() + ". Saved tensors are freed by backward() and Autograd.grad(); pass "
                + "retainGraph = true to the first call if you need to backward through the graph again.");
    }

    /**
     * Backpropagates {@code grads} from {@code roots}. If {@code capture} is null, gradients are
     * accumulated into leaves; otherwise only the gradients reaching the captured nodes are
     * returned (keyed by node), and leaves are left untouched.
     */
    static Map<Node, Tensor> run(List<Node> roots, List<Tensor> grads, boolean retainGraph, boolean createGraph,
                                 Map<Node, Integer> capture) {
        // Count how many gradient contributions each reachable node will receive.
        Map<Node, Integer> pending = new IdentityHashMap<>();
        List<Node> stack = new ArrayList<>();
        for (Node r : roots) {
            if (pending.containsKey(r)) continue;
            pending.put(r, 0);
            stack.add(r);
        }
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            for (Node next : n.next) {
                if (next == null) continue;
                Integer c = pending.get(next);
                if (c == null) {
                    pending.put(next, 1);
                    stack.add(next);
                } else {
                    pending.put(next, c + 1);
                }
            }
        }
        Map<Node, Tensor> buffers = new IdentityHashMap<>();
        for (int i = 0; i < roots.size(); i++) buffers.merge(roots.get(i), grads.get(i), Tensor::add);
        PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Long.compare(b.seq, a.seq));
        for (Node r : roots) if (pending.get(r) == 0 && !ready.contains(r)) ready.add(r);

        Map<Node, Tensor> captured = capture == null ? null : new HashMap<>();
        // Buffers the engine allocated itself: only these may be added to in place.
        Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean anomaly = GradMode.anomaly();
        try (GradMode.Scope ignored = GradMode.set(createGraph)) {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor g = buffers.remove(node);
                if (g == null) {
                    // No gradient reached this node; its inputs still stop waiting for it.
                    for (Node next : node.next) if (next != null && pending.merge(next, -1, Integer::sum) == 0) ready.add(next);
                    continue;
                }
                AutogradMeta meta = node.outputMeta();
                if (meta != null) {
                    g = meta.runHooks(g);
                    if (meta.retainGrad) meta.grad = meta.grad == null ? g.detach() : meta.grad.add(g.detach());
                }
                if (captured != null && capture.containsKey(node)) {
                    captured.put(node, node instanceof AccumulateGrad acc ? acc.leaf.runHooks(g) : g);
                    if (node instanceof AccumulateGrad) continue;
                }
                if (captured != null && node instanceof AccumulateGrad) continue;
                if (!createGraph && scatterViewGradient(node, g, buffers, owned)) {
                    if (!retainGraph) node.release();
                    Node next = node.next[0];
                    if (pending.merge(next, -1, Integer::sum) == 0) ready.add(next);
                    continue;
                }
                Tensor[] out = node.apply(g);
                if (anomaly) checkFinite(node, out);
                if (!retainGraph) node.release();
                for (int i = 0; i < out.length; i++) {
                    Node next = node.next[i];
                    if (next == null) continue;
                    if (out[i] != null) {
                        Tensor prev = buffers.get(next);
                        if (prev == null) buffers.put(next, out[i]);
                        else if (owned.contains(prev)) prev.add_(out[i]);
                        else {
                            // The sum is a fresh buffer: later contributions are added in place.
                            Tensor sum = prev.add(out[i]);
                            if (!createGraph) owned.add(sum);
                            buffers.put(next, sum);
                        }
                    }
                    int left = pending.merge(next, -1, Integer::sum);
                    if (left == 0) ready.add(next);
                }
            }
        }
        return captured;
    }

    /**
     * The gradient of a slice or select is zero except on the view. Instead of the rule's full-size
     * zero tensor per view (quadratic for a sequence model taking one time step at a time), add the
     * gradient straight into the input's buffer. Only when the backward pass is not recorded.
     */
    private static boolean scatterViewGradient(Node node, Tensor g, Map<Node, Tensor> buffers, Set<Tensor> owned) {
        if (!(node instanceof OpNode op) || (op.op != Op.SLICE && op.op != Op.SELECT) || op.next[0] == null) return false;
        Node next = op.next[0];
        Tensor buf = buffers.get(next);
        if (buf == null || !owned.contains(buf)) {
            Tensor fresh = Tensor.zeros(op.inputDtypes[0], op.inputShapes[0]);
            if (buf != null) fresh.add_(buf);
            buf = fresh;
            buffers.put(next, buf);
            owned.add(buf);
        }
        Tensor region = op.op == Op.SLICE
                ? buf.slice(op.<Views.Slice>attrs().dim(), op.<Views.Slice>attrs().start(), op.<Views.Slice>attrs().end(), op.<Views.Slice>attrs().step())
                : buf.select(op.<Views.Select>attrs().dim(), op.<Views.Select>attrs().index());
        region.add_(g.dtype() == buf.dtype() ? g : g.to(buf.dtype()));
        return true;
    }

    private static boolean internal(String className) {
        return className.startsWith("io.jgrad.core.") || className.equals(OpNode.class.getName()) || className.equals(AutogradTracker.class.getName());
    }

    private static void checkFinite(Node node, Tensor[] grads) {
        for (int i = 0; i < grads.length; i++) {
            Tensor g = grads[i];
            if (g == null || !g.dtype().isFloating()) continue;
            boolean bad = g.detach().isnan().logicalOr(g.detach().abs().eq(Double.POSITIVE_INFINITY)).any().item() != 0;
            if (!bad) continue;
            StringBuilder msg = new StringBuilder("anomaly detected: " + node.name() + " returned nan or inf values in its gradient for input "
                    + i + " (shape " + Shape.str(g.shape()) + ").");
            if (node instanceof OpNode op && op.creation != null) {
                msg.append(" The forward op ").append(op.op.pyName()).append(" was called at:");
                // Skip the recording machinery at the top of the trace; show the caller's frames.
                int f = 0;
                while (f < op.creation.length && internal(op.creation[f].getClassName())) f++;
                for (int shown = 0; f < op.creation.length && shown < 20; f++, shown++) msg.append("\n\tat ").append(op.creation[f]);
            }
            throw new ArithmeticException(msg.toString());
        }
    }
}
