package dev.sieve.kernel.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.panama.PanamaBsrKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.BlockL2Sparsifier;
import dev.sieve.sparse.BsrMatrix;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BsrKernelsTest {
    private static final BsrKernels FAST = new PanamaBsrKernels();
    private static final BsrKernels REF = new ScalarBsrKernels();

    @ParameterizedTest(name = "bsr:{2}x{3} {0}x{1} sparsity {4}")
    @CsvSource({
        "1, 1, 1, 1, 0.0",
        "17, 1, 4, 4, 0.5",
        "1, 23, 4, 4, 0.5",
        "37, 29, 4, 4, 0.75",
        "64, 96, 4, 4, 0.9",
        "70, 90, 8, 8, 0.5",
        "21, 50, 2, 2, 0.75",
        "33, 65, 1, 4, 0.5",
        "30, 41, 3, 5, 0.5",
        "45, 31, 7, 3, 0.6",
        "100, 150, 16, 4, 0.75",
        "40, 40, 4, 4, 1.0",
    })
    void matchesScalarAndDense(int rows, int cols, int r, int c, double sparsity) {
        Tensor w = SpmmParity.weights(rows * 1000L + cols, rows, cols);
        BsrMatrix a = new BlockL2Sparsifier(r, c, sparsity).randomized(rows + cols).sparsify(w);
        SpmmParity.check(a, (b, bo, lb, n, cc, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, n, cc, co, lc, acc, rt),
                (b, bo, lb, n, cc, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, n, cc, co, lc, acc, rt), a.layout().toString());
    }

    @Test
    void emptyBlockRowsGiveZeros() {
        // block row 1 of 3 has no block: its rows must come out zero, not stale
        BsrMatrix a = new BsrMatrix(6, 4, 2, 2, new int[] {0, 1, 1, 2}, new int[] {0, 1},
                new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        float[] b = new float[4 * 9];
        java.util.Arrays.fill(b, 1f);
        for (BsrKernels k : new BsrKernels[] {FAST, REF}) {
            float[] c = new float[6 * 9];
            java.util.Arrays.fill(c, 9f);
            k.spmm(a, b, 0, 9, 9, c, 0, 9, false, SpmmParity.RUNTIMES[0]);
            float[] expected = new float[6 * 9];
            for (int j = 0; j < 9; j++) {
                expected[j] = 3;
                expected[9 + j] = 7;
                expected[36 + j] = 11;
                expected[45 + j] = 15;
            }
            assertArrayEquals(expected, c);
        }
    }

    @Test
    void providerFindsTheVectorKernels() {
        assertInstanceOf(PanamaBsrKernels.class, VectorizationProvider.get().kernels(BsrKernels.class));
        assertInstanceOf(ScalarBsrKernels.class, VectorizationProvider.scalar().kernels(BsrKernels.class));
    }

    @Test
    void rejectsShapeMismatch() {
        BsrMatrix a = new BlockL2Sparsifier(2, 2, 0.5).sparsify(SpmmParity.weights(1, 4, 6));
        ParallelRuntime rt = SpmmParity.RUNTIMES[0];
        float[] b = new float[6 * 3], c = new float[4 * 3];
        assertThrows(IllegalArgumentException.class, () -> FAST.spmm(a, new float[5 * 3], 0, 3, 3, c, 0, 3, false, rt));
        assertThrows(IllegalArgumentException.class, () -> FAST.spmm(a, b, 0, 2, 3, c, 0, 3, false, rt));
        assertThrows(IllegalArgumentException.class, () -> FAST.spmm(a, b, 0, 3, 3, new float[11], 0, 3, false, rt));
        assertThrows(IllegalArgumentException.class, () -> REF.spmm(a, b, 0, 3, -1, c, 0, 3, false, rt));
        assertThrows(IllegalArgumentException.class, () -> REF.spmm(a, b, 0, 3, 3, b, 0, 3, false, rt));
    }
}
