package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Crafted safetensors files: each breaks one rule and must fail with a message naming the file, entry and rule. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    private static final String A8 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                // header, data bytes, expected entry (null = whole file), expected message part
                Arguments.of("{" + A8 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "b", "overlap entry 'a'"),
                Arguments.of("{" + A8 + "}", 4, null, "the tensors cover 8 data bytes but 4 follow the header"),
                Arguments.of("{" + A8 + "}", 12, null, "the tensors cover 8 data bytes but 12 follow the header"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "a", "leave a gap of 4 bytes"),
                Arguments.of("{" + A8 + "," + A8 + "}", 8, null, "duplicate key \"a\""),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "a", "hold 8 bytes but F32 [3] needs 12"),
                Arguments.of("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "a", "needs 16"),
                Arguments.of("{\"a\":", 0, null, "invalid JSON"),
                Arguments.of("{\"a\":{}} x", 0, null, "unexpected text after the value"),
                Arguments.of("[1,2]", 0, null, "not a JSON object"),
                Arguments.of("{\"a\":{\"dtype\":\"F8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2, "a", "dtype \"F8\" is not one of"),
                Arguments.of("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "a", "dtype missing"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0, "a", "shape[0] is -1"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,0]}}", 0, "a", "shape[0] is 1.5"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}", 8, "a", "shape is 2, not an array"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[65536,65536],\"data_offsets\":[0,4294967296]}}", 0, "a", "more than 2147483647 elements"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296,0],\"data_offsets\":[0,0]}}", 0, "a", "dim 4294967296 is too large"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,0]}}", 2, "a", "begin <= end"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,1,2]}}", 2, "a", "[begin, end]"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}", 2, null, "outside the 64-bit range"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[9223372036854775805,9223372036854775807]}}", 2, "a", "gap"),
                Arguments.of("{\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2],\"extra\":1}}", 2, "a", "unknown field 'extra'"),
                Arguments.of("{\"a\":5}", 0, "a", "expected an object"),
                Arguments.of("{\"__metadata__\":{\"k\":1}}", 0, "__metadata__", "value of 'k' is 1, not a string"),
                Arguments.of("{\"__metadata__\":[\"k\"]}", 0, "__metadata__", "expected an object of strings"),
                Arguments.of("[".repeat(100_000), 0, null, "nesting deeper than 64"),
                Arguments.of("{}", 3, null, "the tensors cover 0 data bytes but 3"));
    }

    @ParameterizedTest
    @MethodSource("badHeaders")
    void badHeaderIsRefused(String header, int dataBytes, String entry, String message) throws IOException {
        Path file = write(header.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]);
        assertRefused(file, entry, message);
    }

    @Test
    void impossibleHeaderLengthsAreRefusedBeforeAllocating() throws IOException {
        for (long length : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1, 1L << 40, SafeTensorsHeader.MAX_HEADER_BYTES + 1, 100}) {
            ByteBuffer b = ByteBuffer.allocate(8 + 50).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
            Path file = dir.resolve("len.safetensors");
            Files.write(file, b.array());
            assertRefused(file, null, "header length " + length + " is impossible");
        }
    }

    @Test
    void tooShortFilesAreRefused() throws IOException {
        for (int size = 0; size < 8; size++) {
            Path file = dir.resolve("short.safetensors");
            Files.write(file, new byte[size]);
            assertRefused(file, null, "only " + size + " bytes");
        }
    }

    @Test
    void invalidUtf8HeaderIsRefused() throws IOException {
        byte[] header = "{\"\u00e9\":{}}".getBytes(StandardCharsets.ISO_8859_1); // a lone 0xE9 byte
        assertRefused(write(header, new byte[0]), null, "not valid UTF-8");
    }

    @Test
    void boolBytesOtherThanZeroOrOneAreRefused() throws IOException {
        Path file = write("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2});
        assertRefused(file, "m", "bool element 2 is byte 2");
    }

    @Test
    void emptyHeaderIsAnEmptyFile() throws IOException {
        assertThat(SafeTensors.read(write("{}".getBytes(StandardCharsets.UTF_8), new byte[0])).tensors()).isEmpty();
    }

    @Test
    void zeroSizedTensorsMayShareAnOffset() throws IOException {
        String header = "{\"e1\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"e2\":{\"dtype\":\"I64\",\"shape\":[0,5],\"data_offsets\":[4,4]}}";
        assertThat(SafeTensors.load(write(header.getBytes(StandardCharsets.UTF_8), new byte[4])).keySet()).containsExactly("e1", "x", "e2");
    }

    private Path write(byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Path file = dir.resolve("crafted.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static void assertRefused(Path file, String entry, String message) {
        IoAssertions.assertRefused(() -> SafeTensors.read(file), file, entry, message);
    }
}
