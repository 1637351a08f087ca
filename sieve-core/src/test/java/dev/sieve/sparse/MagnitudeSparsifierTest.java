package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MagnitudeSparsifierTest {
    @Test
    void keepsTheLargestMagnitudes() {
        Tensor w = TestMatrices.gaussian(1, 30, 40);
        for (double s : new double[] {0.0, 0.1, 0.5, 0.9, 0.999, 1.0}) {
            CsrMatrix csr = MagnitudeSparsifier.csr(s).sparsify(w);
            int keep = (int) Math.round((1 - s) * 1200);
            assertEquals(keep, csr.nnz());
            float[] sorted = w.toArray();
            for (int i = 0; i < sorted.length; i++) sorted[i] = Math.abs(sorted[i]);
            Arrays.sort(sorted);
            float threshold = keep == 0 ? Float.POSITIVE_INFINITY : sorted[sorted.length - keep];
            for (float v : csr.data()) assertTrue(Math.abs(v) >= threshold);
            float[] dense = csr.toDense().toArray(), original = w.toArray();
            for (int i = 0; i < dense.length; i++) {
                assertTrue(dense[i] == 0f || dense[i] == original[i], "kept values are the weights");
            }
        }
    }

    @Test
    void tiesGoToTheSmallerIndexAndZerosFillTheCount() {
        Tensor w = Tensor.of(new float[] {1, -2, 2, 0, 0, 1}, 2, 3);
        CooMatrix coo = MagnitudeSparsifier.coo(0.5).sparsify(w);
        // |w| = 2 at (0,1) and (0,2), then the tie between (0,0) and (1,2) goes to (0,0).
        assertArrayEquals(new int[] {0, 0, 0}, coo.rowIndices());
        assertArrayEquals(new int[] {0, 1, 2}, coo.colIndices());
        assertArrayEquals(new float[] {1, -2, 2}, coo.values());

        Tensor sparse = Tensor.of(new float[] {0, 3, 0, 0}, 2, 2);
        CsrMatrix csr = MagnitudeSparsifier.csr(0.5).sparsify(sparse);
        assertEquals(2, csr.nnz()); // (0,1) and the explicit zero at (0,0)
        assertArrayEquals(new float[] {0, 3}, csr.data());
        assertSameDense(sparse, csr.toDense());
    }

    @Test
    void everyTargetHoldsTheSameSelection() {
        for (Tensor w : TestMatrices.awkwardMatrices(41)) {
            CooMatrix coo = MagnitudeSparsifier.coo(0.6).sparsify(w);
            assertEquals(CsrMatrix.fromCoo(coo), MagnitudeSparsifier.csr(0.6).sparsify(w));
            assertEquals(CscMatrix.fromCoo(coo), MagnitudeSparsifier.csc(0.6).sparsify(w));
            MaskedMatrix masked = MagnitudeSparsifier.masked(0.6).sparsify(w);
            assertEquals(coo, masked.toCoo());
            assertConsistent(coo);
            assertConsistent(masked);
        }
    }

    @Test
    void alreadySparseEnoughDropsNothing() {
        Tensor w = TestMatrices.random(9, 20, 20, 0.2);
        int nonzeros = CooMatrix.fromDense(w).nnz();
        double s = 1.0 - (double) nonzeros / 400;
        assertSameDense(w, MagnitudeSparsifier.csr(s).sparsify(w).toDense());
        assertSameDense(w, MagnitudeSparsifier.masked(0.5).sparsify(w).toDense());
    }

    @Test
    void usesGivenScores() {
        Tensor w = Tensor.of(new float[] {5, 1, 1, 5}, 2, 2);
        Tensor scores = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
        assertSameDense(Tensor.of(new float[] {0, 1, 1, 0}, 2, 2), MagnitudeSparsifier.csr(0.5).sparsify(w, scores).toDense());
    }

    @Test
    void randomVariantIsSeededAndKeepsTheCount() {
        Tensor w = TestMatrices.gaussian(2, 50, 50);
        Sparsifier<CsrMatrix> random = MagnitudeSparsifier.csr(0.8).randomized(7);
        CsrMatrix a = random.sparsify(w), b = random.sparsify(w);
        assertEquals(a, b);
        assertEquals(500, a.nnz());
        assertNotEquals(a, MagnitudeSparsifier.csr(0.8).randomized(8).sparsify(w));
        assertNotEquals(a, MagnitudeSparsifier.csr(0.8).sparsify(w));
        assertEquals(Layout.CSR, random.layout());
    }

    @Test
    void rejectsBadArguments() {
        Tensor w = Tensor.zeros(2, 2);
        assertRejected("sparsity must be in [0, 1]", () -> MagnitudeSparsifier.csr(1.5));
        assertRejected("sparsity must be in [0, 1]", () -> MagnitudeSparsifier.csr(Double.NaN));
        assertRejected("score at (1, 0) is -1.0", () -> MagnitudeSparsifier.csr(0.5).sparsify(w, Tensor.of(new float[] {0, 0, -1, 0}, 2, 2)));
        assertRejected("score at (0, 1) is NaN", () -> MagnitudeSparsifier.csr(0.5).sparsify(w, Tensor.of(new float[] {0, Float.NaN, 0, 0}, 2, 2)));
        assertRejected("weight at (0, 1) is NaN", () -> MagnitudeSparsifier.csr(0.5).sparsify(Tensor.of(new float[] {0, Float.NaN, 0, 0}, 2, 2)));
        assertRejected("scores have shape [2, 3], weights [2, 2]", () -> MagnitudeSparsifier.csr(0.5).sparsify(w, Tensor.zeros(2, 3)));
        assertRejected("weights must be a 2-D tensor", () -> MagnitudeSparsifier.csr(0.5).sparsify(Tensor.zeros(4)));
    }
}
