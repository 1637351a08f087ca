package dev.sieve.kernel.sparse;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.ScalarGemmMicroKernel;
import dev.sieve.kernel.panama.PanamaTileWiseKernels;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.sparse.TileWiseSparsifier;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileWiseKernelsTest {
    private static final TileWiseKernels FAST = new PanamaTileWiseKernels();
    private static final TileWiseKernels REF = new ScalarTileWiseKernels();
    /** The packed path on the scalar micro-kernel (4 x 4): other tile sizes, same code. */
    private static final PackedTileWiseSpmm PACKED_SCALAR = new PackedTileWiseSpmm(new ScalarGemmMicroKernel());

    @ParameterizedTest(name = "tw:{2} {0}x{1} sparsity {3} {4}")
    @CsvSource({
        "1, 1, 1, 0.0, PER_TILE",
        "17, 1, 4, 0.5, PER_TILE",
        "1, 23, 8, 0.5, PER_TILE",
        "37, 29, 8, 0.75, PER_TILE",
        "70, 90, 16, 0.5, PER_MATRIX",
        "45, 300, 7, 0.6, PER_TILE",
        "90, 40, 32, 0.9, PER_MATRIX",
        "130, 270, 64, 0.75, PER_TILE",
        "20, 20, 4, 0.99, PER_TILE",
    })
    void matchesScalarAndDense(int rows, int cols, int g, double sparsity, TileWiseSparsifier.ColumnRanking ranking) {
        Tensor w = SpmmParity.weights(rows * 1000L + cols + g, rows, cols);
        TileWiseMatrix a = new TileWiseSparsifier(g, sparsity, ranking).randomized(rows + cols).sparsify(w);
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), a.layout().toString());
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> PACKED_SCALAR.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), a.layout() + " scalar micro-kernel");
    }

    @Test
    void emptyTilesAndDroppedRowsGiveZeros() {
        // rows 0, 2, 3 kept in tiles of 2: tile 0 = rows {0, 2} with column 1, tile 1 = row {3} with no column
        Tensor w = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3);
        TileWiseMatrix a = TileWiseMatrix.gather(w, 2, new int[] {0, 2, 3}, new int[][] {{1}, {}});
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), "hand-made tw:2");
    }

    @Test
    void longTilesCrossTheSliceDepth() {
        // more kept columns than one KC slice: later slices add into what the first one wrote
        Tensor w = SpmmParity.weights(5, 9, 2 * PackedTileWiseSpmm.KC + 37);
        TileWiseMatrix a = new TileWiseSparsifier(4, 0.1).sparsify(w);
        SpmmParity.check(a, (b, bo, lb, nc, c, co, lc, acc, rt) -> FAST.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt),
                (b, bo, lb, nc, c, co, lc, acc, rt) -> REF.spmm(a, b, bo, lb, nc, c, co, lc, acc, rt), "deep tw:4");
    }

    @Test
    void providerFindsTheVectorKernels() {
        assertInstanceOf(PanamaTileWiseKernels.class, VectorizationProvider.get().kernels(TileWiseKernels.class));
        assertInstanceOf(ScalarTileWiseKernels.class, VectorizationProvider.scalar().kernels(TileWiseKernels.class));
    }

    @Test
    void rejectsShapeMismatch() {
        TileWiseMatrix a = new TileWiseSparsifier(2, 0.5).sparsify(SpmmParity.weights(1, 4, 6));
        assertThrows(IllegalArgumentException.class,
                () -> FAST.spmm(a, new float[6 * 3], 0, 3, 3, new float[12], 1, 3, false, SpmmParity.RUNTIMES[0]));
    }
}
