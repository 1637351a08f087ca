package dev.sieve.io;

import static dev.sieve.io.IdxTestFiles.concat;
import static dev.sieve.io.IdxTestFiles.gzip;
import static dev.sieve.io.IdxTestFiles.header;
import static dev.sieve.io.IoTestSupport.assertFormatError;
import static dev.sieve.io.IoTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReadTest {
    @TempDir Path dir;

    @Test
    void readsUbyteImagesPlainAndGzip() throws Exception {
        byte[] file = IdxTestFiles.ubyte(new int[] {0, 1, 2, 3, 254, 255}, 2, 1, 3);
        for (Path p : new Path[] {write(dir, "a-idx3-ubyte", file), write(dir, "a-idx3-ubyte.gz", gzip(file))}) {
            IdxArray a = Idx.read(p);
            assertEquals(IdxType.UBYTE, a.type());
            assertEquals(DType.UINT8, a.dtype());
            assertArrayEquals(new int[] {2, 1, 3}, a.shape().dims());
            assertArrayEquals(new float[] {0, 1, 2, 3, 254, 255}, a.toTensor().toArray());
            IntTensor it = a.toIntTensor();
            assertEquals(DType.UINT8, it.dtype());
            assertArrayEquals(new long[] {0, 1, 2, 3, 254, 255}, it.data());
            assertArrayEquals(new int[] {0, 1, 2, 3, 254, 255}, a.toIntArray());
        }
    }

    @Test
    void gzipIsDetectedByMagicNotByName() throws Exception {
        byte[] file = IdxTestFiles.ubyte(new int[] {7, 8}, 2);
        IdxArray a = Idx.read(write(dir, "labels-no-extension", gzip(file)));
        assertArrayEquals(new int[] {7, 8}, a.toIntArray());
    }

    @Test
    void gzipLargerThanTheFirstBufferGrowsToTheDeclaredSize() throws Exception {
        int n = 3 * (1 << 20) + 5; // past the 1 MiB first allocation, not a power of two
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) (i * 31);
        IdxArray a = Idx.read(write(dir, "big.gz", gzip(concat(header(0x09, n), data))));
        int[] v = a.toIntArray();
        assertEquals(n, v.length);
        assertEquals((byte) ((n - 1) * 31), v[n - 1]);
        assertEquals((byte) (1234567 * 31), v[1234567]);
    }

    @Test
    void scaledConversionMapsPixelsToUnitInterval() throws Exception {
        IdxArray a = Idx.read(write(dir, "x", IdxTestFiles.ubyte(new int[] {0, 51, 255}, 3)));
        Tensor t = a.toTensor(1f / 255);
        assertEquals(0f, t.get(0));
        assertEquals(0.2f, t.get(1), 1e-7);
        assertEquals(1f, t.get(2), 1e-7);
    }

    @Test
    void readsSignedIntegerTypes() throws Exception {
        byte[] bytes = concat(header(0x09, 3), new byte[] {-128, 0, 127});
        assertArrayEquals(new long[] {-128, 0, 127}, Idx.read(write(dir, "b", bytes)).toIntTensor().data());

        ByteBuffer s = ByteBuffer.allocate(6).putShort((short) -32768).putShort((short) 1).putShort((short) 32767);
        IdxArray shorts = Idx.read(write(dir, "s", concat(header(0x0B, 3), s.array())));
        assertEquals(IdxType.SHORT, shorts.type());
        assertArrayEquals(new long[] {-32768, 1, 32767}, shorts.toIntTensor().data());
        assertArrayEquals(new float[] {-32768, 1, 32767}, shorts.toTensor().toArray());

        ByteBuffer i = ByteBuffer.allocate(8).putInt(Integer.MIN_VALUE).putInt(123456);
        IdxArray ints = Idx.read(write(dir, "i", concat(header(0x0C, 1, 2), i.array())));
        assertEquals(DType.INT32, ints.toIntTensor().dtype());
        assertArrayEquals(new long[] {Integer.MIN_VALUE, 123456}, ints.toIntTensor().data());
    }

    @Test
    void readsFloatingTypes() throws Exception {
        ByteBuffer f = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-0.25f);
        assertArrayEquals(new float[] {1.5f, -0.25f}, Idx.read(write(dir, "f", concat(header(0x0D, 2), f.array()))).toTensor().toArray());
        ByteBuffer d = ByteBuffer.allocate(16).putDouble(0.1).putDouble(-3);
        IdxArray doubles = Idx.read(write(dir, "d", concat(header(0x0E, 2), d.array())));
        assertEquals(DType.FLOAT64, doubles.dtype());
        assertArrayEquals(new float[] {0.1f, -3f}, doubles.toTensor().toArray());
    }

    @Test
    void emptyDimensionReadsAsEmptyArray() throws Exception {
        IdxArray a = Idx.read(write(dir, "e", header(0x08, 0, 28, 28)));
        assertArrayEquals(new int[] {0, 28, 28}, a.shape().dims());
        assertEquals(0, a.toTensor().size());
    }

    @Test
    void floatDataIsNotSilentlyTruncatedToIntegers() throws Exception {
        Path p = write(dir, "float-fixture", concat(header(0x0D, 1), ByteBuffer.allocate(4).putFloat(0.5f).array()));
        assertFormatError(p, "cannot read IDX float data as an integer tensor", () -> Idx.read(p).toIntTensor());
    }

    @Test
    void intThatFloat32CannotHoldIsReported() throws Exception {
        Path p = write(dir, "big-fixture", concat(header(0x0C, 1), ByteBuffer.allocate(4).putInt((1 << 24) + 1).array()));
        assertFormatError(p, "cannot convert int value 16777217 (element 0) to float32 exactly", () -> Idx.read(p).toTensor());
    }
}
