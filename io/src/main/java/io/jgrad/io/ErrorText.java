package io.jgrad.io;

/** Short renderings of untrusted values for error messages: never unbounded, whatever a file holds. */
final class ErrorText {
    private static final int MAX_CHARS = 40, MAX_DIMS = 8;

    private ErrorText() {}

    /** {@code s}, cut to 40 characters. */
    static String abbreviate(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "...";
    }

    /** {@code [2, 3]}; shapes beyond 8 dims are cut short with their length. */
    static String shape(long[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(dims.length, MAX_DIMS); i++) sb.append(i > 0 ? ", " : "").append(dims[i]);
        return sb.append(dims.length > MAX_DIMS ? ", ... (" + dims.length + " dims)]" : "]").toString();
    }

    static String shape(int[] dims) {
        return shape(java.util.Arrays.stream(dims).asLongStream().toArray());
    }
}
