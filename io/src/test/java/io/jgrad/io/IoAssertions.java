package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Bit-exact tensor comparison, refusal checks and access to the test resources. */
final class IoAssertions {
    private IoAssertions() {}

    /** Same dtype, shape and element bits (so NaN payloads and -0.0 count). */
    static void assertBitExact(String what, Tensor expected, Tensor actual) {
        assertThat(actual.dtype()).as(what + " dtype").isEqualTo(expected.dtype());
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        assertThat(bits(actual)).as(what + " elements").isEqualTo(bits(expected));
    }

    static void assertBitExact(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, t) -> assertBitExact(name, t, actual.get(name)));
    }

    /** The elements' raw bits, row-major, as longs. */
    static long[] bits(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> {
                float[] f = t.toFloatArray();
                long[] out = new long[f.length];
                for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
                yield out;
            }
            case FLOAT64 -> Arrays.stream(t.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
            case INT64, BOOL -> t.toLongArray();
        };
    }

    /** A file under src/test/resources. */
    static Path resource(String name) {
        try {
            return Path.of(IoAssertions.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing test resource " + name, e));
        }
    }

    /** {@code load} must throw a CheckpointFormatException that names {@code file} and {@code entry} and says {@code message}. */
    static void assertRefused(ThrowingCallable load, Path file, String entry, String message) {
        assertThatThrownBy(load)
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((CheckpointFormatException) e).entry()).isEqualTo(entry));
    }
}
