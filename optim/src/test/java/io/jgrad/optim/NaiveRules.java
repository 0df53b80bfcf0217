package io.jgrad.optim;

import io.jgrad.core.Tensor;
import java.util.Map;

/**
 * PyTorch 1.13's single-tensor update rules (torch/optim/*.py) written with whole-tensor ops, one
 * op per line of PyTorch's code: the reference the fused kernels are checked against, and the
 * "naive" side of the timing. Call under no-grad with detached tensors.
 */
final class NaiveRules {
    private NaiveRules() {}

    static void sgd(Tensor p, Tensor grad, Map<String, Tensor> state, Map<String, ?> o) {
        Tensor d = flag(o, "maximize") ? grad.neg() : grad;
        double wd = num(o, "weight_decay", 0), momentum = num(o, "momentum", 0), dampening = num(o, "dampening", 0);
        if (wd != 0) d = d.add(p, wd);
        if (momentum != 0) {
            Tensor buf = state.get("momentum_buffer");
            if (buf == null) {
                buf = d.clone();
                state.put("momentum_buffer", buf);
            } else {
                buf.mul_(momentum).add_(d, 1 - dampening);
            }
            d = flag(o, "nesterov") ? d.add(buf, momentum) : buf;
        }
        p.add_(d, -num(o, "lr", Double.NaN));
    }

    static void adam(Tensor p, Tensor grad, Map<String, Tensor> state, long step, Map<String, ?> o, boolean decoupled) {
        Tensor d = flag(o, "maximize") ? grad.neg() : grad;
        double lr = num(o, "lr", 1e-3), wd = num(o, "weight_decay", decoupled ? 1e-2 : 0), eps = num(o, "eps", 1e-8);
        double b1 = betas(o)[0], b2 = betas(o)[1];
        Tensor m = state.computeIfAbsent("exp_avg", k -> Tensor.zerosLike(p)), v = state.computeIfAbsent("exp_avg_sq", k -> Tensor.zerosLike(p));
        if (decoupled) p.mul_(1 - lr * wd);
        else if (wd != 0) d = d.add(p, wd);
        m.mul_(b1).add_(d, 1 - b1);
        v.mul_(b2).add_(d.mul(d), 1 - b2);
        double bias1 = 1 - Math.pow(b1, step), bias2 = 1 - Math.pow(b2, step);
        Tensor vhat = v;
        if (flag(o, "amsgrad")) {
            Tensor vmax = state.computeIfAbsent("max_exp_avg_sq", k -> Tensor.zerosLike(p));
            vmax.copy_(vmax.maximum(v));
            vhat = vmax;
        }
        Tensor denom = vhat.sqrt().div(Math.sqrt(bias2)).add(eps);
        p.add_(m.div(denom), -lr / bias1);
    }

    static void rmsprop(Tensor p, Tensor grad, Map<String, Tensor> state, Map<String, ?> o) {
        Tensor d = flag(o, "maximize") ? grad.neg() : grad;
        double lr = num(o, "lr", 1e-2), alpha = num(o, "alpha", 0.99), eps = num(o, "eps", 1e-8);
        double wd = num(o, "weight_decay", 0), momentum = num(o, "momentum", 0);
        if (wd != 0) d = d.add(p, wd);
        Tensor sq = state.computeIfAbsent("square_avg", k -> Tensor.zerosLike(p));
        sq.mul_(alpha).add_(d.mul(d), 1 - alpha);
        Tensor avg;
        if (flag(o, "centered")) {
            Tensor ga = state.computeIfAbsent("grad_avg", k -> Tensor.zerosLike(p));
            ga.mul_(alpha).add_(d, 1 - alpha);
            avg = sq.sub(ga.mul(ga)).sqrt().add(eps);
        } else {
            avg = sq.sqrt().add(eps);
        }
        if (momentum > 0) {
            Tensor buf = state.computeIfAbsent("momentum_buffer", k -> Tensor.zerosLike(p));
            buf.mul_(momentum).add_(d.div(avg));
            p.add_(buf, -lr);
        } else {
            p.add_(d.div(avg), -lr);
        }
    }

    static void adagrad(Tensor p, Tensor grad, Map<String, Tensor> state, long step, Map<String, ?> o) {
        Tensor d = flag(o, "maximize") ? grad.neg() : grad;
        double lr = num(o, "lr", 1e-2), wd = num(o, "weight_decay", 0), eps = num(o, "eps", 1e-10), lrDecay = num(o, "lr_decay", 0);
        if (wd != 0) d = d.add(p, wd);
        double clr = lr / (1 + (step - 1) * lrDecay);
        Tensor sum = state.computeIfAbsent("sum", k -> Tensor.fullLike(p, num(o, "initial_accumulator_value", 0)));
        sum.add_(d.mul(d));
        p.add_(d.div(sum.sqrt().add(eps)), -clr);
    }

    private static double num(Map<String, ?> o, String name, double dflt) {
        return o.containsKey(name) ? ((Number) o.get(name)).doubleValue() : dflt;
    }

    private static boolean flag(Map<String, ?> o, String name) {
        return Boolean.TRUE.equals(o.get(name));
    }

    private static double[] betas(Map<String, ?> o) {
        if (!o.containsKey("betas")) return new double[] {0.9, 0.999};
        var list = (java.util.List<?>) o.get("betas");
        return new double[] {((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue()};
    }
}
