package io.jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of stored (uncompressed) entries the way PyTorch does: each entry's
 * bytes start on a 64-byte boundary (padded with an extra field named "FB", as torch pads), so
 * readers can map tensors in place.
 *
 * <p>Every entry and the directory use the zip64 form, whatever their size, so one code path
 * handles files beyond 4 GB and is exercised by every save. The CRC is computed while the body
 * streams out and patched into the local header afterwards.
 */
final class ZipWriter {
    private static final int VERSION_ZIP64 = 45;
    private static final int FLAG_UTF8 = 0x0800;
    /** 1980-01-01, the earliest DOS date; a fixed date keeps saves reproducible. */
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int ALIGNMENT = 64;
    private static final int PADDING_EXTRA_ID = 0x4246; // "FB", PyTorch's padding field

    /** Streams an entry's bytes. */
    @FunctionalInterface
    interface Body {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private record Written(byte[] name, long headerOffset, long size, int crc) {}

    private final FileChannel channel;
    private final List<Written> written = new ArrayList<>();

    ZipWriter(FileChannel channel) {
        this.channel = channel;
    }

    void add(String name, byte[] content) throws IOException {
        add(name, content.length, out -> writeFully(out, ByteBuffer.wrap(content)));
    }

    /** Adds an entry whose body writes exactly {@code size} bytes. */
    void add(String name, long size, Body body) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long headerOffset = channel.position();
        int zip64Extra = 4 + 16;
        int padding = padding(headerOffset + 30 + nameBytes.length + zip64Extra);
        ByteBuffer header = little(30 + nameBytes.length + zip64Extra + padding)
                .putInt(ZipArchive.LOCAL_HEADER).putShort((short) VERSION_ZIP64).putShort((short) FLAG_UTF8)
                .putShort((short) 0).putShort((short) 0).putShort((short) DOS_DATE)
                .putInt(0) // CRC, patched below
                .putInt((int) ZipArchive.MARKER_32).putInt((int) ZipArchive.MARKER_32)
                .putShort((short) nameBytes.length).putShort((short) (zip64Extra + padding))
                .put(nameBytes)
                .putShort((short) ZipArchive.ZIP64_EXTRA_ID).putShort((short) 16).putLong(size).putLong(size);
        if (padding > 0) {
            header.putShort((short) PADDING_EXTRA_ID).putShort((short) (padding - 4));
            while (header.hasRemaining()) header.put((byte) 'Z');
        }
        writeFully(channel, header.flip());

        CrcChannel out = new CrcChannel(channel);
        body.writeTo(out);
        if (out.count != size) {
            throw new IllegalStateException("zip entry " + name + ": body wrote " + out.count + " bytes, expected " + size);
        }
        int crc = (int) out.crc.getValue();
        channel.write(little(4).putInt(crc).flip(), headerOffset + 14);
        written.add(new Written(nameBytes, headerOffset, size, crc));
    }

    /** Writes the central directory and the end records; the archive is complete afterwards. */
    void finish() throws IOException {
        long dirOffset = channel.position();
        int dirSize = 0;
        for (Written w : written) dirSize += 46 + w.name().length + 28;
        ByteBuffer dir = little(dirSize + 56 + 20 + 22);
        for (Written w : written) {
            dir.putInt(ZipArchive.CENTRAL_HEADER).putShort((short) VERSION_ZIP64).putShort((short) VERSION_ZIP64)
                    .putShort((short) FLAG_UTF8).putShort((short) 0).putShort((short) 0).putShort((short) DOS_DATE)
                    .putInt(w.crc()).putInt((int) ZipArchive.MARKER_32).putInt((int) ZipArchive.MARKER_32)
                    .putShort((short) w.name().length).putShort((short) 28).putShort((short) 0) // comment
                    .putShort((short) 0).putShort((short) 0).putInt(0) // disk, internal and external attributes
                    .putInt((int) ZipArchive.MARKER_32)
                    .put(w.name())
                    .putShort((short) ZipArchive.ZIP64_EXTRA_ID).putShort((short) 24)
                    .putLong(w.size()).putLong(w.size()).putLong(w.headerOffset());
        }
        long zip64End = dirOffset + dirSize;
        int count = written.size();
        dir.putInt(ZipArchive.ZIP64_END).putLong(44).putShort((short) VERSION_ZIP64).putShort((short) VERSION_ZIP64)
                .putInt(0).putInt(0).putLong(count).putLong(count).putLong(dirSize).putLong(dirOffset);
        dir.putInt(ZipArchive.ZIP64_LOCATOR).putInt(0).putLong(zip64End).putInt(1);
        short shortCount = (short) Math.min(count, 0xFFFF);
        dir.putInt(ZipArchive.END).putShort((short) 0).putShort((short) 0).putShort(shortCount).putShort(shortCount)
                .putInt((int) ZipArchive.MARKER_32).putInt((int) ZipArchive.MARKER_32).putShort((short) 0);
        writeFully(channel, dir.flip());
    }

    /** Size of the "FB" padding field (0, or at least its 4-byte header) that moves {@code dataStart} to the alignment. */
    private static int padding(long dataStart) {
        int gap = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        return gap == 0 ? 0 : gap < 4 ? gap + ALIGNMENT : gap;
    }

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }

    /** Counts and checksums what passes through to the file. */
    private static final class CrcChannel implements WritableByteChannel {
        private final WritableByteChannel target;
        private final CRC32 crc = new CRC32();
        private long count;

        CrcChannel(WritableByteChannel target) {
            this.target = target;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer view = src.duplicate();
            int n = target.write(src);
            crc.update(view.limit(view.position() + n));
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return target.isOpen();
        }

        @Override
        public void close() {
            // The archive's channel stays open for the next entry.
        }
    }
}
