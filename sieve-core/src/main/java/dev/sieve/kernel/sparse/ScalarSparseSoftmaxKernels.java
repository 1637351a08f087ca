package dev.sieve.kernel.sparse;

import dev.sieve.kernel.NormalizationKernels;
import dev.sieve.kernel.ScalarNormalizationKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;

/** The reference of {@link SparseSoftmaxKernels}: the scalar dense softmax (in double) over each row's values. */
public class ScalarSparseSoftmaxKernels implements SparseSoftmaxKernels {
    private final NormalizationKernels rows;

    public ScalarSparseSoftmaxKernels() {
        this(new ScalarNormalizationKernels());
    }

    /** Row softmax by way of another run kernel (the vector implementation passes its own). */
    protected ScalarSparseSoftmaxKernels(NormalizationKernels rows) {
        this.rows = rows;
    }

    @Override
    public final void softmax(CsrMatrix a, float[] out, int outOff, ParallelRuntime runtime) {
        DenseArgs.vector("out", out, outOff, a.nnz());
        if (out == a.data()) throw new IllegalArgumentException("out must not be the matrix's own (read-only) values");
        int[] rp = a.rowPtr();
        float[] v = a.data();
        // Each row's values are one contiguous run, so a row is exactly a dense softmax of that run.
        RowSplit.byWeight(runtime, a.rows(), rp, (r0, r1) -> {
            for (int i = r0; i < r1; i++) rows.softmax(v, rp[i], out, outOff + rp[i], rp[i + 1] - rp[i]);
        });
    }
}
