package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.function.Function;

/**
 * Unstructured pruning to COO, CSR, CSC or masked: keeps exactly {@code round((1 - s) * rows * cols)}
 * positions, those with the largest scores; equal scores go to the smaller row-major index, so the
 * result is deterministic. If fewer weights than that are nonzero, zero-valued positions fill the
 * count and are stored as explicit zeros: the stored count, hence the sparsity, is exactly the one
 * asked for.
 *
 * @param <T> the layout produced
 */
public final class MagnitudeSparsifier<T extends SparseMatrix> implements Sparsifier<T> {
    private final double sparsity;
    private final Layout layout;
    private final Function<CooMatrix, T> fromSelection;

    private MagnitudeSparsifier(double sparsity, Layout layout, Function<CooMatrix, T> fromSelection) {
        Checks.sparsity(sparsity);
        this.sparsity = sparsity;
        this.layout = layout;
        this.fromSelection = fromSelection;
    }

    public static MagnitudeSparsifier<CooMatrix> coo(double sparsity) {
        return new MagnitudeSparsifier<>(sparsity, Layout.COO, c -> c);
    }

    public static MagnitudeSparsifier<CsrMatrix> csr(double sparsity) {
        return new MagnitudeSparsifier<>(sparsity, Layout.CSR, CsrMatrix::fromCoo);
    }

    public static MagnitudeSparsifier<CscMatrix> csc(double sparsity) {
        return new MagnitudeSparsifier<>(sparsity, Layout.CSC, CscMatrix::fromCoo);
    }

    public static MagnitudeSparsifier<MaskedMatrix> masked(double sparsity) {
        return new MagnitudeSparsifier<>(sparsity, Layout.MASKED, MaskedMatrix::fromCoo);
    }

    public double sparsity() {
        return sparsity;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public T sparsify(Tensor weights, Tensor scores) {
        Checks.scores(weights, scores);
        int rows = weights.dim(0), cols = weights.dim(1);
        int[] kept = keep(scores, sparsity);
        float[] w = weights.data();
        int base = weights.offset();
        int[] ri = new int[kept.length], ci = new int[kept.length];
        float[] v = new float[kept.length];
        for (int k = 0; k < kept.length; k++) {
            int p = kept[k];
            ri[k] = p / cols;
            ci[k] = p % cols;
            v[k] = w[base + p];
        }
        return fromSelection.apply(CooMatrix.owning(rows, cols, ri, ci, v));
    }

    /**
     * The row-major positions (increasing) of the {@code round((1 - s) * size)} largest scores, ties to
     * the smaller position. Exposed so a global variant can share the rule.
     */
    public static int[] keep(Tensor scores, double sparsity) {
        Checks.sparsity(sparsity);
        float[] s = scores.data();
        int base = scores.offset(), n = scores.size();
        return TopK.largest(n, Checks.keepCount(sparsity, n), i -> TopK.floatKey(s[base + i]));
    }

    @Override
    public String toString() {
        return "magnitude(" + layout + ", sparsity " + sparsity + ")";
    }
}
