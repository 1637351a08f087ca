package dev.sieve.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.panama.GemmMicroKernel4x2v;
import dev.sieve.kernel.panama.GemmMicroKernel8x2v;
import dev.sieve.parallel.ParallelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every micro-kernel, through the blocked driver, against the scalar reference on awkward shapes. */
class GemmParityTest {
    private static final ParallelRuntime ONE = new ParallelRuntime(1);
    private static final ParallelRuntime TWO = new ParallelRuntime(2);
    private static final ParallelRuntime THREE = new ParallelRuntime(3);

    @AfterAll
    static void close() {
        ONE.close();
        TWO.close();
        THREE.close();
    }

    static List<GemmMicroKernel> kernels() {
        return List.of(new ScalarGemmMicroKernel(), new GemmMicroKernel4x2v(), new GemmMicroKernel8x2v());
    }

    /** Shapes that straddle every blocking boundary: tiles, KC, MC, vector width, and degenerate cases. */
    static Stream<Arguments> cases() {
        int[][] shapes = {
            {0, 5, 3}, {5, 0, 3}, {4, 6, 0}, {1, 1, 1}, {1, 37, 19}, {37, 1, 19}, {1, 1, 300},
            {3, 7, 5}, {4, 16, 8}, {5, 17, 9}, {8, 32, 16}, {9, 33, 257}, {13, 15, 256},
            {150, 40, 30}, {31, 300, 7}, {2, 2100, 3},
        };
        List<Arguments> out = new ArrayList<>();
        for (GemmMicroKernel kernel : kernels()) {
            for (int[] s : shapes) {
                // the emulated 512-bit kernel is slow on narrower hardware: keep its cases small
                if (kernel instanceof GemmMicroKernel8x2v && (long) s[0] * s[1] * s[2] > 200_000) continue;
                for (int t = 0; t < 4; t++) {
                    out.add(Arguments.of(kernel, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3} tA={4} tB={5}")
    @MethodSource("cases")
    void matchesReference(GemmMicroKernel kernel, int m, int n, int k, boolean transA, boolean transB) {
        SplittableRandom rnd = new SplittableRandom(m * 31L + n * 17L + k);
        // padded leading dimensions and offsets so the driver must honour strides
        int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 5;
        int aRows = transA ? k : m, bRows = transB ? n : k;
        float[] a = random(rnd, 7 + aRows * lda);
        float[] b = random(rnd, 4 + bRows * ldb);
        float[] c0 = random(rnd, 2 + m * ldc);
        for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 1f}, {-2f, 0.25f}}) {
            float[] expected = c0.clone();
            GemmReference.sgemm(transA, transB, m, n, k, ab[0], a, 7, lda, b, 4, ldb, ab[1], expected, 2, ldc);
            for (ParallelRuntime rt : new ParallelRuntime[] {ONE, TWO, THREE}) {
                float[] actual = c0.clone();
                Gemm.driver(kernel).sgemm(transA, transB, m, n, k, ab[0], a, 7, lda, b, 4, ldb, ab[1], actual, 2, ldc, rt);
                assertClose(expected, actual, k, "alpha=" + ab[0] + " beta=" + ab[1] + " threads=" + rt.threads());
            }
        }
    }

    @Test
    void betaZeroIgnoresNaNInOutput() {
        float[] a = {1, 2, 3, 4}, b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2, ONE);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
    }

    @Test
    void sameThreadCountGivesIdenticalBits() {
        SplittableRandom rnd = new SplittableRandom(7);
        int m = 70, n = 530, k = 600;
        float[] a = random(rnd, m * k), b = random(rnd, k * n);
        float[] first = new float[m * n], second = new float[m * n];
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, first, 0, n, TWO);
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, second, 0, n, TWO);
        assertArrayEquals(first, second);
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[6];
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, -1, 2, 2, 1, x, 0, 2, x, 0, 2, 0, x, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 2, 2, 2, 1, x, 0, 1, x, 0, 2, 0, x, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false, 3, 3, 3, 1, x, 0, 3, x, 0, 3, 0, x, 0, 3));
    }

    @Test
    void providerKernelIsVectorizedUnderTests() {
        // Surefire runs with --add-modules jdk.incubator.vector: the fast path must be the one under test.
        assertEquals(true, VectorizationProvider.get().isVectorized(), VectorizationProvider.get().name());
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }

    /** Different summation orders differ by rounding: allow a few ulps per term of the dot product. */
    private static void assertClose(float[] expected, float[] actual, int k, String what) {
        double tol = 1e-6 * (k + 4) * 4;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e) != Float.isNaN(a) || Math.abs(e - a) > tol * Math.max(1, Math.abs(e))) {
                fail(what + ": element " + i + " expected " + e + " but was " + a);
            }
        }
    }
}
