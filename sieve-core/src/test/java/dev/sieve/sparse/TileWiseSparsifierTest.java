package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.sparse.TileWiseSparsifier.ColumnRanking;
import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TileWiseSparsifierTest {
    private static final double[] SPARSITIES = {0.0, 0.3, 0.5, 0.75, 0.9, 0.99};

    @Test
    void stepSparsityComposesToTheTarget() {
        for (double s : SPARSITIES) {
            double step = TileWiseSparsifier.stepSparsity(s);
            assertEquals(1 - s, (1 - step) * (1 - step), 1e-12);
        }
        assertEquals(1.0, TileWiseSparsifier.stepSparsity(1.0), 1e-12);
    }

    @Test
    void achievedSparsityIsCloseToTheTarget() {
        Tensor w = TestMatrices.gaussian(1, 256, 256);
        for (ColumnRanking ranking : ColumnRanking.values()) {
            for (double s : SPARSITIES) {
                TileWiseMatrix x = new TileWiseSparsifier(32, s, ranking).sparsify(w);
                assertEquals(s, x.sparsity(), 0.01, ranking + " at " + s);
                assertConsistent(x);
            }
        }
    }

    @Test
    void keepsTheRowsAndSegmentsWithTheLargestL2() {
        Tensor w = TestMatrices.gaussian(2, 50, 40);
        TileWiseMatrix x = new TileWiseSparsifier(8, 0.6).sparsify(w);
        double step = TileWiseSparsifier.stepSparsity(0.6);
        assertEquals(Math.round((1 - step) * 50), x.keptRows().length);
        double[] rowNorms = TileWiseSparsifier.rowScores(Scores.magnitude(w));
        double minKept = Double.MAX_VALUE, maxDropped = 0;
        boolean[] kept = new boolean[50];
        for (int r : x.keptRows()) kept[r] = true;
        for (int r = 0; r < 50; r++) {
            if (kept[r]) minKept = Math.min(minKept, rowNorms[r]);
            else maxDropped = Math.max(maxDropped, rowNorms[r]);
        }
        assertTrue(minKept >= maxDropped);
        double[] segments = TileWiseSparsifier.segmentScores(Scores.magnitude(w), x.keptRows(), 8);
        for (int t = 0; t < x.tileCount(); t++) {
            assertEquals(Math.round((1 - step) * 40), x.tileColCount(t));
            boolean[] keptCol = new boolean[40];
            for (int q = x.tileColPtr()[t]; q < x.tileColPtr()[t + 1]; q++) keptCol[x.tileCols()[q]] = true;
            double min = Double.MAX_VALUE, max = 0;
            for (int j = 0; j < 40; j++) {
                if (keptCol[j]) min = Math.min(min, segments[t * 40 + j]);
                else max = Math.max(max, segments[t * 40 + j]);
            }
            assertTrue(min >= max, "tile " + t);
        }
        // Kept values are the weights.
        float[] dense = x.toDense().toArray(), all = w.toArray();
        for (int i = 0; i < dense.length; i++) assertTrue(dense[i] == 0 || dense[i] == all[i]);
    }

    @Test
    void perMatrixRankingKeepsTheBestSegmentsOverall() {
        Tensor w = TestMatrices.gaussian(3, 40, 30);
        TileWiseMatrix x = new TileWiseSparsifier(16, 0.5, ColumnRanking.PER_MATRIX).sparsify(w);
        double step = TileWiseSparsifier.stepSparsity(0.5);
        long budget = Math.round((1 - step) * x.keptRows().length * 30);
        assertTrue(x.nnz() <= budget && x.nnz() > budget - 16, x.nnz() + " elements for a budget of " + budget);
        double[] segments = TileWiseSparsifier.segmentScores(Scores.magnitude(w), x.keptRows(), 16);
        boolean[] kept = new boolean[segments.length];
        for (int t = 0; t < x.tileCount(); t++) {
            for (int q = x.tileColPtr()[t]; q < x.tileColPtr()[t + 1]; q++) kept[t * 30 + x.tileCols()[q]] = true;
        }
        double min = Double.MAX_VALUE, max = 0;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) min = Math.min(min, segments[i]);
            else max = Math.max(max, segments[i]);
        }
        assertTrue(min >= max);
    }

    @Test
    void aMatrixThatFitsIsKeptLosslessly() {
        // 16 x 16 at s = 0.75: s' = 0.5, so 8 rows and 8 columns per tile survive. Odd rows are nonzero; tile 0
        // (rows 1..7) uses 8 random columns and tile 1 (rows 9..15) the other 8.
        SplittableRandom rnd = new SplittableRandom(4);
        int[] perm = rnd.ints(0, 1 << 30).limit(16).toArray();
        Integer[] cols = new Integer[16];
        for (int j = 0; j < 16; j++) cols[j] = j;
        java.util.Arrays.sort(cols, (a, b) -> Integer.compare(perm[a], perm[b]));
        Tensor w = Tensor.zeros(16, 16);
        for (int r = 1; r < 16; r += 2) {
            for (int k = 0; k < 8; k++) w.set(rnd.nextInt(1, 9), r, cols[(r < 8 ? 0 : 8) + k]);
        }
        TileWiseMatrix x = new TileWiseSparsifier(4, 0.75).sparsify(w);
        assertSameDense(w, x.toDense());
        assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11, 13, 15}, x.keptRows());
    }

    @Test
    void extremesAndAwkwardShapes() {
        for (Tensor w : TestMatrices.awkwardMatrices(61)) {
            assertSameDense(w, new TileWiseSparsifier(4, 0.0).sparsify(w).toDense());
            assertEquals(0, new TileWiseSparsifier(4, 1.0).sparsify(w).nnz());
            assertConsistent(new TileWiseSparsifier(3, 0.5).sparsify(w));
            assertConsistent(new TileWiseSparsifier(5, 0.5, ColumnRanking.PER_MATRIX).sparsify(w));
        }
    }

    @Test
    void randomVariant() {
        Tensor w = TestMatrices.gaussian(5, 64, 64);
        Sparsifier<TileWiseMatrix> random = new TileWiseSparsifier(16, 0.75).randomized(9);
        TileWiseMatrix a = random.sparsify(w);
        assertEquals(a, random.sparsify(w));
        assertNotEquals(a, new TileWiseSparsifier(16, 0.75).sparsify(w));
        assertEquals(0.75, a.sparsity(), 0.01);
    }
}
