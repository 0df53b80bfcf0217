package io.jgrad.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.conformance.ConformanceTest.Result;
import io.jgrad.conformance.ConformanceTest.Status;
import io.jgrad.core.Tensor;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.Optimizers;
import io.jgrad.optim.lr.LRScheduler;
import io.jgrad.optim.lr.LRSchedulers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** models/optim.json: optimizer and scheduler steps on given gradients (FORMAT.md section 5). */
final class OptimCases {
    private OptimCases() {}

    static Result run(Golden.Case c, String file) {
        JsonNode j = c.json();
        double rtol = j.get("rtol").asDouble(), atol = j.get("atol").asDouble();
        String msg;
        try {
            msg = steps(j, rtol, atol);
        } catch (UnsupportedOperationException e) {
            return ModelCases.unsupported(c, file, e.getMessage());
        } catch (RuntimeException e) {
            msg = "threw " + e;
        }
        return new Result(c.id(), file, Status.none, Status.none, msg == null ? Status.passed : Status.failed, msg);
    }

    /** Null if every step matches, else what differed first. */
    private static String steps(JsonNode j, double rtol, double atol) {
        List<Tensor> params = new ArrayList<>();
        for (JsonNode p : j.get("params0")) params.add(Golden.tensor(p).requiresGrad_(true));
        JsonNode spec = j.get("optimizer");
        Optimizer opt = Optimizers.fromSpec(spec.get("type").asText(), kwargs(spec.get("kwargs")), params);
        JsonNode sspec = j.get("scheduler");
        LRScheduler sched = sspec == null || sspec.isNull() ? null
                : LRSchedulers.fromSpec(sspec.get("type").asText(), kwargs(sspec.get("kwargs")), opt);
        JsonNode lrs = j.get("expected_lrs");
        for (int i = 0; i < j.get("steps").asInt(); i++) {
            if (lrs != null && !lrs.isNull()) {
                double lr = opt.paramGroups().get(0).lr(), expected = lrs.get(i).asDouble();
                if (!(Math.abs(lr - expected) <= rtol * Math.abs(expected)))
                    return "step " + i + ": lr " + lr + ", expected " + expected;
            }
            for (int k = 0; k < params.size(); k++) params.get(k).setGrad(Golden.tensor(j.get("grads").get(i).get(k)));
            opt.step();
            if (sched != null) sched.step();
            JsonNode after = j.get("expected_params_after_each_step").get(i);
            for (int k = 0; k < params.size(); k++) {
                String m = Compare.check("step " + i + " param[" + k + "]", params.get(k), after.get(k), rtol, atol);
                if (m != null) return m;
            }
        }
        return null;
    }

    /** PyTorch keyword arguments as plain Java values (Double, Boolean, String, List), as Optimizers.fromSpec takes them. */
    static Map<String, Object> kwargs(JsonNode obj) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (obj != null) obj.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(JsonNode v) {
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNull()) return null;
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(plain(x)));
            return list;
        }
        return v.asText();
    }
}
