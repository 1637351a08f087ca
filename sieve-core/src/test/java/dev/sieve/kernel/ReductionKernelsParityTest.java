package dev.sieve.kernel;

import static dev.sieve.kernel.FloatChecks.U;
import static dev.sieve.kernel.FloatChecks.assertWithin;
import static dev.sieve.kernel.FloatChecks.awkwardSizes;
import static dev.sieve.kernel.FloatChecks.embed;
import static dev.sieve.kernel.FloatChecks.samples;
import static dev.sieve.kernel.KernelPair.FAST;
import static dev.sieve.kernel.KernelPair.LANES;
import static dev.sieve.kernel.KernelPair.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReductionKernelsParityTest {
    private static final float SENTINEL = 1e30f; // would dominate any sum or max that strays outside the run

    @BeforeAll
    static void vectorized() {
        KernelPair.requireVectorized();
    }

    /**
     * Error bound of the fast sum against the (double, so nearly exact) reference. The fast kernel keeps
     * 4·LANES partial sums, each a sequential float sum of about n/(4·LANES) terms, then adds them in a
     * tree of depth log2(4·LANES). A sequential float sum of m terms is off by at most (m - 1)·u·Σ|x|,
     * hence (n/(4·LANES) + log2(4·LANES) + 1)·u·Σ|x|, plus half an ulp for rounding the reference.
     */
    private static double sumBound(int n, double absSum, float ref) {
        int partials = 4 * LANES;
        double depth = n / (double) partials + Math.log(partials) / Math.log(2) + 1;
        return depth * U * absSum + Math.ulp(ref);
    }

    @Test
    void sumAndSumOfSquaresAgree() {
        for (int n : awkwardSizes(LANES)) {
            for (int seed = 0; seed < 3; seed++) {
                float[] x = embed(samples(seed * 7919L + n, n, false), 2, 40, SENTINEL);
                double abs = 0, sq = 0;
                for (int i = 0; i < n; i++) {
                    abs += Math.abs(x[2 + i]);
                    sq += (double) x[2 + i] * x[2 + i];
                }
                float refSum = REF.reductions().sum(x, 2, n);
                assertWithin(refSum, FAST.reductions().sum(x, 2, n), sumBound(n, abs, refSum), "sum n=" + n);
                float refSq = REF.reductions().sumOfSquares(x, 2, n);
                // squares are positive: the same bound, plus one rounding per product (u each, folded into 2u)
                assertWithin(refSq, FAST.reductions().sumOfSquares(x, 2, n), sumBound(n, sq, refSq) + U * sq, "sumOfSquares n=" + n);
            }
        }
    }

    @Test
    void maxAndArgmaxAgreeExactly() {
        for (int n : awkwardSizes(LANES)) {
            for (int seed = 0; seed < 5; seed++) {
                boolean specials = seed >= 3; // NaN and infinities in the last seeds
                float[] x = embed(samples(seed * 104729L + n, n, specials), 3, 40, SENTINEL);
                float refMax = REF.reductions().max(x, 3, n), fastMax = FAST.reductions().max(x, 3, n);
                assertEquals(Float.floatToIntBits(refMax), Float.floatToIntBits(fastMax), "max n=" + n + " seed " + seed);
                assertEquals(REF.reductions().argmax(x, 3, n), FAST.reductions().argmax(x, 3, n), "argmax n=" + n + " seed " + seed);
            }
        }
    }

    @Test
    void emptyRuns() {
        for (VectorizationProvider p : new VectorizationProvider[] {REF, FAST}) {
            float[] x = {5f};
            assertEquals(0f, p.reductions().sum(x, 1, 0));
            assertEquals(0f, p.reductions().sumOfSquares(x, 0, 0));
            assertEquals(Float.NEGATIVE_INFINITY, p.reductions().max(x, 0, 0));
            assertEquals(-1, p.reductions().argmax(x, 0, 0));
        }
    }

    @Test
    void argmaxPicksTheFirstOfTiesAndTheFirstNaN() {
        int n = 5 * LANES + 3;
        for (VectorizationProvider p : new VectorizationProvider[] {REF, FAST}) {
            float[] x = new float[n];
            java.util.Arrays.fill(x, 1f);
            x[LANES + 2] = 7f;
            x[3 * LANES + 1] = 7f;
            x[n - 1] = 7f;
            assertEquals(LANES + 2, p.reductions().argmax(x, 0, n), p.name());
            int off = LANES + 3; // past the first 7
            assertEquals(3 * LANES + 1 - off, p.reductions().argmax(x, off, n - off), p.name() + " with offset");
            x[2 * LANES] = Float.NaN;
            x[n - 2] = Float.NaN;
            assertEquals(2 * LANES, p.reductions().argmax(x, 0, n), p.name() + " first NaN wins");
            assertTrue(Float.isNaN(p.reductions().max(x, 0, n)), p.name() + " max is NaN");
            float[] allNegInf = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
            assertEquals(0, p.reductions().argmax(allNegInf, 0, 3), p.name() + " all -inf");
            float[] zeros = {-0f, 0f, -0f};
            assertEquals(0, p.reductions().argmax(zeros, 0, 3), p.name() + " -0 and +0 tie");
        }
    }

    @Test
    void sumIsDeterministic() {
        float[] x = samples(99, 10_000, false);
        float first = FAST.reductions().sum(x, 0, x.length);
        for (int i = 0; i < 2000; i++) {
            // many calls so the loop is JIT-compiled part-way: the bits must not change with the compiler
            assertEquals(Float.floatToIntBits(first), Float.floatToIntBits(FAST.reductions().sum(x, 0, x.length)));
        }
    }
}
