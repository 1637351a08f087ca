package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fileCount;
import static dev.sieve.io.IoTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NpyWriteTest {
    @TempDir
    Path dir;

    static List<int[]> shapes() {
        return List.of(new int[] {}, new int[] {0}, new int[] {7}, new int[] {3, 4}, new int[] {2, 3, 4}, new int[] {0, 3},
                new int[] {1, 1, 1, 1, 5});
    }

    @ParameterizedTest(name = "shape {0}")
    @MethodSource("shapes")
    void float32RoundTripsBitForBit(int[] dims) throws IOException {
        Tensor t = Tensor.randn(dims.length, dims);
        if (t.size() > 2) {
            t.data()[0] = Float.NaN;
            t.data()[1] = Float.NEGATIVE_INFINITY;
            t.data()[2] = -0f;
        }
        Path p = dir.resolve("t.npy");
        Npy.write(p, t);
        NpyArray a = Npy.read(p);
        assertEquals(DType.FLOAT32, a.dtype());
        assertEquals(t.shape(), a.shape());
        assertFalse(a.fortranOrder());
        float[] back = a.toTensor().toArray();
        for (int i = 0; i < back.length; i++) {
            assertEquals(Float.floatToRawIntBits(t.data()[i]), Float.floatToRawIntBits(back[i]), "element " + i);
        }
        assertEquals(0, a.header().dataOffset() % 64, "data starts on a 64-byte boundary, as NumPy lays it out");
    }

    static List<Arguments> numpyWrittenTwins() {
        return List.of(Arguments.of("f4-le-c.npy", DType.FLOAT32), Arguments.of("i4-le-c.npy", DType.INT32),
                Arguments.of("i8-le-c.npy", DType.INT64), Arguments.of("u1-c.npy", DType.UINT8),
                Arguments.of("b1-c.npy", DType.BOOL));
    }

    /** The strongest compatibility check available without Python: the exact bytes NumPy wrote. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyWrittenTwins")
    void writesTheSameBytesAsNumpy(String fixture, DType dtype) throws IOException {
        Path p = dir.resolve(fixture);
        if (dtype == DType.FLOAT32) {
            float[] v = new float[24];
            for (int k = 0; k < 24; k++) v[k] = NpyFixturesTest.expectedFloat(dtype, k);
            Npy.write(p, Tensor.of(v, 2, 3, 4));
        } else {
            long[] v = new long[24];
            for (int k = 0; k < 24; k++) v[k] = NpyFixturesTest.expected(dtype, k);
            Npy.write(p, IntTensor.of(v, 2, 3, 4), dtype);
        }
        assertArrayEquals(Files.readAllBytes(fixture("npy/" + fixture)), Files.readAllBytes(p));
    }

    @Test
    void scalarAndEmptyHeadersMatchNumpy() throws IOException {
        Path p = dir.resolve("s.npy");
        Npy.write(p, IntTensor.of(new long[] {-7}));
        assertArrayEquals(Files.readAllBytes(fixture("npy/i8-scalar.npy")), Files.readAllBytes(p));
        Npy.write(p, Tensor.zeros(0, 3));
        assertArrayEquals(Files.readAllBytes(fixture("npy/f4-empty-0x3.npy")), Files.readAllBytes(p));
        Npy.write(p, Tensor.of(new float[] {-3f, -2.75f, -2.5f, -2.25f, -2f}, 5));
        assertArrayEquals(Files.readAllBytes(fixture("npy/f4-1d.npy")), Files.readAllBytes(p));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT32", "INT64", "UINT8", "BOOL"})
    void integersRoundTripInEveryWritableDtype(DType dtype) throws IOException {
        long[] v = switch (dtype) {
            case INT32 -> new long[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 42};
            case INT64 -> new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 40};
            case UINT8 -> new long[] {0, 1, 127, 128, 255, 42};
            default -> new long[] {0, 1, 1, 0, 0, 1};
        };
        IntTensor t = IntTensor.of(DType.INT64, v, 2, 3);
        Path p = dir.resolve("i.npy");
        Npy.write(p, t, dtype);
        NpyArray a = Npy.read(p);
        assertEquals(dtype, a.dtype());
        IntTensor back = a.toIntTensor();
        assertEquals(dtype, back.dtype());
        assertEquals(Shape.of(2, 3), back.shape());
        assertArrayEquals(v, back.data());
    }

    @Test
    void intTensorIsWrittenInItsOwnDtypeByDefault() throws IOException {
        Path p = dir.resolve("u.npy");
        Npy.write(p, IntTensor.of(DType.UINT8, new long[] {1, 2, 3}, 3));
        assertEquals("|u1", Npy.readHeader(p).descr());
    }

    @Test
    void valueThatDoesNotFitWritesNothing() {
        Path p = dir.resolve("bad.npy");
        var e = assertThrows(IllegalArgumentException.class, () -> Npy.write(p, IntTensor.of(new long[] {1, 300}, 2), DType.UINT8));
        assertTrue(e.getMessage().contains("value 300 at index 1 does not fit uint8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(p, IntTensor.of(new long[] {1}, 1), DType.FLOAT32));
        assertFalse(Files.exists(p));
    }

    @Test
    void writesAViewOfALargerTensor() throws IOException {
        Tensor big = Tensor.arange(12).reshape(3, 4);
        Tensor view = big.slice(0, 1, 3);
        Path p = dir.resolve("v.npy");
        Npy.write(p, view);
        assertArrayEquals(view.toArray(), Npy.read(p).toTensor().toArray());
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("x.npy");
        Files.writeString(p, "old content");
        Npy.write(p, Tensor.arange(3));
        assertArrayEquals(new float[] {0, 1, 2}, Npy.read(p).toTensor().toArray());
        assertEquals(1, fileCount(dir));
    }

    @Test
    void largeArraysSpanManyChunks() throws IOException {
        Tensor t = Tensor.uniform(3, -1, 1, 300, 1000); // 1.2 MB: many 64 kB chunks, a partial last one
        Path p = dir.resolve("big.npy");
        Npy.write(p, t);
        assertArrayEquals(t.toArray(), Npy.read(p).toTensor().toArray());
        long[] v = new long[100_003];
        for (int i = 0; i < v.length; i++) v[i] = i * 31L - 7;
        Npy.write(p, IntTensor.of(v, v.length), DType.INT64);
        assertArrayEquals(v, Npy.read(p).toIntTensor().data());
    }
}
