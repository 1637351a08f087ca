package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaskedMatrixTest {
    @Test
    void roundTripsOnAwkwardShapes() {
        for (Tensor d : TestMatrices.awkwardMatrices(31)) {
            MaskedMatrix m = MaskedMatrix.fromDense(d);
            assertSameDense(d, m.toDense());
            assertEquals(CooMatrix.fromDense(d), m.toCoo());
            assertConsistent(m);
        }
    }

    @Test
    void maskingZeroesOutsideAndKeepsMaskedZeros() {
        Tensor d = Tensor.of(new float[] {1, 2, 0, 4}, 2, 2);
        MaskedMatrix m = MaskedMatrix.masking(d, new boolean[] {true, false, true, false});
        assertSameDense(Tensor.of(new float[] {1, 0, 0, 0}, 2, 2), m.toDense());
        assertEquals(2, m.nnz());
        assertTrue(m.isKept(1, 0));
        assertFalse(m.isKept(0, 1));
        assertEquals(2, m.toCoo().nnz());
    }

    @Test
    void validationNamesThePosition() {
        assertRejected("position (1, 2) is outside the mask but holds 5.0",
                () -> new MaskedMatrix(2, 3, new float[] {0, 0, 0, 0, 0, 5}, new long[] {0b011111}));
        assertRejected("sets bits past the last position 5",
                () -> new MaskedMatrix(2, 3, new float[6], new long[] {1L << 6}));
        assertRejected("maskWords has 2 elements, expected 1",
                () -> new MaskedMatrix(2, 3, new float[6], new long[2]));
        assertRejected("outside the mask but holds NaN",
                () -> new MaskedMatrix(1, 1, new float[] {Float.NaN}, new long[] {0}));
    }

    @Test
    void wordBoundaries() {
        Tensor d = TestMatrices.random(5, 3, 43, 0.5); // 129 positions: three words, the last holds one bit
        MaskedMatrix m = MaskedMatrix.fromDense(d);
        assertEquals(3, m.maskWords().length);
        assertSameDense(d, m.toDense());
    }
}
