package dev.sieve.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.FormatException;
import dev.sieve.io.data.FashionMnist.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic Fashion-MNIST directories; needs no installed dataset. */
class FashionMnistTest {
    @TempDir Path dir;

    static byte[] idx(int type, byte[] data, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private void writeSplit(String prefix, int n, int labelCount, boolean gz) throws IOException {
        byte[] pixels = new byte[n * 784];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i % 256);
        byte[] labels = new byte[labelCount];
        for (int i = 0; i < labelCount; i++) labels[i] = (byte) (i % 10);
        byte[] img = idx(0x08, pixels, n, 28, 28), lab = idx(0x08, labels, labelCount);
        String ext = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gz ? gzip(img) : img);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gz ? gzip(lab) : lab);
    }

    @Test
    void loadsGzipSplitScaledToUnitInterval() throws Exception {
        writeSplit("train", 3, 3, true);
        FashionMnist.Data d = FashionMnist.load(dir, Split.TRAIN);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {3, 28, 28}, d.images().dims());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
        assertEquals(0f, d.images().get(0, 0, 0));
        assertEquals(1f, d.images().get(0, 9, 3)); // flat index 255 holds pixel 255
        assertEquals(1f / 255, d.images().get(0, 9, 5), 1e-7); // flat index 257 holds pixel 1
    }

    @Test
    void loadsPlainFilesToo() throws Exception {
        writeSplit("t10k", 2, 2, false);
        FashionMnist.Data d = FashionMnist.load(dir, Split.TEST);
        assertEquals(2, d.size());
        assertEquals(10f / 255, d.images().get(0, 0, 10), 1e-7);
    }

    @Test
    void missingFilesNameThePathsAndThePackage() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FashionMnist.load(dir, Split.TRAIN));
        String m = e.getMessage();
        assertTrue(m.contains(dir.toString()) && m.contains("train-images-idx3-ubyte") && m.contains("dataset-fashion-mnist"), m);
        assertTrue(!m.contains("\n"), m);
    }

    @Test
    void countMismatchIsReported() throws Exception {
        writeSplit("train", 3, 2, true);
        FormatException e = assertThrows(FormatException.class, () -> FashionMnist.load(dir, Split.TRAIN));
        assertEquals("2 labels for 3 images", e.getMessage());
        assertTrue(e.path().orElseThrow().getFileName().toString().startsWith("train-labels"));
    }

    @Test
    void labelOutOfRangeIsReported() throws Exception {
        writeSplit("train", 1, 1, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(0x08, new byte[] {10}, 1));
        FormatException e = assertThrows(FormatException.class, () -> FashionMnist.load(dir, Split.TRAIN));
        assertEquals("label 10 at index 0 is outside 0..9", e.getMessage());
    }

    @Test
    void wrongImageShapeIsReported() throws Exception {
        writeSplit("train", 1, 1, false);
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(0x08, new byte[4], 1, 2, 2));
        FormatException e = assertThrows(FormatException.class, () -> FashionMnist.load(dir, Split.TRAIN));
        assertTrue(e.getMessage().startsWith("expected ubyte images [n, 28, 28]"), e.getMessage());
    }
}
