package io.jgrad.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed header of a safetensors file, checked completely before any tensor is read.
 *
 * <p>Checks, in order: the 8-byte length fits the file and {@value #MAX_HEADER_BYTES} bytes; the
 * header is UTF-8 JSON with unique keys; {@code __metadata__} maps strings to strings; every
 * entry has exactly {@code dtype}, {@code shape} and {@code data_offsets}, a known dtype,
 * non-negative dims whose product fits an int, and {@code end - begin == numel * element size};
 * and the entries tile the data section exactly (no gap, no overlap, nothing left over). So a
 * file that passes can be read without any further bounds check and costs at most a few times
 * its own size in heap.
 *
 * @param entries   tensor entries in header order
 * @param metadata  the {@code __metadata__} map (empty if absent)
 * @param dataStart file offset of the data section (8 + header length)
 */
record SafeTensorsHeader(List<SafeTensorsHeader.Entry> entries, Map<String, String> metadata, long dataStart) {
    /** The same limit as the reference implementation; real headers are kilobytes. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");

    /** One tensor: its type, shape and byte range relative to {@link #dataStart()}. */
    record Entry(String name, FileDType type, int[] shape, long begin, long end) {}

    static SafeTensorsHeader parse(Path file, MemorySegment bytes) throws CheckpointFormatException {
        long size = bytes.byteSize();
        if (size < 8) {
            throw new CheckpointFormatException(file, "only " + size + " bytes: a safetensors file starts with an 8-byte header length");
        }
        long length = bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (length < 2 || length > MAX_HEADER_BYTES || length > size - 8) {
            throw new CheckpointFormatException(file, "header length " + length + " is impossible: " + (size - 8)
                    + " bytes follow the length field and headers are limited to " + MAX_HEADER_BYTES + " bytes");
        }
        Map<?, ?> root = parseJsonObject(file, bytes.asSlice(8, length));
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) metadata = parseMetadata(file, e.getValue());
            else entries.add(parseEntry(file, name, e.getValue()));
        }
        checkTiling(file, entries, size - 8 - length);
        return new SafeTensorsHeader(List.copyOf(entries), metadata, 8 + length);
    }

    private static Map<?, ?> parseJsonObject(Path file, MemorySegment header) throws CheckpointFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(header.asByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(file, "header is not valid UTF-8");
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, "header: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new CheckpointFormatException(file, "header is " + describe(root) + ", not a JSON object");
        }
        return map;
    }

    private static Map<String, String> parseMetadata(Path file, Object value) throws CheckpointFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CheckpointFormatException(file, METADATA_KEY, "expected an object of strings, got " + describe(value));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new CheckpointFormatException(file, METADATA_KEY,
                        "value of '" + e.getKey() + "' is " + describe(e.getValue()) + ", not a string");
            }
            metadata.put((String) e.getKey(), s);
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, Object value) throws CheckpointFormatException {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new CheckpointFormatException(file, name, "expected an object {dtype, shape, data_offsets}, got " + describe(value));
        }
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(key)) throw new CheckpointFormatException(file, name, "unknown field '" + key + "'");
        }
        Object dtype = fields.get("dtype");
        FileDType type = dtype instanceof String s ? FileDType.fromSafetensorsName(s) : null;
        if (type == null) {
            throw new CheckpointFormatException(file, name, "dtype " + describe(dtype) + " is not one of "
                    + List.of(FileDType.values()));
        }
        long[] dims = naturals(file, name, "shape", fields.get("shape"));
        long[] offsets = naturals(file, name, "data_offsets", fields.get("data_offsets"));
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw new CheckpointFormatException(file, name, "data_offsets must be [begin, end] with begin <= end");
        }
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) throw new CheckpointFormatException(file, name, "dim " + dims[i] + " is too large for jgrad");
            shape[i] = (int) dims[i];
            numel = Math.min(numel * dims[i], Integer.MAX_VALUE + 1L); // saturates; both factors < 2^32
        }
        if (numel > Integer.MAX_VALUE) {
            throw new CheckpointFormatException(file, name, "shape " + ErrorText.shape(dims) + " has more than "
                    + Integer.MAX_VALUE + " elements, too many for one jgrad tensor");
        }
        long bytes = offsets[1] - offsets[0];
        if (bytes != numel * type.byteSize()) {
            throw new CheckpointFormatException(file, name, "data_offsets [" + offsets[0] + ", " + offsets[1] + "] hold "
                    + bytes + " bytes but " + type + " " + ErrorText.shape(dims) + " needs " + numel * type.byteSize());
        }
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers. */
    private static long[] naturals(Path file, String name, String field, Object value) throws CheckpointFormatException {
        if (!(value instanceof List<?> list)) {
            throw new CheckpointFormatException(file, name, field + " is " + describe(value) + ", not an array of integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw new CheckpointFormatException(file, name, field + "[" + i + "] is " + describe(list.get(i))
                        + ", not a non-negative integer");
            }
            out[i] = v;
        }
        return out;
    }

    /** The entries, sorted by offset, must cover [0, dataLength) exactly once. */
    private static void checkTiling(Path file, List<Entry> entries, long dataLength) throws CheckpointFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        String previous = "the start of the data section";
        for (Entry e : byOffset) {
            if (e.begin() != expected) {
                String how = e.begin() < expected ? "overlap " : "leave a gap of " + (e.begin() - expected) + " bytes after ";
                throw new CheckpointFormatException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end() + "] "
                        + how + previous + " (which ends at " + expected + ")");
            }
            expected = e.end();
            previous = "entry '" + e.name() + "'";
        }
        if (expected != dataLength) {
            throw new CheckpointFormatException(file, "the tensors cover " + expected + " data bytes but "
                    + dataLength + " follow the header");
        }
    }

    /** A short description of a JSON value for error messages (never the whole value). */
    private static String describe(Object value) {
        return switch (value) {
            case null -> "missing or null";
            case String s -> "\"" + ErrorText.abbreviate(s) + "\"";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> value.toString();
        };
    }
}
