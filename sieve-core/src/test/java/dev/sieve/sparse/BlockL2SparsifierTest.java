package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockL2SparsifierTest {
    @Test
    void keepsTheBlocksWithTheLargestL2() {
        Tensor w = TestMatrices.gaussian(1, 30, 22);
        BsrMatrix x = new BlockL2Sparsifier(4, 3, 0.7).sparsify(w);
        double[] norms = BlockL2Sparsifier.blockNorms(Scores.magnitude(w), 4, 3);
        assertEquals(8 * 8, norms.length);
        assertEquals(Math.round(0.3 * 64), x.blockCount());
        boolean[] kept = new boolean[norms.length];
        for (int bi = 0; bi < x.blockRowCount(); bi++) {
            for (int b = x.blockRowPtr()[bi]; b < x.blockRowPtr()[bi + 1]; b++) kept[bi * 8 + x.blockColIdx()[b]] = true;
        }
        double min = Double.MAX_VALUE, max = 0;
        for (int i = 0; i < norms.length; i++) {
            if (kept[i]) min = Math.min(min, norms[i]);
            else max = Math.max(max, norms[i]);
        }
        assertTrue(min >= max);
        // Kept blocks hold the weights exactly; the rest is zero.
        float[] dense = x.toDense().toArray(), all = w.toArray();
        for (int i = 0; i < dense.length; i++) {
            int block = i / 22 / 4 * 8 + i % 22 / 3;
            assertEquals(kept[block] ? all[i] : 0f, dense[i]);
        }
        assertConsistent(x);
    }

    @Test
    void aMatrixWithFewEnoughBlocksIsKeptLosslessly() {
        SplittableRandom rnd = new SplittableRandom(2);
        Tensor w = Tensor.zeros(18, 18); // 5 x 5 grid of 4 x 4 blocks, edges clipped
        for (int block : new int[] {0, 7, 12, 19, 24}) {
            for (int r = block / 5 * 4; r < Math.min(18, block / 5 * 4 + 4); r++) {
                for (int c = block % 5 * 4; c < Math.min(18, block % 5 * 4 + 4); c++) w.set(rnd.nextInt(1, 9), r, c);
            }
        }
        BsrMatrix x = new BlockL2Sparsifier(4, 4, 0.8).sparsify(w);
        assertEquals(5, x.blockCount());
        assertSameDense(w, x.toDense());
        assertEquals(BsrMatrix.fromDense(w, 4, 4), x);
    }

    @Test
    void awkwardShapesAndExtremes() {
        for (Tensor w : TestMatrices.awkwardMatrices(71)) {
            for (int[] b : new int[][] {{1, 1}, {2, 3}, {4, 4}, {16, 1}}) {
                assertSameDense(w, new BlockL2Sparsifier(b[0], b[1], 0.0).sparsify(w).toDense());
                assertEquals(0, new BlockL2Sparsifier(b[0], b[1], 1.0).sparsify(w).nnz());
                assertConsistent(new BlockL2Sparsifier(b[0], b[1], 0.5).sparsify(w));
            }
        }
    }

    @Test
    void randomVariant() {
        Tensor w = TestMatrices.gaussian(3, 32, 32);
        Sparsifier<BsrMatrix> random = new BlockL2Sparsifier(4, 4, 0.75).randomized(5);
        BsrMatrix a = random.sparsify(w);
        assertEquals(a, random.sparsify(w));
        assertEquals(16, a.blockCount());
        assertNotEquals(a, new BlockL2Sparsifier(4, 4, 0.75).sparsify(w));
    }
}
