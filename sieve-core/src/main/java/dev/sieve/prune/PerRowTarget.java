package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.MagnitudeSparsifier;
import dev.sieve.tensor.Tensor;

/**
 * Unstructured with the same sparsity in every row (per output, as Wanda compares weights): each row
 * keeps its {@code round((1 − s) · cols)} best positions, ties to the smaller column.
 */
final class PerRowTarget implements Target {
    private final double sparsity;
    private final Layout layout;

    PerRowTarget(double sparsity, Layout layout) {
        Targets.checkSparsity(sparsity);
        this.sparsity = sparsity;
        this.layout = Targets.checkMaterializable(layout);
    }

    @Override
    public double sparsity() {
        return sparsity;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public Target materializeAs(Layout layout) {
        return new PerRowTarget(sparsity, layout);
    }

    @Override
    public Tensor mask(Tensor scores, double s) {
        Targets.checkScheduled(this, scores, s);
        int rows = scores.dim(0), cols = scores.dim(1);
        Tensor keep = Tensor.zeros(rows, cols);
        float[] k = keep.data();
        for (int r = 0; r < rows; r++) {
            for (int c : MagnitudeSparsifier.keep(scores.row(r), s)) k[r * cols + c] = 1f;
        }
        return keep;
    }

    @Override
    public boolean columnSeparable(int blockSize, double s) {
        return true;
    }

    @Override
    public String toString() {
        return "unstructured per row(" + sparsity + ", as " + layout + ")";
    }
}
