package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to safetensors: metadata, the header's layout, reserved names. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void metadataRoundTripsInOrder() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("epoch", "3");
        metadata.put("scheduler", Json.write(Map.of("step_size", 10L, "gamma", 0.5)));
        metadata.put("rng", "[1,2,3]");
        SafeTensors.save(file, Map.of("w", Tensor.of(1f, 2f)), metadata);

        TensorFile back = SafeTensors.read(file);
        assertThat(back.metadata()).containsExactlyEntriesOf(metadata);
        assertThat(Json.parse(back.metadata().get("scheduler"))).isEqualTo(Map.of("step_size", 10L, "gamma", 0.5));
    }

    @Test
    void headerIsPaddedSoTheDataStartsEightByteAligned() throws IOException {
        Path file = dir.resolve("a.safetensors");
        SafeTensors.save(file, Map.of("odd_name_length_x", Tensor.of(1.0, 2.0)));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        assertThat(headerLength % 8).isZero();
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"odd_name_length_x\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}");
        assertThat(bytes.getDouble(8 + (int) headerLength)).isEqualTo(1.0);
    }

    @Test
    void metadataKeyIsNotATensorName() {
        assertThatThrownBy(() -> SafeTensors.save(dir.resolve("x.safetensors"), Map.of("__metadata__", Tensor.of(1f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("__metadata__");
    }

    @Test
    void loadReturnsContiguousTensorsThatOwnTheirMemory() throws IOException {
        Path file = dir.resolve("b.safetensors");
        SafeTensors.save(file, Map.of("a", Tensor.of(1f, 2f), "b", Tensor.of(3f)));
        Map<String, Tensor> loaded = SafeTensors.load(file);
        // The file can be replaced while the tensors live on: they are heap copies, the mapping is gone.
        SafeTensors.save(file, Map.of("c", Tensor.of(4f)));
        assertThat(loaded.get("a").toFloatArray()).containsExactly(1f, 2f);
        assertThat(loaded.get("a").storage()).isNotSameAs(loaded.get("b").storage());
    }
}
