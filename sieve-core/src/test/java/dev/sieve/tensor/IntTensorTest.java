package dev.sieve.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntTensorTest {
    @Test
    void holdsValuesRowMajor() {
        IntTensor t = IntTensor.of(DType.INT32, new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Shape.of(2, 3), t.shape());
        assertEquals(DType.INT32, t.dtype());
        assertEquals(6, t.get(1, 2));
        assertEquals(2, t.get(0, 1));
        assertEquals(4, t.getFlat(3));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
    }

    @Test
    void isImmutable() {
        long[] values = {1, 2, 3};
        IntTensor t = IntTensor.of(values, 3);
        values[0] = 99;
        t.data()[1] = 99;
        assertArrayEquals(new long[] {1, 2, 3}, t.data());
    }

    @Test
    void rejectsValuesOutsideTheDtype() {
        var e = assertThrows(IllegalArgumentException.class, () -> IntTensor.of(DType.UINT8, new long[] {0, 256}, 2));
        assertTrue(e.getMessage().contains("value 256 at index 1 does not fit uint8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IntTensor.of(DType.BOOL, new long[] {2}, 1));
        assertThrows(IllegalArgumentException.class, () -> IntTensor.of(DType.INT32, new long[] {1L << 40}, 1));
    }

    @Test
    void rejectsFloatDtypesAndWrongCounts() {
        assertThrows(IllegalArgumentException.class, () -> IntTensor.of(DType.FLOAT32, new long[] {1}, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> IntTensor.of(new long[] {1, 2}, 3));
        assertTrue(e.getMessage().contains("needs 3 values, got 2"), e.getMessage());
    }

    @Test
    void scalarAndEmpty() {
        IntTensor s = IntTensor.of(new long[] {-7});
        assertEquals(0, s.rank());
        assertEquals(-7, s.get());
        IntTensor empty = IntTensor.of(DType.INT32, new long[0], 0, 4);
        assertEquals(0, empty.size());
        assertEquals(Shape.of(0, 4), empty.toFloatTensor().shape());
    }

    @Test
    void convertsToFloat() {
        Tensor f = IntTensor.of(new long[] {-1, 0, 1 << 24, (1 << 24) + 1}, 2, 2).toFloatTensor();
        assertArrayEquals(new float[] {-1, 0, 16777216f, 16777216f}, f.toArray());
        assertEquals(Shape.of(2, 2), f.shape());
    }

    @Test
    void equalityIncludesDtype() {
        assertEquals(IntTensor.of(DType.INT32, new long[] {1}, 1), IntTensor.of(DType.INT32, new long[] {1}, 1));
        assertNotEquals(IntTensor.of(DType.INT32, new long[] {1}, 1), IntTensor.of(DType.INT64, new long[] {1}, 1));
    }
}
