package io.jgrad.data.readers;

import static io.jgrad.data.readers.IdxFiles.gzip;
import static io.jgrad.data.readers.IdxFiles.idx;
import static io.jgrad.data.readers.IdxFiles.ramp;
import static io.jgrad.data.readers.IdxFiles.raw;
import static io.jgrad.data.readers.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final int[] IMAGE_DIMS = {2, 3, 4};
    /** 0, 1, ..., 22, 255: covers both ends of the pixel range. */
    private static final byte[] PIXELS = pixels();

    private static byte[] pixels() {
        byte[] p = ramp(24);
        p[23] = (byte) 255;
        return p;
    }

    @Test
    void readsPlainImagesAsScaledFloats() throws IOException {
        IdxArray file = IdxReader.read(write(dir, "images", idx(IMAGE_DIMS, PIXELS)));
        assertThat(file.dims()).containsExactly(2, 3, 4);
        assertThat(file.magic()).isEqualTo(0x803);
        Tensor images = file.images();
        assertThat(images.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(images.shape()).containsExactly(2, 1, 3, 4);
        float[] v = images.toFloatArray();
        for (int i = 0; i < v.length; i++) assertThat(v[i]).isEqualTo((PIXELS[i] & 0xFF) / 255f);
        assertThat(v[23]).isEqualTo(1f);
    }

    @Test
    void readsLabelsAsInt64() throws IOException {
        byte[] labels = {9, 0, 3, (byte) 200};
        Tensor t = IdxReader.read(write(dir, "labels", idx(new int[] {4}, labels))).labels();
        assertThat(t.dtype()).isEqualTo(DType.INT64);
        assertThat(t.toLongArray()).containsExactly(9, 0, 3, 200);
    }

    @Test
    void gzipIsDetectedByItsMagicBytesNotByName() throws IOException {
        byte[] content = idx(IMAGE_DIMS, PIXELS);
        Tensor plain = IdxReader.read(write(dir, "plain", content)).images();
        Tensor gzNamed = IdxReader.read(write(dir, "images.gz", gzip(content))).images();
        Tensor gzUnnamed = IdxReader.read(write(dir, "images-idx3-ubyte", gzip(content))).images();
        Tensor plainNamedGz = IdxReader.read(write(dir, "plain.gz", content)).images();
        assertThat(gzNamed.equal(plain)).isTrue();
        assertThat(gzUnnamed.equal(plain)).isTrue();
        assertThat(plainNamedGz.equal(plain)).isTrue();
        Tensor fromStream = IdxReader.read(new ByteArrayInputStream(gzip(content)), "stream").images();
        assertThat(fromStream.equal(plain)).isTrue();
    }

    @Test
    void emptyFileIsATruncatedHeader() throws IOException {
        Path f = write(dir, "empty", new byte[0]);
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining("truncated header").hasMessageContaining("magic number");
    }

    @Test
    void badMagicNumber() throws IOException {
        Path f = write(dir, "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessage(f + ": bad magic number 0x89504E47: not an IDX file (an IDX file starts with two zero bytes)");
    }

    @Test
    void unsupportedElementType() throws IOException {
        Path f = write(dir, "floats", raw(0x0D01, new int[] {1}, new byte[4]));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("element type 0x0D (float32) is not supported");
    }

    @Test
    void zeroDims() throws IOException {
        Path f = write(dir, "zero", raw(0x0800, new int[0], new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("declares 0 dims");
    }

    @Test
    void truncatedDims() throws IOException {
        Path f = write(dir, "dims", Arrays.copyOf(raw(0x0803, new int[] {1, 2, 3}, new byte[0]), 10));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("truncated header").hasMessageContaining("3 dim sizes (6 of 12 bytes)");
    }

    @Test
    void negativeDim() throws IOException {
        Path f = write(dir, "negative", raw(0x0801, new int[] {-5}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("dim 0 has the impossible size 4294967291");
    }

    @Test
    void absurdDimsFailBeforeAllocating() throws IOException {
        Path f = write(dir, "huge", raw(0x0803, new int[] {60000, 60000, 60000}, new byte[16]));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("dims [60000, 60000, 60000] hold more than");
    }

    @Test
    void largeButTruncatedDataFailsWithoutAllocatingThePromisedSize() throws IOException {
        // Promises 2 GB; the reader must not allocate that before seeing the data.
        Path f = write(dir, "promises", gzip(raw(0x0803, new int[] {2000, 1000, 1000}, ramp(100))));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessage(f + ": truncated: dims [2000, 1000, 1000] promise 2000000000 bytes of data, but only 100 follow the header");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] content = idx(IMAGE_DIMS, PIXELS);
        Path f = write(dir, "cut", Arrays.copyOf(content, content.length - 5));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessage(f + ": truncated: dims [2, 3, 4] promise 24 bytes of data, but only 19 follow the header");
    }

    @Test
    void trailingData() throws IOException {
        Path f = write(dir, "long", idx(new int[] {3}, ramp(4)));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("more data than dims [3] promise (3 bytes)");
    }

    @Test
    void truncatedGzip() throws IOException {
        byte[] gz = gzip(idx(new int[] {1000}, ramp(1000)));
        Path f = write(dir, "cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith(f + ": truncated gzip data");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(new int[] {1000}, ramp(1000)));
        for (int i = 12; i < gz.length - 8; i++) gz[i] ^= 0x5A;
        Path f = write(dir, "corrupt.gz", gz);
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(MalformedDataException.class)
                .hasMessageStartingWith(f + ": corrupt gzip data");
    }

    @Test
    void wrongKindOfFile() throws IOException {
        Path labels = write(dir, "labels", idx(new int[] {3}, ramp(3)));
        assertThatThrownBy(() -> IdxReader.read(labels).images()).isInstanceOf(MalformedDataException.class)
                .hasMessage(labels + ": expected an image file (magic 0x00000803, 3 dims), found magic 0x00000801 with dims [3]");
        Path images = write(dir, "images", idx(IMAGE_DIMS, PIXELS));
        assertThatThrownBy(() -> IdxReader.read(images).labels()).hasMessageContaining("expected a label file (magic 0x00000801");
    }

    @Test
    void missingFileIsAnIOException() {
        Path f = dir.resolve("nothing-here");
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("nothing-here");
    }
}
