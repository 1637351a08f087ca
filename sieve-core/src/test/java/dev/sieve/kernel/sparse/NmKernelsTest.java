package dev.sieve.kernel.sparse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.panama.PanamaNmKernels;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmSparsifier;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NmKernelsTest {
    private static final NmKernels FAST = new PanamaNmKernels();
    private static final NmKernels REF = new ScalarNmKernels();

    @ParameterizedTest(name = "nm:{2}:{3} {0}x{1}")
    @CsvSource({
        "1, 1, 1, 1",
        "1, 4, 2, 4",
        "5, 1, 1, 4",
        "13, 29, 2, 4",
        "17, 30, 1, 4",
        "70, 95, 2, 8",
        "33, 50, 3, 7",
        "64, 64, 4, 4",
        "40, 130, 1, 16",
        "9, 3, 2, 4",
    })
    void matchesScalarAndDense(int rows, int cols, int n, int m) {
        Tensor w = SpmmParity.weights(rows * 1000L + cols + n, rows, cols);
        NmMatrix a = new NmSparsifier(n, m).randomized(rows + cols).sparsify(w);
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), a.layout().toString());
    }

    @Test
    void providerFindsTheVectorKernels() {
        assertInstanceOf(PanamaNmKernels.class, VectorizationProvider.get().kernels(NmKernels.class));
        assertInstanceOf(ScalarNmKernels.class, VectorizationProvider.scalar().kernels(NmKernels.class));
    }

    @Test
    void rejectsShapeMismatch() {
        NmMatrix a = new NmSparsifier(2, 4).sparsify(SpmmParity.weights(1, 4, 6));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.spmm(a, new float[5 * 3], 0, 3, 3, new float[12], 0, 3, false, SpmmParity.RUNTIMES[0]));
    }
}
