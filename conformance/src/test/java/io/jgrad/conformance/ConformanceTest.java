package io.jgrad.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jgrad.core.Tensor;
import io.jgrad.core.spi.Tracking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden case against jgrad, one dynamic test each: a wrong number fails the build,
 * an op jgrad does not have yet is skipped and counted as unsupported. Writes
 * {@code target/conformance-report.json} and prints {@code conformance: N passed, N failed, N unsupported}.
 */
class ConformanceTest {
    enum Status { passed, failed, unsupported, none }

    record Result(String id, String op, Status forward, Status backward, Status steps, String message) {
        Status worst() {
            Status w = Status.passed;
            for (Status s : new Status[] {forward, backward, steps}) {
                if (s == Status.failed) return Status.failed;
                if (s == Status.unsupported) w = Status.unsupported;
            }
            return w;
        }
    }

    private static final List<Result> RESULTS = new ArrayList<>();

    static boolean autogradAvailable() {
        return !Tracking.TRACKER.getClass().getName().startsWith("io.jgrad.core.spi");
    }

    @TestFactory
    Stream<DynamicTest> golden() {
        return Golden.load().stream().map(c -> DynamicTest.dynamicTest(c.file() + " " + c.id(), () -> {
            Result r = c.isModel() ? ModelCases.run(c) : runOp(c);
            synchronized (RESULTS) {
                RESULTS.add(r);
            }
            switch (r.worst()) {
                case failed -> fail(r.id() + ": " + r.message());
                case unsupported -> Assumptions.abort("unsupported: " + r.message());
                default -> { }
            }
        }));
    }

    static Result runOp(Golden.Case c) {
        JsonNode j = c.json();
        String id = c.id(), op = j.get("op").asText();
        boolean hasBackward = j.has("grad_output") && !j.get("grad_output").isNull();
        Status bwdNone = hasBackward ? Status.unsupported : Status.none;
        Function<Args, Object> fn = OpTable.OPS.get(op);
        if (fn == null) return new Result(id, op, Status.unsupported, bwdNone, Status.none, "op '" + op + "' is not implemented");
        double rtol = j.get("rtol").asDouble(), atol = j.get("atol").asDouble();
        boolean grad = hasBackward && autogradAvailable();

        // Build bases (with requires_grad when backward is checked), then their views.
        List<Tensor> bases = new ArrayList<>(), inputs = new ArrayList<>();
        List<Boolean> needsGrad = new ArrayList<>();
        for (JsonNode spec : j.get("inputs")) {
            Tensor base = Golden.tensor(spec);
            boolean rg = grad && spec.path("requires_grad").asBoolean(false);
            if (rg) base.requiresGrad_(true);
            bases.add(base);
            needsGrad.add(rg);
            inputs.add(Golden.applyViews(base, spec.get("view")));
        }
        Map<String, Tensor> tkw = new LinkedHashMap<>(), tkwBases = new LinkedHashMap<>();
        JsonNode tk = j.get("tensor_kwargs");
        if (tk != null) {
            tk.fields().forEachRemaining(e -> {
                Tensor base = Golden.tensor(e.getValue());
                if (grad && e.getValue().path("requires_grad").asBoolean(false)) base.requiresGrad_(true);
                tkwBases.put(e.getKey(), base);
                tkw.put(e.getKey(), Golden.applyViews(base, e.getValue().get("view")));
            });
        }
        Object out;
        try {
            out = fn.apply(new Args(inputs, tkw, j.get("kwargs")));
        } catch (UnsupportedOperationException e) {
            return new Result(id, op, Status.unsupported, bwdNone, Status.none, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(id, op, Status.failed, bwdNone, Status.none, "threw " + e);
        }
        List<Tensor> outs = new ArrayList<>();
        String msg;
        if (out instanceof Tensor.ValuesIndices vi) {
            outs.add(vi.values());
            msg = Compare.check("output", vi.values(), j.get("output"), rtol, atol);
            if (msg == null) msg = Compare.check("indices", vi.indices(), j.get("output_indices"), 0, 0);
        } else if (out instanceof List<?> list) {
            JsonNode exp = j.get("output");
            msg = list.size() != exp.size() ? "output: " + list.size() + " pieces, expected " + exp.size() : null;
            for (int i = 0; msg == null && i < list.size(); i++) {
                outs.add((Tensor) list.get(i));
                msg = Compare.check("output[" + i + "]", (Tensor) list.get(i), exp.get(i), rtol, atol);
            }
        } else {
            outs.add((Tensor) out);
            msg = Compare.check("output", (Tensor) out, j.get("output"), rtol, atol);
        }
        Status fwd = msg == null ? Status.passed : Status.failed;
        if (!hasBackward) return new Result(id, op, fwd, Status.none, Status.none, msg);
        if (!grad) return new Result(id, op, fwd, Status.unsupported, Status.none, msg != null ? msg : "backward needs the autograd module");
        if (fwd == Status.failed) return new Result(id, op, fwd, Status.failed, Status.none, msg + " (backward not checked)");

        String bmsg;
        try {
            JsonNode go = j.get("grad_output");
            Tensor loss = null;
            for (int i = 0; i < outs.size(); i++) {
                Tensor g = Golden.tensor(outs.size() == 1 && !go.isArray() ? go : go.get(i));
                Tensor term = outs.get(i).mul(g).sum();
                loss = loss == null ? term : loss.add(term);
            }
            loss.backward();
            bmsg = null;
            JsonNode grads = j.get("grads");
            for (int i = 0; i < bases.size() && bmsg == null; i++) {
                if (!needsGrad.get(i) || grads.get(i).isNull()) continue;
                Tensor g = bases.get(i).grad();
                if (g == null) g = Tensor.zerosLike(bases.get(i));
                bmsg = Compare.check("grad[" + i + "]", g, grads.get(i), rtol, atol);
            }
            JsonNode tkg = j.get("tensor_kwarg_grads");
            if (tkg != null && bmsg == null) {
                for (Map.Entry<String, Tensor> e : tkwBases.entrySet()) {
                    JsonNode exp = tkg.get(e.getKey());
                    if (exp == null || exp.isNull() || !e.getValue().requiresGrad()) continue;
                    Tensor g = e.getValue().grad();
                    if (g == null) g = Tensor.zerosLike(e.getValue());
                    bmsg = Compare.check("grad[" + e.getKey() + "]", g, exp, rtol, atol);
                    if (bmsg != null) break;
                }
            }
        } catch (UnsupportedOperationException e) {
            return new Result(id, op, fwd, Status.unsupported, Status.none, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(id, op, fwd, Status.failed, Status.none, "backward threw " + e);
        }
        return new Result(id, op, fwd, bmsg == null ? Status.passed : Status.failed, Status.none, bmsg);
    }

    @AfterAll
    static void writeReport() throws IOException {
        int passed = 0, failed = 0, unsupported = 0;
        ObjectNode root = Golden.JSON.createObjectNode();
        ArrayNode cases = Golden.JSON.createArrayNode();
        for (Result r : RESULTS) {
            switch (r.worst()) {
                case passed -> passed++;
                case failed -> failed++;
                default -> unsupported++;
            }
            ObjectNode o = cases.addObject();
            o.put("id", r.id());
            o.put("op", r.op());
            o.put("forward", r.forward().name());
            o.put("backward", r.backward().name());
            o.put("steps", r.steps().name());
            if (r.message() == null) o.putNull("message");
            else o.put("message", r.message());
        }
        root.put("passed", passed);
        root.put("failed", failed);
        root.put("unsupported", unsupported);
        root.set("cases", cases);
        Path report = Path.of(System.getProperty("conformance.report", "target/conformance-report.json"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Golden.JSON.writerWithDefaultPrettyPrinter().writeValue(report.toFile(), root);
        String label = System.getProperty("conformance.label", "");
        System.out.println("conformance" + (label.isEmpty() ? "" : " (" + label + ")") + ": " + passed + " passed, " + failed + " failed, " + unsupported + " unsupported");
    }
}
