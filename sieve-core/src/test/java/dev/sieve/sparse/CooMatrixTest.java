package dev.sieve.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CooMatrixTest {
    private static CooMatrix coo(int rows, int cols, int[] r, int[] c, float[] v) {
        return new CooMatrix(rows, cols, r, c, v);
    }

    @Test
    void namesTheOffendingEntry() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> coo(3, 4, new int[] {0, 1, 3}, new int[] {0, 1, 2}, new float[] {1, 2, 3}));
        assertEquals("entry 2: row index 3 out of range 0..2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> coo(3, 4, new int[] {0}, new int[] {-1}, new float[] {1}));
        assertEquals("entry 0: column index -1 out of range 0..3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> coo(0, 4, new int[] {0}, new int[] {0}, new float[] {1}));
        assertTrue(e.getMessage().contains("(dimension is 0)"), e.getMessage());
    }

    @Test
    void rejectsBadShapesAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> CooMatrix.empty(-1, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> coo(3, 3, new int[] {0, 1}, new int[] {0}, new float[] {1, 2}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }

    @Test
    void isImmutable() {
        int[] r = {0, 1};
        float[] v = {1, 2};
        CooMatrix m = coo(2, 2, r, new int[] {0, 1}, v);
        r[0] = 1;
        v[0] = 9;
        m.values()[1] = 9;
        m.rowIndices()[1] = 0;
        assertEquals(0, m.rowIndex(0));
        assertArrayEquals(new float[] {1, 2}, m.values());
        assertArrayEquals(new int[] {0, 1}, m.rowIndices());
    }

    @Test
    void densifiesSummingRepeatedPositions() {
        CooMatrix m = coo(2, 3, new int[] {1, 0, 1}, new int[] {2, 0, 2}, new float[] {1.5f, -1, 2});
        assertEquals(3, m.nnz());
        assertArrayEquals(new float[] {-1, 0, 0, 0, 0, 3.5f}, m.toDense().toArray());
        assertEquals(0.5, m.sparsity(), 1e-12);
    }

    @Test
    void fromDenseKeepsNonzerosInRowMajorOrder() {
        Tensor d = Tensor.of(new float[] {0, 2, -0f, Float.NaN, 0, 5}, 2, 3);
        CooMatrix m = CooMatrix.fromDense(d);
        assertArrayEquals(new int[] {0, 1, 1}, m.rowIndices());
        assertArrayEquals(new int[] {1, 0, 2}, m.colIndices());
        assertArrayEquals(new float[] {2, Float.NaN, 5}, m.values());
        assertTrue(m.isCoalesced());
        assertThrows(IllegalArgumentException.class, () -> CooMatrix.fromDense(Tensor.zeros(3)));
    }

    @Test
    void fromDenseOfAView() {
        Tensor big = Tensor.arange(12).reshape(3, 4);
        CooMatrix m = CooMatrix.fromDense(big.slice(0, 1, 3));
        assertEquals(2, m.rows());
        assertArrayEquals(big.slice(0, 1, 3).toArray(), m.toDense().toArray());
    }

    @Test
    void coalesceSortsAndSumsInOriginalOrder() {
        CooMatrix m = coo(3, 3, new int[] {2, 0, 2, 0, 1}, new int[] {1, 2, 1, 0, 1}, new float[] {1, 2, 3, 4, 0});
        assertFalse(m.isCoalesced());
        CooMatrix c = m.coalesce();
        assertArrayEquals(new int[] {0, 0, 1, 2}, c.rowIndices());
        assertArrayEquals(new int[] {0, 2, 1, 1}, c.colIndices());
        assertArrayEquals(new float[] {4, 2, 0, 4}, c.values());
        assertTrue(c.isCoalesced());
        assertEquals(c, c.coalesce());
    }

    @Test
    void coalesceAgreesWithDenseOnRandomInput() {
        SplittableRandom rnd = new SplittableRandom(7);
        int rows = 17, cols = 5, n = 200;
        int[] r = new int[n], c = new int[n];
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            r[k] = rnd.nextInt(rows);
            c[k] = rnd.nextInt(cols);
            v[k] = rnd.nextInt(-8, 9) * 0.5f; // exact in float32, so summation order cannot matter here
        }
        CooMatrix m = coo(rows, cols, r, c, v);
        CooMatrix s = m.coalesce();
        assertTrue(s.isCoalesced());
        assertArrayEquals(m.toDense().toArray(), s.toDense().toArray());
    }

    @Test
    void emptyMatrices() {
        CooMatrix e = CooMatrix.empty(0, 0);
        assertEquals(0.0, e.sparsity());
        assertEquals(0, e.toDense().size());
        assertEquals(0, e.coalesce().nnz());
        assertEquals(1.0, CooMatrix.empty(2, 3).sparsity());
        assertTrue(CooMatrix.empty(2, 3).isCoalesced());
    }

    @Test
    void tooLargeToDensifySaysSo() {
        CooMatrix m = coo(100_000, 100_000, new int[] {5}, new int[] {7}, new float[] {1});
        assertThrows(IllegalArgumentException.class, m::toDense);
    }
}
