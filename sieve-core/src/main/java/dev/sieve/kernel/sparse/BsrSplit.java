package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;
import dev.sieve.sparse.BsrMatrix;

/** Splits the block rows of a BSR product between threads, balanced by stored blocks (shared by the scalar and vector kernels). */
public final class BsrSplit {
    private BsrSplit() {}

    /** Runs {@code body} over contiguous ranges of block rows, one range per chunk. */
    public static void forBlockRows(BsrMatrix a, int n, ParallelRuntime runtime, ParallelRuntime.RangeBody body) {
        int blockRows = a.blockRowCount();
        if (blockRows == 0) return;
        int[] ptr = a.blockRowPtr();
        long area = (long) a.blockHeight() * a.blockWidth();
        long work = ((long) ptr[blockRows] * area + (long) blockRows * a.blockHeight()) * Math.max(1, n);
        int parts = Math.min(StructuredSpmm.threadsFor(runtime, work), blockRows);
        if (parts <= 1) {
            body.run(0, blockRows);
            return;
        }
        // Weight of a block row: its blocks' multiply-adds plus writing its R output rows.
        long[] prefix = new long[blockRows + 1];
        for (int i = 0; i < blockRows; i++) {
            prefix[i + 1] = prefix[i] + (ptr[i + 1] - ptr[i]) * area + a.blockHeight();
        }
        int[] bounds = Ranges.splitByWeight(prefix, blockRows, parts);
        runtime.runChunks(parts, (p, all) -> {
            if (bounds[p + 1] > bounds[p]) body.run(bounds[p], bounds[p + 1]);
        });
    }
}
