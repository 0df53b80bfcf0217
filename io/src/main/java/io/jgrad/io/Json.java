package io.jgrad.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer (RFC 8259), so the io module needs no JSON library.
 *
 * <p>Values map to Java as: object = {@code Map<String, Object>} (insertion-ordered), array =
 * {@code List<Object>}, string = {@link String}, integer = {@link Long}, other number =
 * {@link Double}, {@code true}/{@code false} = {@link Boolean}, {@code null} = null.
 *
 * <p>The reader is meant for untrusted input: it rejects duplicate keys, integers outside the
 * long range and nesting deeper than {@value #MAX_DEPTH}, and every error is an
 * {@link IllegalArgumentException} that gives the character offset.
 */
public final class Json {
    /** Deepest nesting the reader accepts; deeper input could exhaust the thread stack. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    // ------------------------------------------------------------------ reading

    /** Parses one JSON value; whitespace may surround it, anything else after it is an error. */
    public static Object parse(String text) {
        Json reader = new Json(text);
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) throw reader.error("unexpected text after the value");
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        skipWhitespace();
        if (pos >= text.length()) throw error("unexpected end of input");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (consume('}')) return map;
        do {
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a string key");
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            if (!consume(':')) throw error("expected ':' after key");
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            map.put(key, v);
            skipWhitespace();
        } while (consume(','));
        if (!consume('}')) throw error("expected ',' or '}'");
        return map;
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (consume(']')) return list;
        do {
            list.add(value(depth + 1));
            skipWhitespace();
        } while (consume(','));
        if (!consume(']')) throw error("expected ',' or ']'");
        return list;
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("unescaped control character in string");
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) throw error("unterminated escape");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> throw error("invalid escape '\\" + e + "'");
            }
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) throw error("truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) throw error("invalid \\u escape");
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Object number() {
        int start = pos;
        consume('-');
        if (consume('0')) {
            // JSON forbids leading zeros: "0" may only be followed by a fraction or exponent.
        } else if (!digits()) {
            throw error("invalid number");
        }
        boolean integral = true;
        if (consume('.')) {
            integral = false;
            if (!digits()) throw error("invalid number: digits expected after '.'");
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (!consume('+')) consume('-');
            if (!digits()) throw error("invalid number: digits expected in the exponent");
        }
        String literal = text.substring(start, pos);
        if (!integral) return Double.parseDouble(literal);
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException tooBig) {
            pos = start;
            throw error("integer " + ErrorText.abbreviate(literal) + " is outside the 64-bit range");
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw error("unexpected character '" + text.charAt(pos) + "'");
        pos += word.length();
        return value;
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + problem);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a value as compact JSON. Accepts maps with string keys, lists, strings, integral
     * numbers ({@link Long}, {@link Integer}), finite {@link Double}/{@link Float}, booleans and
     * null; anything else (including NaN and infinities, which JSON cannot express) is an
     * {@link IllegalArgumentException}.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("Json.write: nesting deeper than " + MAX_DEPTH);
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(s, out);
            case Boolean b -> out.append(b);
            case Double d -> out.append(finite(d));
            case Float f -> out.append(finite(f));
            case Long n -> out.append(n);
            case Integer n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("Json.write: object keys must be strings, got " + e.getKey());
                    }
                    if (!first) out.append(',');
                    first = false;
                    quote(key, out);
                    out.append(':');
                    write(e.getValue(), out, depth + 1);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    write(list.get(i), out, depth + 1);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("Json.write: cannot write a " + value.getClass().getName());
        }
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("Json.write: JSON has no " + d);
        return d;
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
