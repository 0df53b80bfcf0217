package io.jgrad.io;

import static io.jgrad.io.IoAssertions.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Thousands of damaged files fed to both loaders. Each load must either succeed (a flipped data
 * byte in a safetensors file is still a valid file) or throw {@link CheckpointFormatException};
 * anything else (OutOfMemoryError, IndexOutOfBounds, ClassCast, NullPointer, a hang) fails
 * with the case that caused it. Fixed seeds keep failures reproducible.
 */
@Timeout(120)
class CorruptFilesFuzzTest {
    @TempDir(factory = InMemoryTempDir.class)
    Path dir;

    /**
     * Damaged files go to tmpfs when the machine has one: rewriting thousands of small files on a
     * disk mounted with {@code discard} (as here) is about a hundred times slower.
     */
    static final class InMemoryTempDir implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "jgrad-fuzz")
                    : Files.createTempDirectory("jgrad-fuzz");
        }
    }

    private Path jgradPt;
    private Path jgradSafetensors;
    private int refused;
    private int loaded;

    /** Loads a file with one of the two loaders. */
    @FunctionalInterface
    private interface Loader {
        Object load(Path file) throws IOException;
    }

    private static final Loader SAFETENSORS = SafeTensors::read;
    private static final Loader TORCH = TorchCheckpoint::readObject;

    @BeforeEach
    void writeJgradFiles() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.arange(0, 12, 1, DType.FLOAT32).reshape(3, 4));
        tensors.put("i", Tensor.of(new long[] {1, 2, 3}, 3));
        tensors.put("b", Tensor.of(new boolean[] {true, false}, 2));
        tensors.put("s", Tensor.scalar(1.5));
        jgradPt = dir.resolve("jgrad.pt");
        jgradSafetensors = dir.resolve("jgrad.safetensors");
        TorchCheckpoint.save(jgradPt, tensors);
        SafeTensors.save(jgradSafetensors, tensors, Map.of("epoch", "1"));
    }

    @Test
    void randomByteChangesEndInSuccessOrCheckpointFormatException() throws IOException {
        Random random = new Random(20240601);
        record Base(Path file, Loader loader) {}
        List<Base> bases = List.of(
                new Base(resource("pretrained/dtypes.safetensors"), SAFETENSORS), new Base(jgradSafetensors, SAFETENSORS),
                new Base(resource("pretrained/dtypes.pt"), TORCH), new Base(resource("torch/views.pt"), TORCH),
                new Base(resource("torch/protocol4.pt"), TORCH), new Base(jgradPt, TORCH));
        for (Base base : bases) {
            byte[] original = Files.readAllBytes(base.file());
            for (int round = 0; round < 400; round++) {
                byte[] damaged = original.clone();
                int changes = 1 + random.nextInt(4);
                for (int c = 0; c < changes; c++) {
                    // Half the changes hit the structure: the safetensors header or the zip directory at the end.
                    int at = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(Math.min(200, damaged.length));
                        case 1 -> damaged.length - 1 - random.nextInt(Math.min(300, damaged.length));
                        default -> random.nextInt(damaged.length);
                    };
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                }
                check(base.file().getFileName() + " round " + round, damaged, base.loader());
                check(base.file().getFileName() + " round " + round + " (other loader)", damaged,
                        base.loader() == TORCH ? SAFETENSORS : TORCH);
            }
        }
        assertThat(refused).as("most damaged files are refused").isGreaterThan(loaded);
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        for (Path file : List.of(resource("pretrained/dtypes.safetensors"), jgradSafetensors,
                resource("pretrained/dtypes.pt"), resource("torch/views.pt"), jgradPt)) {
            byte[] whole = Files.readAllBytes(file);
            Loader loader = file.toString().endsWith(".pt") ? TORCH : SAFETENSORS;
            // Every cut inside the first and last 256 bytes (the header, the zip directory), every 7th in between.
            for (int length = 0; length < whole.length; length += length < 256 || length > whole.length - 256 ? 1 : 7) {
                byte[] prefix = Arrays.copyOf(whole, length);
                check(file.getFileName() + " truncated to " + length, prefix, loader);
            }
            assertThat(loaded).as(file + ": no truncation may load").isZero();
        }
    }

    @Test
    void randomNumbersInSafetensorsHeadersAreRefusedOrLoad() throws IOException {
        byte[] original = Files.readAllBytes(resource("pretrained/dtypes.safetensors"));
        int headerLength = (int) ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(original, 8, headerLength, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(original, 8 + headerLength, original.length);
        List<int[]> numbers = new ArrayList<>();
        Matcher m = Pattern.compile("\\d+").matcher(header);
        while (m.find()) numbers.add(new int[] {m.start(), m.end()});
        long[] interesting = {0, 1, 2, 3, 4, 7, 8, 15, 16, 60, 120, 255, 256, 1L << 31, (1L << 31) - 1, 1L << 32,
                Long.MAX_VALUE, -1, -8, 65536};
        Random random = new Random(7);
        for (int round = 0; round < 1500; round++) {
            int[] span = numbers.get(random.nextInt(numbers.size()));
            long value = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(2000) - 10;
            String crafted = header.substring(0, span[0]) + value + header.substring(span[1]);
            byte[] json = crafted.getBytes(StandardCharsets.UTF_8);
            ByteBuffer file = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
            file.putLong(json.length).put(json).put(data);
            check("header number at " + span[0] + " := " + value, file.array(), SAFETENSORS);
        }
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void randomPicklesEndInSuccessOrCheckpointFormatException() throws IOException {
        // Mutations of a valid state_dict pickle reach deep into tensor rebuilding; random opcode
        // soup exercises the stack machine itself.
        byte[] valid = new PickleWriter().orderedDict().mark()
                .string("w").tensor(FileDType.F32, "0", 4, 1, new int[] {3}, new int[] {1})
                .string("m").tensor(FileDType.BOOL, "1", 4, 0, new int[] {2, 2}, new int[] {1, 2})
                .string("e").tensor(FileDType.F32, "2", 0, 0, new int[] {0}, new int[] {1})
                .setItems().stop();
        check("valid pickle", archiveWithPickle(valid), TORCH);
        assertThat(loaded).isEqualTo(1);
        byte[] soup = "()]}tlde0123NRbQsuaKXch\u0085\u0086\u0087\u0088\u0089q\u0094".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(99);
        for (int round = 0; round < 2000; round++) {
            byte[] pickle = round % 2 == 0 ? mutate(valid, random) : soup(soup, random);
            check("pickle " + HexFormat.of().formatHex(pickle), archiveWithPickle(pickle), TORCH);
        }
        assertThat(refused).isGreaterThan(loaded);
    }

    /** Deletes, duplicates or replaces a few bytes. */
    private static byte[] mutate(byte[] pickle, Random random) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : pickle) bytes.add(b);
        for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(3)) {
                case 0 -> bytes.remove(at);
                case 1 -> bytes.add(at, bytes.get(at));
                default -> bytes.set(at, (byte) random.nextInt(256));
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) out[i] = bytes.get(i);
        return out;
    }

    /** PROTO 2, then random opcodes from {@code alphabet} with small random arguments. */
    private static byte[] soup(byte[] alphabet, Random random) {
        ByteBuffer pickle = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        pickle.put((byte) 0x80).put((byte) 2);
        for (int ops = 1 + random.nextInt(60); ops > 0; ops--) {
            byte op = alphabet[random.nextInt(alphabet.length)];
            pickle.put(op);
            switch (op) {
                case 'K', 'q', 'h' -> pickle.put((byte) random.nextInt(8));
                case 'X' -> pickle.putInt(1).put((byte) ('0' + random.nextInt(3)));
                case 'c' -> pickle.put(List.of("collections\nOrderedDict\n", "torch._utils\n_rebuild_tensor_v2\n",
                        "torch\nFloatStorage\n", "torch._utils\n_rebuild_parameter\n").get(random.nextInt(4))
                        .getBytes(StandardCharsets.US_ASCII));
                default -> { }
            }
        }
        pickle.put((byte) '.');
        return Arrays.copyOf(pickle.array(), pickle.position());
    }

    /** A zip with the given data.pkl and small storages "0" (4 floats), "1" (4 bools) and "2" (empty). */
    private Path archiveWithPickle(byte[] pickle) throws IOException {
        Path file = dir.resolve("pickle.pt");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ZipWriter zip = new ZipWriter(channel);
            zip.add("t/data.pkl", pickle);
            zip.add("t/data/0", new byte[16]);
            zip.add("t/data/1", new byte[] {0, 1, 1, 0});
            zip.add("t/data/2", new byte[0]);
            zip.add("t/version", new byte[] {'3'});
            zip.finish();
        }
        return file;
    }

    private void check(String what, byte[] content, Loader loader) throws IOException {
        Path file = dir.resolve("damaged");
        Files.write(file, content);
        check(what, file, loader);
    }

    private void check(String what, Path file, Loader loader) {
        try {
            readEveryTensor(loader.load(file));
            loaded++;
        } catch (CheckpointFormatException expected) {
            assertThat(expected.file()).isEqualTo(file);
            refused++;
        } catch (Throwable unexpected) {
            fail(what + ": expected success or CheckpointFormatException but got " + unexpected, unexpected);
        }
    }

    /** A successful load must give tensors whose every element can be read (no view outside its storage). */
    private static void readEveryTensor(Object loaded) {
        Deque<Object> pending = new ArrayDeque<>();
        if (loaded != null) pending.push(loaded);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Object o = pending.pop();
            if (!seen.add(o)) continue;
            switch (o) {
                case TensorFile f -> pending.addAll(f.tensors().values());
                case Map<?, ?> m -> m.values().stream().filter(v -> v != null).forEach(pending::push);
                case List<?> l -> l.stream().filter(v -> v != null).forEach(pending::push);
                case Tensor t -> t.toDoubleArray();
                default -> { }
            }
        }
    }
}
