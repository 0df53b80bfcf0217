package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Crafted PyTorch archives and pickles: each must fail with a message naming the file, entry and problem. */
class TorchValidationTest {
    @TempDir
    Path dir;

    private static final byte[] FOUR_FLOATS = new byte[16];

    // ------------------------------------------------------------------ pickles

    @ParameterizedTest
    @ValueSource(strings = {"os system", "posix system", "builtins eval", "builtins exec", "__builtin__ eval",
            "builtins getattr", "builtins __import__", "subprocess Popen", "torch._utils _rebuild_tensor", "torch load",
            "torch Tensor", "torch.storage _load_from_bytes", "numpy.core.multiarray _reconstruct",
            "collections defaultdict", "torch FakeStorage", "functools partial"})
    void forbiddenGlobalsAreRefusedByName(String global) throws IOException {
        String[] parts = global.split(" ");
        Path file = archive(pickle("\u0080\u0002c" + parts[0] + "\n" + parts[1] + "\n)R."));
        assertRefused(file, "t/data.pkl", "global " + parts[0] + "." + parts[1] + " is forbidden");
    }

    @Test
    void forbiddenGlobalViaStackGlobalIsRefused() throws IOException {
        Path file = archive(pickle("\u0080\u0004\u008c\u0008builtins\u0094\u008c\u0004eval\u0094\u0093)R."));
        assertRefused(file, "t/data.pkl", "global builtins.eval is forbidden");
    }

    static Stream<Arguments> badPickles() {
        return Stream.of(
                Arguments.of("\u0080\u0002(ios\nsystem\n.", "opcode 0x69 is not allowed"), // INST
                Arguments.of("\u0080\u0002(o.", "opcode 0x6f is not allowed"), // OBJ
                Arguments.of("\u0080\u0002})\u0081.", "opcode 0x81 is not allowed"), // NEWOBJ
                Arguments.of("\u0080\u0002\u0082\u0001.", "opcode 0x82 is not allowed"), // EXT1
                Arguments.of("\u0080\u0002P0\n.", "opcode 0x50 is not allowed"), // PERSID (text)
                Arguments.of("\u0080\u0002S'x'\n.", "opcode 0x53 is not allowed"), // STRING
                Arguments.of("\u0080\u0002I1\n.", "opcode 0x49 is not allowed"), // INT
                Arguments.of("\u0080\u0002B\u0001\u0000\u0000\u0000x.", "opcode 0x42 is not allowed"), // BINBYTES
                Arguments.of("\u0080\u0006", "protocol 6 is not supported"),
                Arguments.of("\u0080\u0002X\u00ff\u00ff\u00ff\u007f", "truncated: needs 2147483647 more bytes"),
                Arguments.of("\u0080\u0002}", "truncated"),
                Arguments.of("", "truncated"),
                Arguments.of("\u0080\u0002h\u0005.", "memo key 5 was never stored"),
                Arguments.of("\u0080\u0002.", "stack underflow"),
                Arguments.of("\u0080\u0002}(.", "stack underflow"),
                Arguments.of("\u0080\u0002}}.", "STOP leaves 1 objects"),
                Arguments.of("\u0080\u0002})R.", "calling a dict is forbidden"),
                Arguments.of("\u0080\u0002ctorch\nFloatStorage\n)R.", "calling torch.FloatStorage is forbidden"),
                Arguments.of("\u0080\u0002]}b.", "BUILD on a list is forbidden"),
                Arguments.of("\u0080\u0002}}K\u0001K\u0002sb.", "BUILD on a dict is forbidden"),
                Arguments.of("\u0080\u0002]K\u0001K\u0002s.", "SETITEM on a list, not a dict"),
                Arguments.of("\u0080\u0002}K\u0001a.", "APPEND to a dict, not a list"),
                Arguments.of("\u0080\u0002})K\u0001s.", "dict key a tuple of 0 is not supported"),
                Arguments.of("\u0080\u0002}(K\u0001u.", "odd number of items"),
                Arguments.of("\u0080\u0002\u008a\u0009123456789.", "integer of 9 bytes is too large"),
                Arguments.of("\u0080\u0002ccollections\nOrderedDict\n]R.", "REDUCE arguments are a list, not a tuple"),
                Arguments.of("\u0080\u0002ccollections\nOrderedDict\n(K\u0001tR.", "OrderedDict called with arguments"),
                Arguments.of("\u0080\u0002(X\u0007\u0000\u0000\u0000storageK\u0001tQ.", "is not ('storage', torch.*Storage"),
                Arguments.of("\u0080\u0002X\u0001\u0000\u0000\u0000\u00ff.", "string is not valid UTF-8"),
                Arguments.of("\u0080\u0002c" + "a".repeat(300), "GLOBAL name is longer than 256 bytes"),
                Arguments.of("\u0080\u0002cos", "truncated GLOBAL"),
                Arguments.of("\u0080\u0002ctorch._utils\n_rebuild_tensor_v2\n(K\u0001tR.", "_rebuild_tensor_v2 needs"),
                Arguments.of("\u0080\u0002].", "holds a list, not a state_dict"),
                Arguments.of("\u0080\u0002}X\u0001\u0000\u0000\u0000aK\u0001s.", "key str 'a' maps to int 1, not a tensor"));
    }

    @ParameterizedTest
    @MethodSource("badPickles")
    void badPickleIsRefused(String pickle, String message) throws IOException {
        assertRefused(archive(pickle(pickle)), "t/data.pkl", message);
    }

    @Test
    void cyclicAndDeepStructuresNeitherRecurseNorHang() throws IOException {
        Path selfReferencing = archive(pickle("\u0080\u0002]q\u0000h\u0000a."));
        assertThat(TorchCheckpoint.readObject(selfReferencing)).isInstanceOf(List.class);
        assertRefused(selfReferencing, "t/data.pkl", "holds a list");

        int depth = 100_000;
        Path deep = archive(pickle("\u0080\u0002" + "]".repeat(depth) + "a".repeat(depth - 1) + "."));
        assertThat(TorchCheckpoint.readObject(deep)).isInstanceOf(List.class);
        assertRefused(deep, "t/data.pkl", "holds a list");
    }

    // ------------------------------------------------------------------ storages and tensors

    /** {'w': tensor} over storage key "0". */
    private static byte[] oneTensor(FileDType type, int numel, int offset, int[] shape, int[] strides) {
        return new PickleWriter().orderedDict().mark().string("w").tensor(type, "0", numel, offset, shape, strides).setItems().stop();
    }

    @Test
    void storageSizeMustMatchItsEntry() throws IOException {
        Path file = archive(oneTensor(FileDType.F32, 5, 0, new int[] {5}, new int[] {1}));
        assertRefused(file, "t/data/0", "holds 16 bytes but the pickle declares 5 x F32");
    }

    @Test
    void tensorsMustStayInsideTheirStorage() throws IOException {
        assertRefused(archive(oneTensor(FileDType.F32, 4, 0, new int[] {2, 2}, new int[] {2, 2})), "t/data/0",
                "offset 0, size [2, 2] and stride [2, 2] reaches element 4 of a storage of 4");
        assertRefused(archive(oneTensor(FileDType.F32, 4, 3, new int[] {2}, new int[] {1})), "t/data/0", "reaches element 4");
        assertRefused(archive(oneTensor(FileDType.F32, 4, -1, new int[] {1}, new int[] {1})), "t/data.pkl",
                "storage offset int -1 is not an int in [0, 2147483647]");
        assertRefused(archive(oneTensor(FileDType.F32, 4, 0, new int[] {2, 2}, new int[] {1})), "t/data.pkl", "2 sizes but 1 strides");
        assertRefused(archive(oneTensor(FileDType.F32, 4, 0, new int[] {65536, 65536}, new int[] {0, 0})), "t/data.pkl",
                "more than 2147483647 elements");
        assertRefused(archive(oneTensor(FileDType.F32, 4, 0, new int[] {2, 1 << 30}, new int[] {1 << 30, 1 << 30})), "t/data.pkl",
                "more than 2147483647 elements");
    }

    @Test
    void strideZeroAndEmptyTensorsAreFine() throws IOException {
        Tensor expanded = TorchCheckpoint.load(archive(oneTensor(FileDType.F32, 4, 1, new int[] {1000, 3}, new int[] {0, 1}))).get("w");
        assertThat(expanded.shape()).containsExactly(1000, 3);
        Tensor empty = TorchCheckpoint.load(archive(oneTensor(FileDType.F32, 4, 999, new int[] {0, 5}, new int[] {5, 1}))).get("w");
        assertThat(empty.shape()).containsExactly(0, 5);
    }

    @Test
    void aStorageKeyHasOneTypeAndSize() throws IOException {
        byte[] pickle = new PickleWriter().orderedDict().mark()
                .string("a").tensor(FileDType.F32, "0", 4, 0, new int[] {4}, new int[] {1})
                .string("b").tensor(FileDType.I32, "0", 4, 0, new int[] {4}, new int[] {1})
                .setItems().stop();
        assertRefused(archive(pickle), "t/data/0", "referenced as both F32 x 4 and I32 x 4");
    }

    @Test
    void boolStoragesHoldOnlyZeroAndOne() throws IOException {
        Map<String, byte[]> entries = standardEntries(oneTensor(FileDType.BOOL, 2, 0, new int[] {2}, new int[] {1}));
        entries.put("t/data/0", new byte[] {1, 7});
        assertRefused(write(entries), "t/data/0", "bool element 1 is byte 7");
    }

    // ------------------------------------------------------------------ archive structure

    @Test
    void requiredEntriesMustExist() throws IOException {
        for (String missing : List.of("t/data.pkl", "t/version", "t/data/0")) {
            Map<String, byte[]> entries = standardEntries(oneTensor(FileDType.F32, 4, 0, new int[] {4}, new int[] {1}));
            entries.remove(missing);
            assertRefused(write(entries), missing, "missing");
        }
    }

    @Test
    void unsupportedVersionsAndByteOrdersAreRefused() throws IOException {
        Map<String, byte[]> entries = standardEntries(oneTensor(FileDType.F32, 4, 0, new int[] {4}, new int[] {1}));
        entries.put("t/version", "9\n".getBytes(StandardCharsets.US_ASCII));
        assertRefused(write(entries), "t/version", "format version '9' is not supported");
        entries.put("t/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        entries.put("t/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        assertRefused(write(entries), "t/byteorder", "only little-endian");
        entries.put("t/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        assertThat(TorchCheckpoint.load(write(entries))).containsOnlyKeys("w");
    }

    @Test
    void entriesMustSitInATopFolder() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data.pkl", pickle("\u0080\u0002}."));
        assertRefused(write(entries), null, "entries must sit in one top folder");
    }

    @Test
    void compressedEntriesAreRefused() throws IOException {
        Path file = dir.resolve("deflated.pt");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("t/data.pkl"));
            zip.write(pickle("\u0080\u0002}."));
            zip.closeEntry();
        }
        assertRefused(file, "t/data.pkl", "compressed with method 8");
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        Path file = dir.resolve("dup.pt");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(channel);
            zip.add("t/version", new byte[] {'3'});
            zip.add("t/version", new byte[] {'3'});
            zip.finish();
        }
        assertRefused(file, "t/version", "appears twice");
    }

    @Test
    void overlappingEntriesAreRefused() throws IOException {
        // Stretch the first entry (data.pkl) in the central directory so its bytes run into the next entry.
        Path file = archive(pickle("\u0080\u0002}."));
        patchFirstCentralRecord(file, 46 + "t/data.pkl".length() + 4, 200L);
        assertRefused(file, "t/data/0", "overlaps entry 't/data.pkl'");
    }

    @Test
    void entriesPointingOutsideTheFileAreRefused() throws IOException {
        Path file = archive(pickle("\u0080\u0002}."));
        patchFirstCentralRecord(file, 46 + "t/data.pkl".length() + 4 + 16, 1L << 40);
        assertRefused(file, "t/data.pkl", "no local header at offset 1099511627776");
    }

    @Test
    void encryptedEntriesAreRefused() throws IOException {
        Path file = archive(pickle("\u0080\u0002}."));
        byte[] bytes = Files.readAllBytes(file);
        bytes[firstCentralRecord(bytes) + 8] |= 1;
        Files.write(file, bytes);
        assertRefused(file, "t/data.pkl", "encrypted");
    }

    @Test
    void corruptedBytesFailTheCrc() throws IOException {
        Path file = archive(pickle("\u0080\u0002}."));
        byte[] bytes = Files.readAllBytes(file);
        int pickleStart = indexOf(bytes, pickle("\u0080\u0002}."));
        bytes[pickleStart + 2] = ']';
        Files.write(file, bytes);
        assertRefused(file, "t/data.pkl", "CRC-32 mismatch");
    }

    @Test
    void otherFilesAreNotZipCheckpoints() throws IOException {
        assertRefused(IoAssertions.resource("pretrained/dtypes.safetensors"), null, "not a zip archive");
        Path legacy = dir.resolve("legacy.pt");
        Files.write(legacy, pickle("\u0080\u0002\u008a\nl\u00fc\u009cF\u00f9 j\u00a8P\u0019.")); // how pre-1.6 files start
        assertRefused(legacy, null, "torch.save's zip format");
        assertThatThrownBy(() -> SafeTensors.load(IoAssertions.resource("pretrained/dtypes.pt")))
                .isInstanceOf(CheckpointFormatException.class);
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] pickle(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, byte[]> standardEntries(byte[] pickle) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("t/data.pkl", pickle);
        entries.put("t/data/0", FOUR_FLOATS);
        entries.put("t/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    /** data.pkl plus a 4-float storage "0" and a version. */
    private Path archive(byte[] pickle) throws IOException {
        return write(standardEntries(pickle));
    }

    private Path write(Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve("crafted.pt");
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ZipWriter zip = new ZipWriter(channel);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) zip.add(e.getKey(), e.getValue());
            zip.finish();
        }
        return file;
    }

    private static int firstCentralRecord(byte[] bytes) {
        return indexOf(bytes, new byte[] {'P', 'K', 1, 2});
    }

    /** Overwrites a 64-bit field of the first central directory record (our writer puts zip64 values in its extra field). */
    private static void patchFirstCentralRecord(Path file, int fieldOffset, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = firstCentralRecord(bytes) + fieldOffset;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        if (fieldOffset == 46 + "t/data.pkl".length() + 4) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 8, value);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    private static void assertRefused(Path file, String entry, String message) {
        IoAssertions.assertRefused(() -> TorchCheckpoint.load(file), file, entry, message);
    }
}
