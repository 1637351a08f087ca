package dev.sieve.prune;

import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/** Keep-masks: float tensors of 1 (kept) and 0 (pruned), shaped like the weight they mask. */
public final class Masks {
    private Masks() {}

    /** {@code target[i] *= keep[i]} in place (sizes must match; shapes may differ, e.g. a 2-D view of a conv weight). */
    public static void apply(Tensor target, Tensor keep) {
        checkSize(target, keep);
        float[] t = target.data(), k = keep.data();
        int to = target.offset(), ko = keep.offset();
        for (int i = 0, n = target.size(); i < n; i++) if (k[ko + i] == 0f) t[to + i] = 0f;
    }

    /** The number of kept (nonzero) positions of {@code keep}. */
    public static long kept(Tensor keep) {
        float[] k = keep.data();
        int ko = keep.offset();
        long c = 0;
        for (int i = 0, n = keep.size(); i < n; i++) if (k[ko + i] != 0f) c++;
        return c;
    }

    /** The fraction of pruned positions of {@code keep} (0 for an empty mask). */
    public static double sparsity(Tensor keep) {
        return keep.size() == 0 ? 0.0 : 1.0 - (double) kept(keep) / keep.size();
    }

    /** The positions a sparse matrix stores (explicit zeros included, padding excluded) as a [rows, cols] mask. */
    public static Tensor of(SparseMatrix m) {
        Tensor keep = Tensor.zeros(m.rows(), m.cols());
        float[] k = keep.data();
        var coo = m.toCoo();
        int[] r = coo.rowIdx(), c = coo.colIdx();
        for (int e = 0; e < coo.nnz(); e++) k[r[e] * m.cols() + c[e]] = 1f;
        return keep;
    }

    /** A mask of {@code rows x cols} keeping the row-major positions {@code kept}. */
    static Tensor ofPositions(int rows, int cols, int[] kept) {
        Tensor keep = Tensor.zeros(rows, cols);
        float[] k = keep.data();
        for (int p : kept) k[p] = 1f;
        return keep;
    }

    /** The 2-D view [dim 0, product of the others] of a tensor of rank >= 2 (shares storage). */
    static Tensor matrixView(Tensor t) {
        if (t.rank() < 2) throw new IllegalArgumentException("pruning needs a weight of rank >= 2, got shape " + t.shape());
        return t.reshape(t.dim(0), t.size() / Math.max(1, t.dim(0)));
    }

    static void checkSize(Tensor target, Tensor keep) {
        if (keep == null || keep.size() != target.size())
            throw new IllegalArgumentException("mask has " + (keep == null ? "no" : keep.size() + "") + " elements, the tensor " + target.size()
                    + " (shape " + target.shape() + ")");
    }
}
