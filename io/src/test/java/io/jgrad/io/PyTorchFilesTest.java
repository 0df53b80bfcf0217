package io.jgrad.io;

import static io.jgrad.io.IoAssertions.assertBitExact;
import static io.jgrad.io.IoAssertions.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by PyTorch 1.13 (see src/test/python/make_fixtures.py and /work/shared/pretrained). */
class PyTorchFilesTest {
    @TempDir
    Path dir;

    private static final Map<String, FileDType> DTYPES_FILE_TYPES = Map.ofEntries(
            Map.entry("f32", FileDType.F32), Map.entry("f64", FileDType.F64), Map.entry("f16", FileDType.F16),
            Map.entry("bf16", FileDType.BF16), Map.entry("i64", FileDType.I64), Map.entry("i32", FileDType.I32),
            Map.entry("i8", FileDType.I8), Map.entry("u8", FileDType.U8), Map.entry("bool", FileDType.BOOL),
            Map.entry("scalar", FileDType.F32), Map.entry("empty", FileDType.F32));

    @Test
    void dtypesAgreeAcrossFormatsAndWithTheJsonValues() throws IOException {
        TensorFile pt = TorchCheckpoint.read(resource("pretrained/dtypes.pt"));
        TensorFile st = SafeTensors.read(resource("pretrained/dtypes.safetensors"));
        assertBitExact(pt.tensors(), st.tensors());
        assertThat(pt.fileDTypes()).isEqualTo(DTYPES_FILE_TYPES);
        assertThat(st.fileDTypes()).isEqualTo(DTYPES_FILE_TYPES);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> expected = (Map<String, Map<String, Object>>)
                Json.parse(Files.readString(resource("pretrained/dtypes.json")));
        assertThat(pt.tensors().keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, spec) -> {
            Tensor t = pt.tensors().get(name);
            assertThat(FileDType.valueOf((String) spec.get("dtype"))).as(name).isEqualTo(pt.fileDTypes().get(name));
            assertThat(t.dtype()).as(name).isEqualTo(pt.fileDTypes().get(name).dtype());
            assertThat(t.shape()).as(name).isEqualTo(((List<?>) spec.get("shape")).stream().mapToInt(d -> ((Long) d).intValue()).toArray());
            double[] values = ((List<?>) spec.get("values_as_float64")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            assertThat(t.toDoubleArray()).as(name).containsExactly(values);
        });
        assertThat(pt.tensors().get("i64").toLongArray()).containsExactly(-174129979433L, 1002577216241L, 1064890445278L, 415660016726L);
    }

    @Test
    void fashionCnnAgreesAcrossFormats() throws IOException {
        TensorFile pt = TorchCheckpoint.read(resource("pretrained/fashion-cnn.pt"));
        TensorFile st = SafeTensors.read(resource("pretrained/fashion-cnn.safetensors"));
        assertBitExact(pt.tensors(), st.tensors());
        assertThat(st.metadata()).containsEntry("format", "pt").containsEntry("model", "fashion-cnn");
        assertThat(pt.tensors().keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias");
        assertThat(pt.tensors().get("0.weight").shape()).containsExactly(32, 1, 3, 3);
        assertThat(pt.tensors().get("7.weight").shape()).containsExactly(128, 3136);
        assertThat(pt.tensors().get("9.bias").dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void pytorchFilesSurviveJgradBitExactInBothFormats() throws IOException {
        for (String name : List.of("dtypes", "fashion-cnn")) {
            TensorFile original = TorchCheckpoint.read(resource("pretrained/" + name + ".pt"));
            Path pt = dir.resolve(name + ".pt"), st = dir.resolve(name + ".safetensors");
            TorchCheckpoint.save(pt, original);
            SafeTensors.save(st, original);
            for (TensorFile back : List.of(TorchCheckpoint.read(pt), SafeTensors.read(st))) {
                assertBitExact(original.tensors(), back.tensors());
                assertThat(back.fileDTypes()).isEqualTo(original.fileDTypes());
            }
        }
    }

    @Test
    void viewsKeepOffsetsStridesAndSharedStorage() throws IOException {
        Map<String, Tensor> views = TorchCheckpoint.load(resource("torch/views.pt"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> expected = (Map<String, Map<String, Object>>)
                Json.parse(Files.readString(resource("torch/views.json")));
        assertThat(views.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, spec) -> {
            Tensor t = views.get(name);
            assertThat(t.shape()).as(name).isEqualTo(ints(spec.get("shape")));
            assertThat(t.stride()).as(name).isEqualTo(ints(spec.get("stride")));
            assertThat(t.storageOffset()).as(name).isEqualTo(((Long) spec.get("offset")).intValue());
            double[] values = ((List<?>) spec.get("values_as_float64")).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            assertThat(t.toDoubleArray()).as(name).containsExactly(values);
        });
        for (String shared : List.of("transposed", "strided", "row", "scalar_view")) {
            assertThat(views.get(shared).storage()).as(shared).isSameAs(views.get("base").storage());
        }
        assertThat(views.get("half_cols").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(views.get("long_t").dtype()).isEqualTo(DType.INT64);
    }

    @Test
    void pickleProtocol4Loads() throws IOException {
        Map<String, Tensor> state = TorchCheckpoint.load(resource("torch/protocol4.pt"));
        assertThat(state.get("w").toFloatArray()).containsExactly(1.5f, -2f, 0.25f, 8f);
        assertThat(state.get("n").itemLong()).isEqualTo(7);
    }

    @Test
    void generalCheckpointsReadAsPlainJavaObjects() throws IOException {
        Path file = resource("torch/checkpoint.pt");
        Map<?, ?> ckpt = (Map<?, ?>) TorchCheckpoint.readObject(file);
        assertThat(((Tensor) ((Map<?, ?>) ckpt.get("model")).get("w")).toFloatArray()).containsExactly(0.5f, -0.5f);
        assertThat(ckpt.get("epoch")).isEqualTo(3L);
        assertThat(ckpt.get("lr")).isEqualTo(0.001);
        assertThat(ckpt.get("betas")).isEqualTo(List.of(0.9, 0.999));
        assertThat(ckpt.get("name")).isEqualTo("run-1");
        assertThat(ckpt.get("flag")).isEqualTo(true);
        assertThat(ckpt.containsKey("none")).isTrue();
        assertThat(ckpt.get("none")).isNull();
        assertThat(ckpt.get("steps")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(ckpt.get("big")).isEqualTo(1L << 40);
        assertThat(ckpt.get("neg")).isEqualTo(-7L);

        assertThatThrownBy(() -> TorchCheckpoint.load(file))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("checkpoint.pt")
                .hasMessageContaining("'model'")
                .hasMessageContaining("readObject");
    }

    @Test
    void maliciousPicklesAreRefusedByName() {
        assertThatThrownBy(() -> TorchCheckpoint.load(resource("torch/evil-system.pt")))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("evil-system.pt")
                .hasMessageContaining("data.pkl")
                .hasMessageContaining("global posix.system is forbidden");
        assertThatThrownBy(() -> TorchCheckpoint.readObject(resource("torch/evil-eval.pt")))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("global __builtin__.eval is forbidden"); // protocol 2 spells builtins the Python 2 way
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(d -> ((Long) d).intValue()).toArray();
    }
}
