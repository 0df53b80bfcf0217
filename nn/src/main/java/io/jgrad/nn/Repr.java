package io.jgrad.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Python-style formatting for {@link Module#extraRepr()}: {@code True}, {@code (3, 3)}, {@code 1e-05}. */
final class Repr {
    private Repr() {}

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** A Python tuple: {@code (3,)} for one element, {@code (3, 3)} for two. */
    static String tuple(int... values) {
        String body = Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        return values.length == 1 ? "(" + body + ",)" : "(" + body + ")";
    }

    /** A float as Python's repr prints it: {@code 0.1}, {@code 1e-05}, {@code 1.0}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return String.valueOf((long) v) + ".0";
        String s = Double.toString(v);
        if (!s.contains("E")) return s;
        // Java writes 1.0E-5; Python writes 1e-05
        String[] parts = s.split("E");
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        int exp = Integer.parseInt(parts[1]);
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    /** A number PyTorch stores as given (an int default prints as {@code 20}, a float as {@code 0.5}). */
    static String integral(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? String.valueOf((long) v) : number(v);
    }
}
