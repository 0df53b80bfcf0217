package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"o\": {}} ");
        assertThat(v).isEqualTo(Map.of(
                "a", Arrays.asList(1L, -2L, 3.5, 1000.0, true, false, null),
                "s", "x\"\\/\b\f\n\r\té😀",
                "o", Map.of()));
    }

    @Test
    void keepsKeyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");
        assertThat(m.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void writeThenParseRoundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "line\nbreak \"quoted\" \u0001 é");
        m.put("ints", List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        m.put("doubles", List.of(0.1, -2.5e-300, 1e300));
        m.put("nested", Map.of("ok", true));
        m.put("nothing", null);
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
        assertThat(Json.write(List.of(1, 2L))).isEqualTo("[1,2]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "1e", "\"abc", "\"\\x\"", "\"\\u12\"", "tru", "nul",
            "{\"a\" 1}", "{1:2}", "[1 2]", "\"tab\there\"", "1 2", "{\"a\":1,\"a\":2}", "99999999999999999999", "NaN"})
    void rejectsInvalidJsonWithAnOffset(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void limitsNesting() {
        assertThat(Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2)))
                .hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void writeRefusesWhatJsonCannotExpress() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, 2))).hasMessageContaining("keys must be strings");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("cannot write a java.lang.Object");
        assertThatThrownBy(() -> Json.write(new java.math.BigInteger("1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
