package dev.sieve.kernel.sparse;

import static dev.sieve.kernel.sparse.SparseCases.RUNTIMES;
import static dev.sieve.kernel.sparse.SparseCases.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SpGEMM, add and elementwise multiply against dense references.
 *
 * <p>Patterns are checked exactly (structural: a position is stored iff some product or operand
 * reaches it). SpGEMM values: a sum of at most K products, within {@code 2 (K + 1) u Σ|a b|}.
 * Add and multiply: one or two roundings per value, so within a few ulps of the double result.
 */
class SparseAlgebraKernelsTest {
    static final SparseAlgebraKernels K = VectorizationProvider.get().kernels(SparseAlgebraKernels.class);

    @Test
    void theVectorProviderFallsBackToScalar() {
        assertInstanceOf(ScalarSparseAlgebraKernels.class, K);
    }

    /** Pairs of compatible shapes: empty, one column, skewed, dense-ish, long rows. */
    static List<Tensor[]> spgemmPairs() {
        List<Tensor[]> out = new ArrayList<>();
        out.add(new Tensor[] {Tensor.zeros(0, 4), Tensor.zeros(4, 3)});
        out.add(new Tensor[] {Tensor.zeros(3, 0), Tensor.zeros(0, 5)});
        out.add(new Tensor[] {SparseCases.random(1, 7, 5, 0.4), Tensor.zeros(5, 6)});
        out.add(new Tensor[] {SparseCases.random(2, 9, 1, 0.7), SparseCases.random(3, 1, 11, 0.6)});
        out.add(new Tensor[] {SparseCases.skewed(4, 60, 50), SparseCases.random(5, 50, 70, 0.1)});
        out.add(new Tensor[] {SparseCases.random(6, 30, 40, 0.5), SparseCases.random(7, 40, 25, 0.5)});
        out.add(new Tensor[] {SparseCases.random(8, 40, 300, 0.02), SparseCases.random(9, 300, 500, 0.02)});
        out.add(new Tensor[] {SparseCases.random(10, 5, 200, 0.9), SparseCases.random(11, 200, 40, 0.9)});
        return out;
    }

    @Test
    void spgemmMatchesDenseProduct() {
        for (Tensor[] pair : spgemmPairs()) {
            CsrMatrix a = CsrMatrix.fromDense(pair[0]), b = CsrMatrix.fromDense(pair[1]);
            int m = a.rows(), k = a.cols(), n = b.cols();
            float[] ad = pair[0].toArray(), bd = pair[1].toArray();
            CsrMatrix first = null;
            for (ParallelRuntime rt : RUNTIMES) {
                CsrMatrix c = K.spgemm(a, b, rt);
                String what = m + "x" + k + " · " + k + "x" + n + " threads=" + rt.threads();
                assertEquals(m, c.rows());
                assertEquals(n, c.cols());
                float[] cd = c.toDense().toArray();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0, mag = 0;
                        boolean reached = false;
                        for (int t = 0; t < k; t++) {
                            if (ad[i * k + t] != 0f && bd[t * n + j] != 0f) reached = true;
                            double x = (double) ad[i * k + t] * bd[t * n + j];
                            s += x;
                            mag += Math.abs(x);
                        }
                        boolean stored = isStored(c, i, j);
                        if (stored != reached) fail(what + ": (" + i + ", " + j + ") stored=" + stored + " but reached=" + reached);
                        if (!(Math.abs(cd[i * n + j] - s) <= 2 * (k + 1) * U * mag)) {
                            fail(what + ": (" + i + ", " + j + ") = " + cd[i * n + j] + ", expected " + s);
                        }
                    }
                }
                if (first == null) first = c; else assertEquals(first, c, what + ": depends on the thread count");
            }
        }
    }

    static boolean isStored(CsrMatrix c, int i, int j) {
        for (int p = c.rowPtr()[i]; p < c.rowPtr()[i + 1]; p++) if (c.colIdx()[p] == j) return true;
        return false;
    }

    @Test
    void spgemmKeepsCancellingProductsAsExplicitZeros() {
        CsrMatrix a = new CsrMatrix(1, 2, new int[] {0, 2}, new int[] {0, 1}, new float[] {1f, -1f});
        CsrMatrix b = new CsrMatrix(2, 1, new int[] {0, 1, 2}, new int[] {0, 0}, new float[] {3f, 3f});
        CsrMatrix c = K.spgemm(a, b, SparseCases.TWO);
        assertEquals(1, c.nnz());
        assertEquals(0f, c.data()[0]);
        assertThrows(IllegalArgumentException.class, () -> K.spgemm(a, a, SparseCases.ONE));
    }

    /** Same-shape pairs with overlapping, disjoint and empty patterns. */
    static List<Tensor[]> samePairs() {
        List<Tensor[]> out = new ArrayList<>();
        out.add(new Tensor[] {Tensor.zeros(0, 3), Tensor.zeros(0, 3)});
        out.add(new Tensor[] {Tensor.zeros(4, 5), SparseCases.random(20, 4, 5, 0.5)});
        out.add(new Tensor[] {SparseCases.random(21, 13, 1, 0.5), SparseCases.random(22, 13, 1, 0.5)});
        out.add(new Tensor[] {SparseCases.skewed(23, 50, 40), SparseCases.random(24, 50, 40, 0.2)});
        out.add(new Tensor[] {SparseCases.random(25, 20, 200, 0.7), SparseCases.random(26, 20, 200, 0.7)});
        Tensor x = SparseCases.random(27, 9, 9, 0.3);
        out.add(new Tensor[] {x, x});
        return out;
    }

    @Test
    void addAndMultiplyMatchDense() {
        float alpha = 0.75f, beta = -2f;
        for (Tensor[] pair : samePairs()) {
            CsrMatrix a = CsrMatrix.fromDense(pair[0]), b = CsrMatrix.fromDense(pair[1]);
            float[] ad = pair[0].toArray(), bd = pair[1].toArray();
            int n = a.cols();
            CsrMatrix firstSum = null, firstProduct = null;
            for (ParallelRuntime rt : RUNTIMES) {
                CsrMatrix sum = K.add(alpha, a, beta, b, rt), product = K.multiply(a, b, rt);
                float[] sd = sum.toDense().toArray(), pd = product.toDense().toArray();
                for (int p = 0; p < ad.length; p++) {
                    int i = p / n, j = p % n;
                    boolean inA = ad[p] != 0f, inB = bd[p] != 0f;
                    assertEquals(inA || inB, isStored(sum, i, j), "sum pattern at " + p);
                    assertEquals(inA && inB, isStored(product, i, j), "product pattern at " + p);
                    double s = (double) alpha * ad[p] + (double) beta * bd[p];
                    if (!(Math.abs(sd[p] - s) <= 3 * U * (Math.abs(alpha * ad[p]) + Math.abs(beta * bd[p])))) {
                        fail("sum at " + p + ": " + sd[p] + " vs " + s);
                    }
                    assertEquals((float) ((double) ad[p] * bd[p]), pd[p], 0f, "product at " + p); // +0 and -0 alike
                }
                if (firstSum == null) {
                    firstSum = sum;
                    firstProduct = product;
                } else {
                    assertEquals(firstSum, sum);
                    assertEquals(firstProduct, product);
                }
            }
        }
        CsrMatrix a = CsrMatrix.fromDense(Tensor.zeros(2, 3));
        CsrMatrix b = CsrMatrix.fromDense(Tensor.zeros(3, 2));
        assertThrows(IllegalArgumentException.class, () -> K.add(1f, a, 1f, b, SparseCases.ONE));
        assertThrows(IllegalArgumentException.class, () -> K.multiply(a, b, SparseCases.ONE));
    }

    @Test
    void addKeepsCancellationStructurally() {
        CsrMatrix a = CsrMatrix.fromDense(SparseCases.random(30, 6, 7, 0.5));
        CsrMatrix d = K.add(1f, a, -1f, a, SparseCases.TWO);
        assertArrayEquals(a.rowPtr(), d.rowPtr());
        assertArrayEquals(a.colIdx(), d.colIdx());
        for (float v : d.data()) assertEquals(0f, v);
    }
}
