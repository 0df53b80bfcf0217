package io.jgrad.io;

import java.io.IOException;
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
import java.util.zip.CRC32;

/**
 * A read-only, memory-mapped zip archive of stored (uncompressed) entries, the container
 * {@code torch.save} writes. Supports zip64.
 *
 * <p>Opening validates the whole directory: every record lies inside the file, names are unique
 * UTF-8, entries are stored and unencrypted, and entries' bytes do not overlap (so no crafted
 * archive can make a reader decode the same bytes many times over). {@link #read} checks the
 * entry's CRC-32 before handing its bytes out.
 */
final class ZipArchive implements AutoCloseable {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final int LOCAL_HEADER = 0x04034b50, CENTRAL_HEADER = 0x02014b50, END = 0x06054b50;
    static final int ZIP64_END = 0x06064b50, ZIP64_LOCATOR = 0x07064b50;
    static final int ZIP64_EXTRA_ID = 0x0001;
    static final long MARKER_32 = 0xFFFFFFFFL;
    private static final int END_SIZE = 22, CENTRAL_SIZE = 46, LOCAL_SIZE = 30, LOCATOR_SIZE = 20, ZIP64_END_SIZE = 56;

    /** One entry: where its bytes start in the file, how many there are, and their CRC-32. */
    record Entry(String name, long headerOffset, long dataOffset, long size, int crc) {}

    private final Path file;
    private final MappedFile mapped;
    private final MemorySegment bytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private ZipArchive(Path file, MappedFile mapped) {
        this.file = file;
        this.mapped = mapped;
        this.bytes = mapped.segment();
    }

    /** Maps and validates {@code file}; the caller must close the archive. */
    static ZipArchive open(Path file) throws IOException {
        MappedFile mapped = MappedFile.open(file);
        ZipArchive zip = new ZipArchive(file, mapped);
        try {
            zip.readDirectory();
            return zip;
        } catch (IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /** Entry names in directory order. */
    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The entry called {@code name}, or null. */
    Entry find(String name) {
        return entries.get(name);
    }

    /** The bytes of entry {@code name}, after checking its CRC; valid until {@link #close()}. */
    MemorySegment read(String name) throws CheckpointFormatException {
        Entry e = entries.get(name);
        if (e == null) throw new CheckpointFormatException(file, name, "missing from the archive");
        MemorySegment data = bytes.asSlice(e.dataOffset(), e.size());
        CRC32 crc = new CRC32();
        for (long at = 0; at < e.size(); at += Integer.MAX_VALUE) {
            crc.update(data.asSlice(at, Math.min(Integer.MAX_VALUE, e.size() - at)).asByteBuffer());
        }
        if ((int) crc.getValue() != e.crc()) {
            throw new CheckpointFormatException(file, name, "CRC-32 mismatch: the entry's bytes are corrupted");
        }
        return data;
    }

    @Override
    public void close() {
        mapped.close();
    }

    // ------------------------------------------------------------------ directory

    private void readDirectory() throws CheckpointFormatException {
        long size = bytes.byteSize();
        if (size < END_SIZE || bytes.get(U32, 0) != LOCAL_HEADER) {
            throw new CheckpointFormatException(file, "not a zip archive (PyTorch checkpoints must be in torch.save's zip format, PyTorch >= 1.6)");
        }
        long end = findEnd();
        if (u16(end + 4) != 0 || u16(end + 6) != 0) throw new CheckpointFormatException(file, "multi-disk zip archives are not supported");
        long count = u16(end + 10), dirSize = u32(end + 12), dirOffset = u32(end + 16);
        long dirLimit = end;
        long locator = end - LOCATOR_SIZE;
        if (locator >= 0 && bytes.get(U32, locator) == ZIP64_LOCATOR) {
            long zip64End = bytes.get(U64, locator + 8);
            if (zip64End < 0 || zip64End > locator - ZIP64_END_SIZE || bytes.get(U32, zip64End) != ZIP64_END) {
                throw new CheckpointFormatException(file, "zip64 end record is missing or out of range");
            }
            count = bytes.get(U64, zip64End + 32);
            dirSize = bytes.get(U64, zip64End + 40);
            dirOffset = bytes.get(U64, zip64End + 48);
            dirLimit = zip64End;
        }
        if (dirOffset < 0 || dirSize < 0 || dirOffset > dirLimit || dirSize > dirLimit - dirOffset
                || count < 0 || count > dirSize / CENTRAL_SIZE) {
            throw new CheckpointFormatException(file, "central directory (" + count + " entries, " + dirSize
                    + " bytes at " + dirOffset + ") does not fit the file");
        }
        long at = dirOffset, dirEnd = dirOffset + dirSize;
        for (long i = 0; i < count; i++) at = readCentralEntry(at, dirEnd, dirOffset);
        checkNoOverlap(dirOffset);
    }

    /** The end-of-central-directory record: the last 22 bytes, unless an archive comment follows it. */
    private long findEnd() throws CheckpointFormatException {
        long size = bytes.byteSize();
        for (long at = size - END_SIZE; at >= Math.max(0, size - END_SIZE - 0xFFFF); at--) {
            if (bytes.get(U32, at) == END && at + END_SIZE + u16(at + 20) == size) return at;
        }
        throw new CheckpointFormatException(file, "no end-of-central-directory record (truncated zip?)");
    }

    private long readCentralEntry(long at, long dirEnd, long dirOffset) throws CheckpointFormatException {
        if (at > dirEnd - CENTRAL_SIZE || bytes.get(U32, at) != CENTRAL_HEADER) {
            throw new CheckpointFormatException(file, "central directory record at " + at + " is corrupt");
        }
        int flags = u16(at + 8), method = u16(at + 10);
        int crc = bytes.get(U32, at + 16);
        long compressed = u32(at + 20), size = u32(at + 24), offset = u32(at + 42);
        int nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32);
        long next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
        if (next > dirEnd) throw new CheckpointFormatException(file, "central directory record at " + at + " runs past the directory");
        String name = utf8(bytes.asSlice(at + CENTRAL_SIZE, nameLength), "entry name at " + at);
        // zip64: each field saturated at 0xFFFFFFFF is stored, in this order, in extra field 0x0001.
        long[] values = {size, compressed, offset};
        long extra = at + CENTRAL_SIZE + nameLength, extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
            int id = u16(extra), length = u16(extra + 2);
            if (extra + 4 + length > extraEnd) throw new CheckpointFormatException(file, name, "extra field runs past its record");
            if (id == ZIP64_EXTRA_ID) {
                long field = extra + 4;
                for (int k = 0; k < values.length; k++) {
                    if (values[k] != MARKER_32) continue;
                    if (field + 8 > extra + 4 + length) throw new CheckpointFormatException(file, name, "zip64 extra field is too short");
                    values[k] = bytes.get(U64, field);
                    field += 8;
                }
            }
            extra += 4 + length;
        }
        size = values[0];
        compressed = values[1];
        offset = values[2];
        if ((flags & 1) != 0) throw new CheckpointFormatException(file, name, "encrypted entries are not supported");
        if (method != 0) {
            throw new CheckpointFormatException(file, name, "compressed with method " + method
                    + "; only stored entries (what torch.save writes) are supported");
        }
        if (compressed != size) throw new CheckpointFormatException(file, name, "stored entry has compressed size " + compressed + " != size " + size);
        long dataOffset = localDataOffset(name, offset, dirOffset);
        if (size < 0 || size > dirOffset - dataOffset) {
            throw new CheckpointFormatException(file, name, size + " bytes at offset " + dataOffset + " run past the entries' area");
        }
        if (entries.put(name, new Entry(name, offset, dataOffset, size, crc)) != null) {
            throw new CheckpointFormatException(file, name, "appears twice in the archive");
        }
        return next;
    }

    /** Follows the local header (which must repeat the name) to where the entry's bytes begin. */
    private long localDataOffset(String name, long offset, long dirOffset) throws CheckpointFormatException {
        if (offset < 0 || offset > dirOffset - LOCAL_SIZE || bytes.get(U32, offset) != LOCAL_HEADER) {
            throw new CheckpointFormatException(file, name, "no local header at offset " + offset);
        }
        int nameLength = u16(offset + 26), extraLength = u16(offset + 28);
        long dataOffset = offset + LOCAL_SIZE + nameLength + extraLength;
        if (dataOffset > dirOffset || !name.equals(utf8(bytes.asSlice(offset + LOCAL_SIZE, nameLength), "local name of " + name))) {
            throw new CheckpointFormatException(file, name, "local header does not match the central directory");
        }
        return dataOffset;
    }

    /** Entries sorted by position must not share bytes: each ends before the next header starts. */
    private void checkNoOverlap(long dirOffset) throws CheckpointFormatException {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::headerOffset));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Entry a = sorted.get(i), b = sorted.get(i + 1);
            if (a.dataOffset() + a.size() > b.headerOffset()) {
                throw new CheckpointFormatException(file, b.name(), "overlaps entry '" + a.name() + "'");
            }
        }
    }

    private String utf8(MemorySegment segment, String what) throws CheckpointFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(segment.asByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(file, what + " is not valid UTF-8");
        }
    }

    private int u16(long at) {
        return Short.toUnsignedInt(bytes.get(U16, at));
    }

    private long u32(long at) {
        return Integer.toUnsignedLong(bytes.get(U32, at));
    }
}
