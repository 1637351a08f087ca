package dev.sieve.prune;

import dev.sieve.ops.MatMul;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/** Times one layer's dense GEMM against its sparse kernel, as a Linear runs them (token-major input). */
final class LayerTiming {
    private LayerTiming() {}

    /** {dense µs, sparse µs}: best of {@code runs} interleaved runs after three warm-ups of each. */
    static double[] time(Tensor dense, SparseMatrix sparse, int tokens, int runs) {
        Tensor x = Tensor.uniform(42, -1f, 1f, tokens, dense.dim(1));
        double bestDense = Double.POSITIVE_INFINITY, bestSparse = Double.POSITIVE_INFINITY;
        float sink = 0;
        for (int w = 0; w < 3; w++) {
            sink += MatMul.linear(x, dense, null).data()[0];
            sink += SparseOps.linear(x, sparse, null).data()[0];
        }
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            sink += MatMul.linear(x, dense, null).data()[0];
            long t1 = System.nanoTime();
            sink += SparseOps.linear(x, sparse, null).data()[0];
            long t2 = System.nanoTime();
            bestDense = Math.min(bestDense, (t1 - t0) / 1e3);
            bestSparse = Math.min(bestSparse, (t2 - t1) / 1e3);
        }
        if (sink == 12345.678f) System.out.print(""); // keeps the results alive
        return new double[] {bestDense, bestSparse};
    }
}
