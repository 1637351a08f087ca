package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NmSparsifierTest {
    private static final int[][] NM = {{1, 1}, {1, 2}, {2, 4}, {1, 4}, {3, 4}, {2, 8}, {4, 8}, {3, 7}};

    /** A matrix in which every aligned group of m holds exactly n nonzeros at random positions. */
    private static Tensor exactNm(long seed, int rows, int cols, int n, int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int g = 0; g * m < cols; g++) {
                int width = Math.min(m, cols - g * m);
                int[] perm = rnd.ints(0, Integer.MAX_VALUE).limit(width).toArray();
                Integer[] idx = new Integer[width];
                for (int k = 0; k < width; k++) idx[k] = k;
                java.util.Arrays.sort(idx, (a, b) -> Integer.compare(perm[a], perm[b]));
                for (int k = 0; k < Math.min(n, width); k++) t.set(rnd.nextInt(1, 50) * (rnd.nextBoolean() ? 1 : -1), i, g * m + idx[k]);
            }
        }
        return t;
    }

    @Test
    void exactPatternMatricesAreKeptLosslessly() {
        long seed = 100;
        for (int[] nm : NM) {
            for (int[] shape : TestMatrices.AWKWARD_SHAPES) {
                Tensor w = exactNm(seed++, shape[0], shape[1], nm[0], nm[1]);
                NmMatrix s = new NmSparsifier(nm[0], nm[1]).sparsify(w);
                assertSameDense(w, s.toDense());
                assertConsistent(s);
            }
        }
    }

    @Test
    void keepsTopNPerGroup() {
        Tensor w = TestMatrices.gaussian(3, 9, 30);
        for (int[] nm : NM) {
            int n = nm[0], m = nm[1];
            float[] kept = new NmSparsifier(n, m).sparsify(w).toDense().toArray(), all = w.toArray();
            for (int i = 0; i < 9; i++) {
                for (int g = 0; g * m < 30; g++) {
                    int width = Math.min(m, 30 - g * m), keptHere = 0;
                    float smallestKept = Float.POSITIVE_INFINITY, largestDropped = 0;
                    for (int j = g * m; j < g * m + width; j++) {
                        float a = Math.abs(all[i * 30 + j]);
                        if (kept[i * 30 + j] != 0) {
                            keptHere++;
                            smallestKept = Math.min(smallestKept, a);
                        } else {
                            largestDropped = Math.max(largestDropped, a);
                        }
                    }
                    assertEquals(Math.min(n, width), keptHere);
                    assertTrue(smallestKept >= largestDropped);
                }
            }
        }
    }

    @Test
    void sparsityIsOneMinusNOverM() {
        NmMatrix s = new NmSparsifier(2, 4).sparsify(TestMatrices.gaussian(4, 16, 64));
        assertEquals(0.5, s.sparsity(), 1e-12);
        assertEquals(new Layout.Nm(2, 4), s.layout());
        // A narrow last group (width 2 < n = 3) keeps both columns and pads the third slot.
        NmMatrix narrow = new NmSparsifier(3, 4).sparsify(TestMatrices.gaussian(5, 2, 6));
        assertEquals(2 * (3 + 2), narrow.nnz());
        assertConsistent(narrow);
    }

    @Test
    void randomVariant() {
        Tensor w = TestMatrices.gaussian(6, 8, 32);
        Sparsifier<NmMatrix> random = new NmSparsifier(2, 4).randomized(1);
        NmMatrix a = random.sparsify(w);
        assertEquals(a, random.sparsify(w));
        assertNotEquals(a, new NmSparsifier(2, 4).sparsify(w));
        assertEquals(0.5, a.sparsity(), 1e-12);
    }
}
