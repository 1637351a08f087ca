package dev.sieve.kernel;

import static dev.sieve.kernel.FloatChecks.U;
import static dev.sieve.kernel.KernelPair.FAST;
import static dev.sieve.kernel.KernelPair.LANES;
import static dev.sieve.kernel.KernelPair.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column layer norm (feature-major activations) against the double-precision reference, on awkward
 * row and column counts, with a leading dimension wider than the block, offsets, and in place.
 */
class ColumnNormKernelsParityTest {
    private static final float SENTINEL = -777f;

    @BeforeAll
    static void vectorized() {
        KernelPair.requireVectorized();
    }

    @Test
    void layerNormAgrees() {
        ColumnNormKernels fast = FAST.kernels(ColumnNormKernels.class), ref = REF.kernels(ColumnNormKernels.class);
        assertInstanceOf(ScalarColumnNormKernels.class, ref);
        int[] rowCounts = {1, 2, 7, 33, 300};
        int[] colCounts = {0, 1, 7, LANES - 1, LANES, LANES + 1, 4 * LANES - 1, 4 * LANES, 4 * LANES + 3, 65};
        SplittableRandom rnd = new SplittableRandom(7);
        for (int rows : rowCounts) {
            for (int cols : colCounts) {
                int ld = cols + 3, off = 2;
                float[] x = new float[off + rows * ld + 5];
                for (int i = 0; i < x.length; i++) x[i] = (float) (3 * FloatChecks.gaussian(rnd) + 1);
                float[] gamma = new float[rows], beta = new float[rows];
                for (int r = 0; r < rows; r++) {
                    gamma[r] = (float) FloatChecks.gaussian(rnd);
                    beta[r] = (float) FloatChecks.gaussian(rnd);
                }
                for (int variant = 0; variant < 3; variant++) {
                    float[] g = variant == 1 ? null : gamma, b = variant == 1 ? null : beta;
                    float eps = variant == 2 ? 1e-12f : 1e-5f;
                    float[] want = filled(x.length), got = filled(x.length);
                    ref.layerNorm(x, off, ld, rows, cols, g, b, eps, want, off);
                    fast.layerNorm(x, off, ld, rows, cols, g, b, eps, got, off);
                    String what = "rows " + rows + " cols " + cols + " variant " + variant;
                    for (int i = 0; i < x.length; i++) {
                        int r = (i - off) / ld, c = (i - off) % ld;
                        boolean inside = i >= off && r < rows && c < cols;
                        if (!inside) {
                            assertEquals(SENTINEL, got[i], what + ": wrote outside the block at " + i);
                            continue;
                        }
                        // float sums of `rows` terms and a few roundings after them, scaled by |gamma| and the normalised value,
                        // times the column's conditioning: an x far from the mean relative to the spread loses digits in
                        // x - mean (with two rows the spread can be tiny). Different vector widths sum in different orders.
                        double scale = (Math.abs(want[i]) + (g == null ? 1 : Math.abs(g[r])) * 4 + 1);
                        double tol = (rows + 16) * U * scale * conditioning(x, off, ld, rows, c, eps);
                        assertEquals(want[i], got[i], tol, what + " at (" + r + ", " + c + ")");
                    }
                    // in place gives the same bits as out of place
                    float[] inPlace = x.clone();
                    fast.layerNorm(inPlace, off, ld, rows, cols, g, b, eps, inPlace, off);
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            int at = off + r * ld + c;
                            assertEquals(Float.floatToIntBits(got[at]), Float.floatToIntBits(inPlace[at]), what + " in place");
                        }
                    }
                }
            }
        }
    }

    @Test
    void constantColumnIsZeroNotNaN() {
        for (VectorizationProvider p : new VectorizationProvider[] {FAST, REF}) {
            float[] x = new float[3 * 20];
            Arrays.fill(x, 2.5f);
            float[] y = new float[x.length];
            p.kernels(ColumnNormKernels.class).layerNorm(x, 0, 20, 3, 20, null, null, 1e-5f, y, 0);
            for (float v : y) assertEquals(0f, v, p.name());
        }
    }

    private static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    /** max |x| over the column, plus |mean|, over the column's standard deviation: how much x − mean amplifies rounding. */
    static double conditioning(float[] x, int off, int ld, int rows, int c, float eps) {
        double mean = 0, max = 0;
        for (int r = 0; r < rows; r++) mean += x[off + r * ld + c];
        mean /= rows;
        double var = 0;
        for (int r = 0; r < rows; r++) {
            double d = x[off + r * ld + c] - mean;
            var += d * d;
            max = Math.max(max, Math.abs(x[off + r * ld + c]));
        }
        var /= rows;
        return Math.max(1.0, (max + Math.abs(mean)) / Math.sqrt(var + eps));
    }
}
