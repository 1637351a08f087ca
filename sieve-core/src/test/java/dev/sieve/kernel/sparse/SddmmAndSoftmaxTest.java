package dev.sieve.kernel.sparse;

import static dev.sieve.kernel.sparse.SparseCases.RUNTIMES;
import static dev.sieve.kernel.sparse.SparseCases.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SDDMM and row softmax: fast vs reference vs a dense reference in double.
 *
 * <p>SDDMM tolerance: a dot of k products in float, any summation order, is within
 * {@code (k + 1) · u · Σ|x_t y_t|} of the exact value to first order; the scaling by S's value and by
 * alpha adds two roundings. The tests allow {@code 2 (k + 3) u Σ|...|}. Softmax: the reference is
 * computed in double and rounded once (within 1 ulp); the vector exp is within 1 ulp, and the sum and
 * division add a few: 8 ulps allowed, plus an absolute 1e-7 for values far below the row's largest.
 */
class SddmmAndSoftmaxTest {
    static final SddmmKernels FAST = VectorizationProvider.get().kernels(SddmmKernels.class);
    static final SddmmKernels REF = VectorizationProvider.scalar().kernels(SddmmKernels.class);
    static final SparseSoftmaxKernels FAST_SOFTMAX = VectorizationProvider.get().kernels(SparseSoftmaxKernels.class);
    static final SparseSoftmaxKernels REF_SOFTMAX = VectorizationProvider.scalar().kernels(SparseSoftmaxKernels.class);

    static Stream<Arguments> sddmmCases() {
        int[] ks = {0, 1, 7, 8, 9, 17, 33, 64, 130};
        List<SparseCases.Case> ms = SparseCases.matrices();
        return Stream.iterate(0, i -> i + 1).limit((long) ms.size() * ks.length)
                .map(i -> Arguments.of(ms.get(i / ks.length), ks[i % ks.length]));
    }

    @ParameterizedTest(name = "{0} k={1}")
    @MethodSource("sddmmCases")
    void sddmmMatchesDense(SparseCases.Case m, int k) {
        CsrMatrix s = m.csr();
        int ld1 = k + 2, ld2 = k + 5, off1 = 3, off2 = 1;
        float[] d1 = SparseCases.dense(91, off1 + m.rows() * ld1);
        float[] d2 = SparseCases.dense(92, off2 + m.cols() * ld2);
        int[] rp = s.rowPtr(), ci = s.colIdx();
        for (boolean scale : new boolean[] {false, true}) {
            float alpha = scale ? 0.125f : 1f;
            double[] expected = new double[s.nnz()], bound = new double[s.nnz()];
            for (int i = 0; i < m.rows(); i++) {
                for (int p = rp[i]; p < rp[i + 1]; p++) {
                    double dot = 0, mag = 0;
                    for (int t = 0; t < k; t++) {
                        double x = (double) d1[off1 + i * ld1 + t] * d2[off2 + ci[p] * ld2 + t];
                        dot += x;
                        mag += Math.abs(x);
                    }
                    double f = alpha * (scale ? s.data()[p] : 1);
                    expected[p] = f * dot;
                    bound[p] = 2 * (k + 3) * U * Math.abs(f) * mag + Float.MIN_NORMAL;
                }
            }
            float[] first = null;
            for (ParallelRuntime rt : RUNTIMES) {
                for (SddmmKernels kernels : List.of(REF, FAST)) {
                    float[] out = new float[s.nnz() + 4];
                    Arrays.fill(out, -7f);
                    kernels.sddmm(s, scale, alpha, d1, off1, ld1, d2, off2, ld2, k, out, 2, rt);
                    String what = m + " k=" + k + " scale=" + scale + " " + kernels.getClass().getSimpleName() + " threads=" + rt.threads();
                    for (int p = 0; p < s.nnz(); p++) {
                        if (!(Math.abs(out[p + 2] - expected[p]) <= bound[p])) {
                            fail(what + ": entry " + p + " = " + out[p + 2] + ", expected " + expected[p] + " within " + bound[p]);
                        }
                    }
                    assertEquals(-7f, out[0]);
                    assertEquals(-7f, out[1]);
                    assertEquals(-7f, out[s.nnz() + 2]);
                    assertEquals(-7f, out[s.nnz() + 3]);
                    if (kernels == FAST) {
                        if (first == null) first = out; else assertArrayEquals(first, out, what + ": depends on the thread count");
                    }
                }
            }
        }
    }

    @Test
    void sddmmReturnsMatrixWithThePattern() {
        CsrMatrix s = SparseCases.matrices().get(5).csr();
        float[] d1 = SparseCases.dense(1, s.rows() * 4), d2 = SparseCases.dense(2, s.cols() * 4);
        CsrMatrix out = FAST.sddmm(s, true, 1f, d1, 0, 4, d2, 0, 4, 4, SparseCases.TWO);
        assertSame(s.rowPtr(), out.rowPtr());
        assertSame(s.colIdx(), out.colIdx());
        assertThrows(IllegalArgumentException.class, () -> FAST.sddmm(s, true, 1f, d1, 0, 4, d2, 0, 4, 5, SparseCases.ONE));
        assertThrows(IllegalArgumentException.class, () -> REF.sddmm(s, true, 1f, d1, 0, 4, new float[3], 0, 4, 4, SparseCases.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.sddmm(s, true, 1f, d1, 0, 4, d2, 0, 4, 4, new float[s.nnz() - 1], 0, SparseCases.ONE));
    }

    static Stream<SparseCases.Case> softmaxCases() {
        List<SparseCases.Case> out = new java.util.ArrayList<>(SparseCases.matrices());
        out.add(new SparseCases.Case("wide scores", scaled(SparseCases.random(95, 20, 300, 0.6), 40f)));
        return out.stream();
    }

    static dev.sieve.tensor.Tensor scaled(dev.sieve.tensor.Tensor t, float f) {
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) v[i] *= f;
        return dev.sieve.tensor.Tensor.wrap(v, t.dim(0), t.dim(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCases")
    void softmaxMatchesDenseOverStoredValues(SparseCases.Case m) {
        CsrMatrix a = m.csr();
        int[] rp = a.rowPtr();
        float[] v = a.data();
        double[] expected = new double[a.nnz()];
        for (int i = 0; i < a.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int p = rp[i]; p < rp[i + 1]; p++) max = Math.max(max, v[p]);
            for (int p = rp[i]; p < rp[i + 1]; p++) sum += Math.exp(v[p] - max);
            for (int p = rp[i]; p < rp[i + 1]; p++) expected[p] = Math.exp(v[p] - max) / sum;
        }
        for (ParallelRuntime rt : RUNTIMES) {
            for (SparseSoftmaxKernels k : List.of(REF_SOFTMAX, FAST_SOFTMAX)) {
                CsrMatrix out = k.softmax(a, rt);
                assertSame(a.colIdx(), out.colIdx());
                for (int p = 0; p < a.nnz(); p++) {
                    float e = (float) expected[p], got = out.data()[p];
                    double tol = 8 * Math.ulp(e) + 1e-7;
                    if (!(Math.abs(got - expected[p]) <= tol)) {
                        fail(m + " " + k.getClass().getSimpleName() + ": entry " + p + " = " + got + ", expected " + expected[p]);
                    }
                }
                for (int i = 0; i < a.rows(); i++) {
                    double rowSum = 0;
                    for (int p = rp[i]; p < rp[i + 1]; p++) rowSum += out.data()[p];
                    if (rp[i + 1] > rp[i]) assertEquals(1.0, rowSum, 1e-5, "row " + i + " sums to 1");
                }
            }
        }
    }

    @Test
    void softmaxEdgeCases() {
        // row 0: one value; row 1: empty; row 2: explicit zero and -inf; row 3: huge values; row 4: NaN
        int[] rp = {0, 1, 1, 4, 6, 8};
        int[] ci = {2, 0, 1, 3, 0, 1, 2, 3};
        float[] v = {5f, 0f, Float.NEGATIVE_INFINITY, -1f, 3e38f, 2e38f, 1f, Float.NaN};
        CsrMatrix a = new CsrMatrix(5, 4, rp, ci, v);
        for (SparseSoftmaxKernels k : List.of(REF_SOFTMAX, FAST_SOFTMAX)) {
            float[] out = k.softmax(a, SparseCases.TWO).data();
            assertEquals(1f, out[0]);
            double e = Math.exp(1);
            assertEquals((float) (e / (e + 1)), out[1], 1e-6f);
            assertEquals(0f, out[2]);
            assertEquals((float) (1 / (e + 1)), out[3], 1e-6f);
            assertEquals(1f, out[4]);
            assertEquals(0f, out[5]);
            assertTrue(Float.isNaN(out[6]) && Float.isNaN(out[7]), "NaN poisons its row");
            assertThrows(IllegalArgumentException.class, () -> k.softmax(a, a.data(), 0, SparseCases.ONE));
            assertThrows(IllegalArgumentException.class, () -> k.softmax(a, new float[7], 0, SparseCases.ONE));
        }
    }
}
