package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BsrMatrixTest {
    private static final int[][] BLOCKS = {{1, 1}, {2, 2}, {4, 4}, {3, 5}, {1, 8}, {8, 1}, {40, 40}};

    @Test
    void losslessFromDenseAndCsrOnAwkwardShapes() {
        for (Tensor d : TestMatrices.awkwardMatrices(21)) {
            for (int[] b : BLOCKS) {
                BsrMatrix bsr = BsrMatrix.fromDense(d, b[0], b[1]);
                assertSameDense(d, bsr.toDense());
                assertEquals(bsr, BsrMatrix.fromCsr(CsrMatrix.fromDense(d), b[0], b[1]));
                assertConsistent(bsr);
                assertEquals(new Layout.Bsr(b[0], b[1]), bsr.layout());
            }
        }
    }

    @Test
    void keepsExactlyTheBlocksWithANonzero() {
        // 5 x 5 in 2 x 2 blocks: a 3 x 3 block grid whose last block row and column are half padding.
        Tensor d = Tensor.zeros(5, 5);
        d.set(1, 0, 3);
        d.set(2, 4, 4);
        d.set(3, 4, 0);
        BsrMatrix bsr = BsrMatrix.fromDense(d, 2, 2);
        assertEquals(3, bsr.blockRowCount());
        assertEquals(3, bsr.blockColCount());
        assertArrayEquals(new int[] {0, 1, 1, 3}, bsr.blockRowPtr());
        assertArrayEquals(new int[] {1, 0, 2}, bsr.blockColIdx());
        assertArrayEquals(new float[] {0, 1, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0}, bsr.data());
        // nnz counts stored positions inside the matrix: 4 + 2 (bottom block, one real row) + 1 (corner).
        assertEquals(7, bsr.nnz());
        assertEquals(3, bsr.blockCount());
    }

    @Test
    void explicitZerosOfCsrDoNotMakeBlocks() {
        CsrMatrix csr = new CsrMatrix(2, 4, new int[] {0, 1, 2}, new int[] {0, 3}, new float[] {0, 5});
        BsrMatrix bsr = BsrMatrix.fromCsr(csr, 2, 2);
        assertArrayEquals(new int[] {1}, bsr.blockColIdx());
    }

    @Test
    void validationNamesTheOffendingBlock() {
        assertRejected("padding position (1, 0) holds 7.0",
                () -> new BsrMatrix(3, 2, 2, 2, new int[] {0, 0, 1}, new int[] {0}, new float[] {1, 2, 7, 0}));
        assertRejected("block row 1: block column indices not increasing at entry 2 (0 after 1)",
                () -> new BsrMatrix(4, 4, 2, 2, new int[] {0, 1, 3}, new int[] {0, 1, 0}, new float[12]));
        assertRejected("block row 0, entry 0: block column index 2 out of range 0..1",
                () -> new BsrMatrix(4, 4, 2, 2, new int[] {0, 1, 1}, new int[] {2}, new float[4]));
        assertRejected("there are 1 block column indices but 3 values (expected 4 per index)",
                () -> new BsrMatrix(4, 4, 2, 2, new int[] {0, 1, 1}, new int[] {1}, new float[3]));
        assertRejected("block height R must be >= 1", () -> BsrMatrix.fromDense(Tensor.zeros(2, 2), 0, 1));
    }
}
