package io.jgrad.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Values computed by PyTorch 1.13 (src/test/python/gen_reference.py), by case and series name. */
public final class Reference {
    private Reference() {}

    private static final Map<String, double[]> SERIES = load();

    /** The series, e.g. {@code get("cosine", "lr0")}. */
    public static double[] get(String testCase, String series) {
        double[] v = SERIES.get(testCase + " " + series);
        if (v == null) throw new IllegalArgumentException("reference.txt has no series '" + series + "' for case '" + testCase + "'");
        return v.clone();
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> out = new HashMap<>();
        try (var in = Reference.class.getResourceAsStream("reference.txt");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split(" ");
                out.put(f[0] + " " + f[1], Arrays.stream(f, 2, f.length).mapToDouble(Double::parseDouble).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
