package io.jgrad.io;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}}, then
 * the raw little-endian tensor bytes.
 *
 * <p>Loading memory-maps the file and copies one tensor at a time into a heap array; the whole
 * header is validated first ({@link SafeTensorsHeader}), so a bad file throws
 * {@link CheckpointFormatException} before any tensor is built. Saving is atomic
 * ({@link AtomicFiles}). Element types: see {@link FileDType}.
 *
 * <pre>{@code
 * Map<String, Tensor> weights = SafeTensors.load(Path.of("model.safetensors"));
 * SafeTensors.save(Path.of("ckpt.safetensors"), tensors, Map.of("epoch", "3", "step", "1200"));
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** The tensors of a safetensors file, by name in file order. */
    public static Map<String, Tensor> load(Path file) throws IOException {
        return read(file).tensors();
    }

    /** Tensors, {@code __metadata__} and the stored element types of a safetensors file. */
    public static TensorFile read(Path file) throws IOException {
        try (MappedFile mapped = MappedFile.open(file)) {
            MemorySegment bytes = mapped.segment();
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, bytes);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, FileDType> types = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                MemorySegment data = bytes.asSlice(header.dataStart() + e.begin(), e.end() - e.begin());
                Storage storage;
                try {
                    storage = e.type().decode(data);
                } catch (IllegalArgumentException invalid) {
                    throw new CheckpointFormatException(file, e.name(), invalid.getMessage());
                }
                tensors.put(e.name(), Tensor.of(storage, Layout.contiguous(e.shape())));
                types.put(e.name(), e.type());
            }
            return new TensorFile(tensors, header.metadata(), types);
        }
    }

    /** Saves tensors (each as the default type for its dtype) without metadata. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, TensorFile.of(tensors));
    }

    /**
     * Saves tensors with string metadata, e.g. a training checkpoint: model and optimizer tensors
     * under prefixed names plus {@code epoch}, {@code step} or a JSON-encoded scheduler state
     * (see {@link Json#write}) as metadata.
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        save(file, TensorFile.of(tensors, metadata));
    }

    /**
     * Saves tensors in map order, each as {@link TensorFile#fileDType}, with the metadata. Views
     * and non-contiguous tensors are written as their row-major elements. The file is replaced
     * atomically.
     *
     * @throws IllegalArgumentException if a name is {@code __metadata__} or a tensor does not fit its
     *                                  requested file type (e.g. 300 as U8)
     */
    public static void save(Path file, TensorFile contents) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!contents.metadata().isEmpty()) header.put(SafeTensorsHeader.METADATA_KEY, contents.metadata());
        long offset = 0;
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            String name = e.getKey();
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: '" + name + "' is reserved for metadata, not a tensor name");
            }
            FileDType type = contents.fileDType(name);
            type.requireStorable(name, e.getValue());
            long end = offset + type.byteCount(e.getValue());
            header.put(name, entry(type, e.getValue().shape(), offset, end));
            offset = end;
        }
        ByteBuffer prefix = headerBytes(header);
        AtomicFiles.write(file, channel -> {
            while (prefix.hasRemaining()) channel.write(prefix);
            for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
                contents.fileDType(e.getKey()).write(e.getValue(), channel);
            }
        });
    }

    private static Map<String, Object> entry(FileDType type, int[] shape, long begin, long end) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("dtype", type.name());
        entry.put("shape", Arrays.stream(shape).boxed().toList());
        entry.put("data_offsets", List.of(begin, end));
        return entry;
    }

    /** Length field plus JSON, padded with spaces so the data starts 8-byte aligned (as the reference writer does). */
    private static ByteBuffer headerBytes(Map<String, Object> header) {
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        if (padded > SafeTensorsHeader.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("SafeTensors.save: header of " + padded + " bytes exceeds the format's limit");
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(json);
        while (buffer.hasRemaining()) buffer.put((byte) ' ');
        return buffer.flip();
    }
}
