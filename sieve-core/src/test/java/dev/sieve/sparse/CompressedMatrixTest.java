package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CompressedMatrixTest {
    @Test
    void denseCooCsrCscRoundTripsOnAwkwardShapes() {
        for (Tensor d : TestMatrices.awkwardMatrices(11)) {
            CooMatrix coo = CooMatrix.fromDense(d);
            CsrMatrix csr = coo.toCsr();
            CscMatrix csc = coo.toCsc();
            assertSameDense(d, csr.toDense());
            assertSameDense(d, csc.toDense());
            assertEquals(coo, csr.toCoo());
            assertEquals(coo, csc.toCoo());
            assertEquals(csr, csc.toCsr());
            assertEquals(csc, csr.toCsc());
            assertEquals(csr, CsrMatrix.fromDense(d));
            assertEquals(csc, CscMatrix.fromDense(d));
            assertSameDense(d.t(), csr.transpose().toDense());
            assertConsistent(csr);
            assertConsistent(csc);
            assertConsistent(coo);
        }
    }

    @Test
    void csrArraysAreTheTextbookOnes() {
        Tensor d = Tensor.of(new float[] {0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 4, 5}, 3, 4);
        CsrMatrix csr = CsrMatrix.fromDense(d);
        assertArrayEquals(new int[] {0, 2, 2, 5}, csr.rowPtr());
        assertArrayEquals(new int[] {1, 3, 0, 2, 3}, csr.colIdx());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, csr.data());
        assertEquals(0, csr.rowLength(1));
        CscMatrix csc = CscMatrix.fromDense(d);
        assertArrayEquals(new int[] {0, 1, 2, 3, 5}, csc.colPtr());
        assertArrayEquals(new int[] {2, 0, 2, 0, 2}, csc.rowIdx());
        assertArrayEquals(new float[] {3, 1, 4, 2, 5}, csc.data());
    }

    @Test
    void fromCooSumsRepeatedPositionsAndKeepsExplicitZeros() {
        CooMatrix coo = new CooMatrix(2, 3, new int[] {1, 0, 1, 0}, new int[] {2, 1, 2, 0}, new float[] {1, 0, 2, 5});
        CsrMatrix csr = CsrMatrix.fromCoo(coo);
        assertArrayEquals(new int[] {0, 2, 3}, csr.rowPtr());
        assertArrayEquals(new int[] {0, 1, 2}, csr.colIdx());
        assertArrayEquals(new float[] {5, 0, 3}, csr.data());
        assertEquals(3, csr.nnz());
        assertEquals(3, CscMatrix.fromCoo(coo).nnz());
    }

    @Test
    void constructorCopiesItsArrays() {
        int[] ptr = {0, 1};
        float[] v = {7};
        CsrMatrix m = new CsrMatrix(1, 2, ptr, new int[] {1}, v);
        v[0] = 9;
        ptr[1] = 0;
        assertEquals(7f, m.data()[0]);
        assertEquals(1, m.rowPtr()[1]);
    }

    @Test
    void csrValidationNamesTheOffendingPosition() {
        assertRejected("row 1: column indices not increasing at entry 3 (1 after 2)",
                () -> new CsrMatrix(2, 4, new int[] {0, 1, 4}, new int[] {0, 0, 2, 1}, new float[4]));
        assertRejected("row 1: column indices not increasing at entry 2 (1 after 1)",
                () -> new CsrMatrix(2, 4, new int[] {0, 1, 3}, new int[] {0, 1, 1}, new float[3]));
        assertRejected("row 0, entry 1: column index 4 out of range 0..3",
                () -> new CsrMatrix(2, 4, new int[] {0, 2, 2}, new int[] {0, 4}, new float[2]));
        assertRejected("rowPtr has 2 entries, expected rows + 1 = 3",
                () -> new CsrMatrix(2, 4, new int[] {0, 0}, new int[0], new float[0]));
        assertRejected("rowPtr[0] must be 0, got 1", () -> new CsrMatrix(1, 4, new int[] {1, 1}, new int[0], new float[0]));
        assertRejected("rowPtr[2] = 1 is less than rowPtr[1] = 2 (row 1 would have negative length)",
                () -> new CsrMatrix(2, 4, new int[] {0, 2, 1}, new int[] {0, 1}, new float[2]));
        assertRejected("rowPtr[2] = 2 but there are 3 column indices",
                () -> new CsrMatrix(2, 4, new int[] {0, 1, 2}, new int[] {0, 1, 2}, new float[3]));
        assertRejected("there are 2 column indices but 3 values",
                () -> new CsrMatrix(2, 4, new int[] {0, 1, 2}, new int[] {0, 1}, new float[3]));
        assertRejected("negative dimension", () -> new CsrMatrix(-1, 4, new int[] {0}, new int[0], new float[0]));
        assertRejected("column index 0 out of range (dimension is 0)",
                () -> new CsrMatrix(1, 0, new int[] {0, 1}, new int[] {0}, new float[1]));
    }

    @Test
    void cscValidationNamesTheOffendingPosition() {
        assertRejected("column 2: row indices not increasing at entry 2 (0 after 3)",
                () -> new CscMatrix(4, 3, new int[] {0, 0, 1, 3}, new int[] {1, 3, 0}, new float[3]));
        assertRejected("column 0, entry 0: row index 4 out of range 0..3",
                () -> new CscMatrix(4, 1, new int[] {0, 1}, new int[] {4}, new float[1]));
        assertRejected("colPtr has 3 entries, expected columns + 1 = 2",
                () -> new CscMatrix(4, 1, new int[] {0, 0, 0}, new int[0], new float[0]));
    }

    @Test
    void emptyMatrices() {
        assertEquals(0, CsrMatrix.empty(0, 0).nnz());
        assertEquals(1.0, CsrMatrix.empty(3, 2).sparsity());
        assertEquals(CsrMatrix.empty(3, 2), CsrMatrix.fromDense(Tensor.zeros(3, 2)));
        assertEquals(CscMatrix.empty(3, 2), CscMatrix.fromDense(Tensor.zeros(3, 2)));
        assertEquals(0.0, CscMatrix.empty(0, 7).sparsity());
        assertNotEquals(CsrMatrix.empty(3, 2), CsrMatrix.empty(2, 3));
    }

    @Test
    void layoutsAndStorage() {
        CsrMatrix csr = CsrMatrix.fromDense(TestMatrices.random(3, 10, 10, 0.5));
        assertEquals(Layout.CSR, csr.layout());
        assertEquals(Layout.CSC, csr.toCsc().layout());
        assertEquals(Layout.COO, csr.toCoo().layout());
        assertEquals(4L * 11 + 8L * csr.nnz(), csr.storageBytes());
    }
}
