package io.jgrad.io;

import static io.jgrad.io.IoAssertions.assertBitExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** jgrad -> file -> jgrad is bit-exact in both formats, for every dtype and layout. */
class RoundTripTest {
    @TempDir
    Path dir;

    /** The two formats behind one interface, so every case runs on both. */
    enum Format {
        SAFETENSORS("t.safetensors") {
            @Override void save(Path file, TensorFile contents) throws IOException { SafeTensors.save(file, contents); }
            @Override TensorFile read(Path file) throws IOException { return SafeTensors.read(file); }
        },
        TORCH("t.pt") {
            @Override void save(Path file, TensorFile contents) throws IOException { TorchCheckpoint.save(file, contents); }
            @Override TensorFile read(Path file) throws IOException { return TorchCheckpoint.read(file); }
        };

        final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }

        abstract void save(Path file, TensorFile contents) throws IOException;

        abstract TensorFile read(Path file) throws IOException;
    }

    private TensorFile roundTrip(Format format, TensorFile contents) throws IOException {
        Path file = dir.resolve(format.fileName);
        format.save(file, contents);
        return format.read(file);
    }

    /** One tensor per jgrad dtype, with special values, plus 0-d and empty tensors. */
    static Map<String, Tensor> everyDType() {
        Generator gen = new Generator(7);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("f32", Tensor.randn(gen, 3, 4));
        m.put("f32_special", Tensor.of(new float[] {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fa00001),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE}, 8));
        m.put("f64", Tensor.randn(gen, DType.FLOAT64, 2, 3));
        m.put("f64_special", Tensor.of(new double[] {-0.0, Double.NaN, Double.MIN_VALUE, Double.NEGATIVE_INFINITY}, 2, 2));
        m.put("i64", Tensor.of(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}, 5));
        m.put("bool", Tensor.of(new boolean[] {true, false, false, true, true, false}, 3, 2));
        m.put("scalar", Tensor.scalar(2.5));
        m.put("scalar_i64", Tensor.scalar(-3, DType.INT64));
        m.put("empty", Tensor.zeros(0, 3));
        m.put("empty_bool", Tensor.zeros(DType.BOOL, 4, 0));
        return m;
    }

    /** Views whose elements are not laid out row-major from offset 0. */
    static Map<String, Tensor> nonContiguous() {
        Tensor base = Tensor.arange(0, 24, 1, DType.FLOAT32).reshape(4, 6);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("transposed", base.t());
        m.put("strided", base.slice(0, 1, 4).slice(1, 0, 6, 2));
        m.put("row", base.select(0, 2));
        m.put("expanded", Tensor.of(1f, 2f, 3f).expand(2, 3));
        m.put("permuted_i64", Tensor.arange(24).reshape(2, 3, 4).permute(2, 0, 1));
        m.put("bool_t", Tensor.of(new boolean[] {true, false, true, true, false, false}, 2, 3).t());
        return m;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyDTypeIsBitExact(Format format) throws IOException {
        TensorFile back = roundTrip(format, TensorFile.of(everyDType()));
        assertBitExact(everyDType(), back.tensors());
        back.tensors().forEach((name, t) -> assertThat(back.fileDTypes().get(name)).isEqualTo(FileDType.defaultFor(t.dtype())));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void nonContiguousTensorsSaveTheirElements(Format format) throws IOException {
        Map<String, Tensor> views = nonContiguous();
        Map<String, Tensor> back = roundTrip(format, TensorFile.of(views)).tensors();
        assertBitExact(views, back);
        back.values().forEach(t -> assertThat(t.isContiguous()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void narrowFileTypesWidenOnLoadAndNarrowBackBitExact(Format format) throws IOException {
        // Values that the narrow types hold exactly, so narrowing loses nothing.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, FileDType> types = new LinkedHashMap<>();
        put(tensors, types, "f16", Tensor.of(new float[] {0.5f, -1.25f, 65504f, 6.1035156e-05f, -0f, Float.NaN, 5.9604645e-08f, 3f}, 2, 4), FileDType.F16);
        put(tensors, types, "bf16", Tensor.of(new float[] {0.5f, -1.25f, 3.3895314e38f, 1.1754944e-38f, -0f, Float.NaN, 1.0078125f, 3f}, 8), FileDType.BF16);
        put(tensors, types, "i32", Tensor.of(new long[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 2), FileDType.I32);
        put(tensors, types, "i16", Tensor.of(new long[] {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE}, 4), FileDType.I16);
        put(tensors, types, "i8", Tensor.of(new long[] {-128, -1, 0, 127}, 4), FileDType.I8);
        put(tensors, types, "u8", Tensor.of(new long[] {0, 1, 128, 255}, 4), FileDType.U8);
        put(tensors, types, "f64_as_f32", Tensor.of(new double[] {0.5, -2.0}, 2), FileDType.F32);
        put(tensors, types, "f16_scalar", Tensor.scalar(1.5), FileDType.F16);
        put(tensors, types, "u8_empty", Tensor.zeros(DType.INT64, 0, 3), FileDType.U8);

        TensorFile back = roundTrip(format, new TensorFile(tensors, Map.of(), types));

        assertThat(back.fileDTypes()).containsExactlyEntriesOf(types);
        tensors.forEach((name, t) -> {
            Tensor expected = name.equals("f64_as_f32") ? t.to(DType.FLOAT32) : t;
            assertBitExact(name, expected, back.tensors().get(name));
        });
        // And the widened tensors save back to the same narrow types, bit for bit.
        TensorFile again = roundTrip(format, back);
        assertThat(again.fileDTypes()).containsExactlyEntriesOf(types);
        assertBitExact(back.tensors(), again.tensors());
    }

    private static void put(Map<String, Tensor> tensors, Map<String, FileDType> types, String name, Tensor t, FileDType type) {
        tensors.put(name, t);
        types.put(name, type);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void valuesThatDoNotFitTheRequestedTypeAreRefusedAndNothingIsWritten(Format format) throws IOException {
        Path file = dir.resolve(format.fileName);
        for (var bad : List.of(
                new TensorFile(Map.of("big", Tensor.of(new long[] {1, 300}, 2)), Map.of(), Map.of("big", FileDType.U8)),
                new TensorFile(Map.of("neg", Tensor.of(new long[] {-1}, 1)), Map.of(), Map.of("neg", FileDType.U8)),
                new TensorFile(Map.of("wide", Tensor.of(new long[] {1L << 40}, 1)), Map.of(), Map.of("wide", FileDType.I32)),
                new TensorFile(Map.of("float", Tensor.of(1f, 2f)), Map.of(), Map.of("float", FileDType.I64)),
                new TensorFile(Map.of("int", Tensor.of(1L, 2L)), Map.of(), Map.of("int", FileDType.F16)),
                new TensorFile(Map.of("bool", Tensor.of(1f)), Map.of(), Map.of("bool", FileDType.BOOL)))) {
            String name = bad.tensors().keySet().iterator().next();
            assertThatThrownBy(() -> format.save(file, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + name + "'");
        }
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void emptyStateDict(Format format) throws IOException {
        assertThat(roundTrip(format, TensorFile.of(Map.of())).tensors()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void unicodeNamesAndOrderSurvive(Format format) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("z.last", "a.first", "ünïcødé/名前", "with \"quotes\" and \\", "")) tensors.put(name, Tensor.of(1f));
        assertThat(roundTrip(format, TensorFile.of(tensors)).tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
    }
}
