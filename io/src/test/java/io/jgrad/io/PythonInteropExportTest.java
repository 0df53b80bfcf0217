package io.jgrad.io;

import static io.jgrad.io.IoAssertions.assertBitExact;
import static io.jgrad.io.IoAssertions.bits;
import static io.jgrad.io.IoAssertions.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes jgrad-saved checkpoints to {@code target/python-interop} for
 * {@code src/test/python/verify_roundtrip.py}, which checks with PyTorch 1.13 that
 * {@code torch.load} reads them bit-exactly (see docs/checkpoints.md). The test itself checks
 * that jgrad reads every file back; it needs no Python.
 */
class PythonInteropExportTest {
    private static final Path OUT = Path.of(System.getProperty("basedir", "."), "target", "python-interop");

    @Test
    void writeJgradFilesForPyTorch() throws IOException {
        Files.createDirectories(OUT);
        for (String name : new String[] {"dtypes", "fashion-cnn"}) {
            TensorFile original = TorchCheckpoint.read(resource("pretrained/" + name + ".pt"));
            Map<String, String> metadata = SafeTensors.read(resource("pretrained/" + name + ".safetensors")).metadata();
            TorchCheckpoint.save(OUT.resolve(name + "-jgrad.pt"), original);
            SafeTensors.save(OUT.resolve(name + "-jgrad.safetensors"), new TensorFile(original.tensors(), metadata, original.fileDTypes()));
            assertBitExact(original.tensors(), TorchCheckpoint.load(OUT.resolve(name + "-jgrad.pt")));
            assertBitExact(original.tensors(), SafeTensors.load(OUT.resolve(name + "-jgrad.safetensors")));
        }

        TensorFile views = TorchCheckpoint.read(resource("torch/views.pt")); // keeps half_cols as F16
        TorchCheckpoint.save(OUT.resolve("views-jgrad.pt"), views);
        assertBitExact(views.tensors(), TorchCheckpoint.load(OUT.resolve("views-jgrad.pt")));

        // jgrad-made tensors (special values, 0-d, empty, non-contiguous), with their bits for Python to compare.
        Map<String, Tensor> made = new LinkedHashMap<>(RoundTripTest.everyDType());
        made.putAll(RoundTripTest.nonContiguous());
        TorchCheckpoint.save(OUT.resolve("jgrad-made.pt"), made);
        SafeTensors.save(OUT.resolve("jgrad-made.safetensors"), made, Map.of("source", "jgrad"));
        Map<String, Object> expected = new LinkedHashMap<>();
        made.forEach((name, t) -> expected.put(name, Map.of(
                "dtype", t.dtype().pyName(),
                "shape", Arrays.stream(t.shape()).boxed().toList(),
                "bits", Arrays.stream(bits(t)).boxed().toList())));
        Files.writeString(OUT.resolve("jgrad-made.json"), Json.write(expected));
        assertBitExact(made, TorchCheckpoint.load(OUT.resolve("jgrad-made.pt")));
        assertBitExact(made, SafeTensors.load(OUT.resolve("jgrad-made.safetensors")));
        assertThat(OUT.resolve("jgrad-made.json")).exists();
    }
}
