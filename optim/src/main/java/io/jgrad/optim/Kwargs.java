package io.jgrad.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch-style keyword arguments, as optimizers and schedulers take them: options by PyTorch's
 * names with JSON-like values (Double, Boolean, String, List of Double), merged over defaults,
 * read with a range check. Every error names the optimizer or scheduler and the option.
 */
public final class Kwargs {
    private Kwargs() {}

    /** An ordered option map from name, value, name, value, ...; a null value marks a required option. */
    public static Map<String, Object> of(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return m;
    }

    /**
     * {@code defaults} overridden by {@code given}; a name {@code defaults} does not know is a typo
     * and an error, and a null value left in the result (a required option, like SGD's lr) too.
     */
    public static Map<String, Object> merge(String who, Map<String, Object> defaults, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, ?> e : given.entrySet()) {
            if (!defaults.containsKey(e.getKey()))
                throw new IllegalArgumentException(who + ": unknown option '" + e.getKey() + "' (options: " + String.join(", ", defaults.keySet()) + ")");
            out.put(e.getKey(), normalize(who, e.getKey(), e.getValue()));
        }
        out.forEach((name, value) -> {
            if (value == null) throw new IllegalArgumentException(who + ": option '" + name + "' is required");
        });
        return out;
    }

    /** Numbers become Double, arrays and collections of numbers a List of Double; Boolean and String stay. */
    public static Object normalize(String who, String name, Object value) {
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof Boolean || value instanceof String) return value;
        if (value instanceof double[] a) {
            List<Double> list = new ArrayList<>(a.length);
            for (double d : a) list.add(d);
            return List.copyOf(list);
        }
        if (value instanceof Collection<?> c) {
            List<Double> list = new ArrayList<>(c.size());
            for (Object o : c) {
                if (!(o instanceof Number n))
                    throw new IllegalArgumentException(who + ": option '" + name + "' must hold numbers, got " + describe(o));
                list.add(n.doubleValue());
            }
            return List.copyOf(list);
        }
        throw new IllegalArgumentException(who + ": option '" + name + "' must be a number, boolean, string or list of numbers, got " + describe(value));
    }

    public static double number(String who, Map<String, ?> options, String name) {
        Object v = options.get(name);
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException(who + ": option '" + name + "' must be a number, got " + describe(v));
    }

    public static double nonNegative(String who, Map<String, ?> options, String name) {
        double v = number(who, options, name);
        if (!(v >= 0)) throw new IllegalArgumentException(who + ": invalid " + name + " " + v + " (must be >= 0)");
        return v;
    }

    /** A whole number >= {@code min} (a step count, a period). */
    public static int integer(String who, Map<String, ?> options, String name, int min) {
        double v = number(who, options, name);
        if (!(v >= min && v <= Integer.MAX_VALUE && v == Math.rint(v)))
            throw new IllegalArgumentException(who + ": invalid " + name + " " + v + " (must be a whole number >= " + min + ")");
        return (int) v;
    }

    public static boolean flag(String who, Map<String, ?> options, String name) {
        Object v = options.get(name);
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException(who + ": option '" + name + "' must be true or false, got " + describe(v));
    }

    /** A string option that must be one of {@code allowed}. */
    public static String choice(String who, Map<String, ?> options, String name, String... allowed) {
        Object v = options.get(name);
        for (String a : allowed) if (a.equals(v)) return a;
        throw new IllegalArgumentException(who + ": option '" + name + "' must be one of " + String.join(", ", allowed) + ", got " + describe(v));
    }

    /** Two coefficients in [0, 1), as Adam's betas. */
    public static double[] betas(String who, Map<String, ?> options, String name) {
        Object v = options.get(name);
        if (!(v instanceof List<?> list) || list.size() != 2 || !(list.get(0) instanceof Number b1) || !(list.get(1) instanceof Number b2))
            throw new IllegalArgumentException(who + ": option '" + name + "' must be two numbers, got " + describe(v));
        double[] betas = {b1.doubleValue(), b2.doubleValue()};
        for (int i = 0; i < 2; i++) {
            if (!(betas[i] >= 0 && betas[i] < 1))
                throw new IllegalArgumentException(who + ": invalid " + name + "[" + i + "] " + betas[i] + " (must be in [0, 1))");
        }
        return betas;
    }

    static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }
}
