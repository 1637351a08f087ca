package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Reads the files NumPy wrote (src/test/resources/io/generate_fixtures.py). */
class NpyFixturesTest {

    /** Element k (row-major) of each fixture kind; mirrors values() in generate_fixtures.py. */
    static long expected(DType dtype, int k) {
        return switch (dtype) {
            case INT32, INT64 -> k * 7L - 40;
            case UINT8 -> (k * 11L) % 256;
            case BOOL -> k % 3 == 0 ? 1 : 0;
            case FLOAT32, FLOAT64 -> throw new IllegalArgumentException();
        };
    }

    static float expectedFloat(DType dtype, int k) {
        return dtype.isFloatingPoint() ? k * 0.25f - 3f : expected(dtype, k);
    }

    static List<Arguments> everyDtypeAndOrder() {
        List<Arguments> cases = new ArrayList<>();
        for (DType t : DType.values()) {
            List<String> orders = t.byteSize() > 1 ? List.of("le-", "be-") : List.of("");
            for (String endian : orders) {
                for (String layout : List.of("c", "f")) {
                    String name = t.numpyType() + "-" + endian + layout + ".npy";
                    ByteOrder order = endian.equals("be-") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                    cases.add(Arguments.of(name, t, order, layout.equals("f")));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDtypeAndOrder")
    void readsEveryDtypeByteOrderAndMemoryOrder(String name, DType dtype, ByteOrder order, boolean fortran) throws IOException {
        NpyArray a = Npy.read(fixture("npy/" + name));
        assertEquals(dtype, a.dtype());
        assertEquals(order, a.header().byteOrder());
        assertEquals(fortran, a.fortranOrder());
        assertEquals(Shape.of(2, 3, 4), a.shape());

        Tensor t = a.toTensor();
        assertEquals(Shape.of(2, 3, 4), t.shape());
        for (int k = 0; k < 24; k++) assertEquals(expectedFloat(dtype, k), t.data()[t.offset() + k], name + " element " + k);
        // Spot-check the multi-index too, so a transposition bug cannot hide behind a symmetric formula.
        assertEquals(expectedFloat(dtype, 1 * 12 + 2 * 4 + 3), t.get(1, 2, 3));

        if (dtype.isIntegral()) {
            IntTensor it = a.toIntTensor();
            assertEquals(dtype, it.dtype());
            for (int k = 0; k < 24; k++) assertEquals(expected(dtype, k), it.getFlat(k), name + " element " + k);
        } else {
            Path p = fixture("npy/" + name);
            IoTestSupport.assertFormatError(p, "data as an integer tensor", a::toIntTensor);
        }
    }

    @Test
    void headerOnlyReadGivesTheSameFacts() throws IOException {
        NpyHeader h = Npy.readHeader(fixture("npy/f8-be-f.npy"));
        assertEquals(DType.FLOAT64, h.dtype());
        assertEquals(">f8", h.descr());
        assertTrue(h.fortranOrder());
        assertEquals(Shape.of(2, 3, 4), h.shape());
        assertEquals(128, h.dataOffset());
        assertEquals(192, h.dataBytes());
        assertEquals(1, h.majorVersion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void readsFormatVersions2And3(String name, int major) throws IOException {
        NpyArray a = Npy.read(fixture("npy/" + name));
        assertEquals(major, a.header().majorVersion());
        Tensor t = a.toTensor();
        assertEquals(Shape.of(3, 4), t.shape());
        for (int k = 0; k < 12; k++) assertEquals(k * 0.25f - 3f, t.toArray()[k]);
    }

    static List<Arguments> versions() {
        return List.of(Arguments.of("f4-v2.npy", 2), Arguments.of("f4-v3.npy", 3));
    }

    @Test
    void scalars() throws IOException {
        Tensor f = Npy.read(fixture("npy/f8-scalar.npy")).toTensor();
        assertEquals(0, f.rank());
        assertEquals(2.5f, f.item());
        IntTensor i = Npy.read(fixture("npy/i8-scalar.npy")).toIntTensor();
        assertEquals(0, i.rank());
        assertEquals(-7, i.get());
    }

    @Test
    void emptyArrays() throws IOException {
        assertEquals(Shape.of(0, 3), Npy.read(fixture("npy/f4-empty-0x3.npy")).toTensor().shape());
        assertEquals(Shape.of(0), Npy.read(fixture("npy/f4-empty-1d.npy")).toTensor().shape());
        IntTensor e = Npy.read(fixture("npy/i4-be-empty-3x0.npy")).toIntTensor();
        assertEquals(Shape.of(3, 0), e.shape());
        assertEquals(DType.INT32, e.dtype());
    }

    @Test
    void oneDimensional() throws IOException {
        assertArrayEquals(new float[] {-3f, -2.75f, -2.5f, -2.25f, -2f}, Npy.read(fixture("npy/f4-1d.npy")).toTensor().toArray());
    }

    @Test
    void specialFloatValuesSurviveBitForBit() throws IOException {
        float[] v = Npy.read(fixture("npy/f4-special.npy")).toTensor().toArray();
        assertTrue(Float.isNaN(v[0]));
        assertEquals(Float.POSITIVE_INFINITY, v[1]);
        assertEquals(Float.NEGATIVE_INFINITY, v[2]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(v[3]));
        assertEquals(Float.MIN_VALUE, v[4]);
        assertEquals(Float.MAX_VALUE, v[5]);
    }

    @Test
    void int64ValuesFloat32CannotHoldAreAnErrorNotARounding() throws IOException {
        Path p = fixture("npy/i8-big.npy");
        NpyArray a = Npy.read(p);
        IoTestSupport.assertFormatError(p, "cannot convert int64 value 16777217 (element 1) to float32 exactly", a::toTensor);
        assertArrayEquals(new long[] {0, (1 << 24) + 1, 1L << 40}, a.toIntTensor().data());
    }

    @Test
    void eachConversionIsAFreshTensor() throws IOException {
        NpyArray a = Npy.read(fixture("npy/f4-le-c.npy"));
        Tensor first = a.toTensor();
        first.data()[0] = 100;
        assertEquals(-3f, a.toTensor().data()[0]);
        assertThrows(FormatException.class, a::toIntTensor);
    }
}
