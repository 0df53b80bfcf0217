package io.jgrad.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads golden cases (FORMAT.md) from the bundled resources or from -Dconformance.dir. */
final class Golden {
    private Golden() {}

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> OP_GROUPS = List.of("elementwise_unary", "elementwise_binary", "reductions", "shape_views",
            "indexing", "linalg", "activations", "losses", "conv_pool", "normalization", "composite");
    static final List<String> MODEL_FILES = List.of("mlp", "cnn", "rnn", "optim");

    /** One case and the file it came from ("ops/reductions", "models/mlp"). */
    record Case(String file, JsonNode json) {
        String id() { return json.get("id").asText(); }
        boolean isModel() { return file.startsWith("models/"); }
    }

    /** All cases, bundled unless conformance.dir names another directory. */
    static List<Case> load() {
        String dir = System.getProperty("conformance.dir", "");
        List<Case> out = new ArrayList<>();
        if (dir.isBlank()) {
            for (String g : OP_GROUPS) addAll(out, "ops/" + g, resource("golden/ops/" + g + ".json.gz"));
            for (String m : MODEL_FILES) addAll(out, "models/" + m, resource("golden/models/" + m + ".json.gz"));
        } else {
            for (String sub : List.of("ops", "models")) {
                Path p = Path.of(dir, sub);
                if (!Files.isDirectory(p)) continue;
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (!name.endsWith(".json") && !name.endsWith(".json.gz")) continue;
                        String stem = name.replace(".json.gz", "").replace(".json", "");
                        addAll(out, sub + "/" + stem, read(Files.newInputStream(f), name.endsWith(".gz")));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (out.isEmpty()) throw new IllegalStateException("conformance.dir=" + dir + " holds no ops/*.json or models/*.json");
        }
        return out;
    }

    private static JsonNode resource(String path) {
        InputStream in = Golden.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IllegalStateException("missing bundled golden file " + path);
        return read(in, true);
    }

    private static JsonNode read(InputStream in, boolean gz) {
        try (InputStream s = gz ? new GZIPInputStream(in) : in) {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addAll(List<Case> out, String file, JsonNode array) {
        for (JsonNode c : array) out.add(new Case(file, c));
    }

    /** Builds a tensor from {"shape", "dtype", "data"}. */
    static Tensor tensor(JsonNode t) {
        JsonNode shapeNode = t.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = shapeNode.get(i).asInt();
        DType dtype = DType.fromPyName(t.get("dtype").asText());
        JsonNode data = t.get("data");
        int n = data.size();
        return switch (dtype) {
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) a[i] = (float) number(data.get(i));
                yield Tensor.of(a, shape);
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) a[i] = number(data.get(i));
                yield Tensor.of(a, shape);
            }
            case INT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) a[i] = data.get(i).asLong();
                yield Tensor.of(a, shape);
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = data.get(i).asBoolean();
                yield Tensor.of(a, shape);
            }
        };
    }

    /** A JSON number, or "nan" / "inf" / "-inf". */
    static double number(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.asText()) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + v);
            };
        }
        return v.asDouble();
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** Applies a TensorSpec's view steps. */
    static Tensor applyViews(Tensor base, JsonNode views) {
        Tensor t = base;
        if (views == null) return t;
        for (JsonNode step : views) {
            String kind = step.get(0).asText();
            t = switch (kind) {
                case "transpose" -> t.transpose(step.get(1).asInt(), step.get(2).asInt());
                case "permute" -> t.permute(ints(step.get(1)));
                case "slice" -> t.slice(step.get(1).asInt(), step.get(2).asInt(), step.get(3).asInt(), step.get(4).asInt());
                case "expand" -> t.expand(ints(step.get(1)));
                case "select" -> t.select(step.get(1).asInt(), step.get(2).asInt());
                case "unsqueeze" -> t.unsqueeze(step.get(1).asInt());
                default -> throw new IllegalArgumentException("unknown view step " + kind);
            };
        }
        return t;
    }
}
