package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;
import dev.sieve.sparse.TileWiseMatrix;

/** How a tile-wise product is divided between threads. */
final class TileWiseSplit {
    /** A thread's share: output rows {@code [i0, i1)}, columns {@code [j0, j1)}. */
    @FunctionalInterface
    interface Body {
        void run(int i0, int i1, int j0, int j1);
    }

    private TileWiseSplit() {}

    /** Index of the first kept row {@code >= row} (binary search; kept rows are increasing). */
    static int firstKeptAtOrAfter(int[] kept, int row) {
        int lo = 0, hi = kept.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (kept[mid] < row) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * With enough columns, each thread takes whole {@code nr}-wide slivers of C over every tile: no
     * work is duplicated (each thread gathers only its columns of B) and the split is exact. With few
     * columns, output rows are split instead, weighted by their tile's kept columns.
     */
    static void run(TileWiseMatrix a, int n, int nr, ParallelRuntime runtime, Body body) {
        int rows = a.rows();
        if (rows == 0) return;
        long work = ((long) a.nnz() + rows) * n;
        int threads = StructuredSpmm.threadsFor(runtime, work);
        int slivers = (n + nr - 1) / nr;
        if (threads <= 1) {
            body.run(0, rows, 0, n);
        } else if (slivers >= 2 * threads) {
            runtime.runChunks(threads, (p, all) -> {
                int j0 = Ranges.start(slivers, all, p) * nr, j1 = Math.min(n, Ranges.start(slivers, all, p + 1) * nr);
                if (j1 > j0) body.run(0, rows, j0, j1);
            });
        } else {
            int[] kept = a.keptRows();
            long[] prefix = new long[rows + 1];
            for (int i = 0, k = 0; i < rows; i++) {
                long w = 1;
                if (k < kept.length && kept[k] == i) w += a.tileColCount(k++ / a.tileSize());
                prefix[i + 1] = prefix[i] + w;
            }
            int parts = Math.min(threads, rows);
            int[] bounds = Ranges.splitByWeight(prefix, rows, parts);
            runtime.runChunks(parts, (p, all) -> {
                if (bounds[p + 1] > bounds[p]) body.run(bounds[p], bounds[p + 1], 0, n);
            });
        }
    }
}
