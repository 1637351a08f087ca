package dev.sieve.kernel.sparse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.panama.PanamaNmgKernels;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.NmgSparsifier;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NmgKernelsTest {
    private static final NmgKernels FAST = new PanamaNmgKernels();
    private static final NmgKernels REF = new ScalarNmgKernels();

    @ParameterizedTest(name = "nmg:{2}:{3}:{4} {0}x{1}")
    @CsvSource({
        "1, 1, 1, 1, 1",
        "4, 6, 2, 4, 1",
        "3, 13, 2, 4, 2",
        "9, 1, 1, 4, 2",
        "17, 29, 2, 4, 3",
        "16, 56, 2, 8, 2",
        "21, 70, 2, 8, 1",
        "30, 40, 1, 4, 4",
        "26, 33, 1, 8, 2",
        "12, 40, 3, 6, 1",
        "22, 31, 4, 8, 1",
        "13, 50, 5, 7, 1",
        "14, 12, 6, 8, 1",
        "64, 96, 2, 4, 16",
        "96, 120, 2, 8, 4",
    })
    void matchesScalarAndDense(int rows, int cols, int n, int m, int g) {
        Tensor w = SpmmParity.weights(rows * 1000L + cols + n, rows, cols);
        NmgMatrix a = new NmgSparsifier(n, m, g).randomized(rows + cols).sparsify(w);
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), a.layout().toString());
    }

    @Test
    void providerFindsTheVectorKernels() {
        assertInstanceOf(PanamaNmgKernels.class, VectorizationProvider.get().kernels(NmgKernels.class));
        assertInstanceOf(ScalarNmgKernels.class, VectorizationProvider.scalar().kernels(NmgKernels.class));
    }

    @Test
    void rejectsShapeMismatch() {
        NmgMatrix a = new NmgSparsifier(2, 4, 1).sparsify(SpmmParity.weights(1, 4, 6));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.spmm(a, new float[6 * 3], 0, 3, 3, new float[12], 0, 2, false, SpmmParity.RUNTIMES[0]));
    }
}
