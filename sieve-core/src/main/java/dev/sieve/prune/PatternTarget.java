package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.MagnitudeSparsifier;
import dev.sieve.sparse.NmSparsifier;
import dev.sieve.sparse.NmgSparsifier;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.tensor.Tensor;

/**
 * n:m and n:m:g: the pattern fixes the sparsity 1 − n/m, and the layout's own sparsifier chooses it
 * from the scores (top-n per group; greedy pattern assignment). Below the final sparsity, as a gradual
 * schedule asks, the mask is the final pattern plus the best-scoring positions outside it, enough of them
 * to reach the scheduled sparsity; so the pattern is reached smoothly and exactly at the end.
 */
final class PatternTarget implements Target {
    private final Layout pattern;
    private final Sparsifier<?> sparsifier;
    private final Layout layout;

    PatternTarget(Layout pattern, Layout layout) {
        this.pattern = pattern;
        this.sparsifier = switch (pattern) {
            case Layout.Nm nm -> new NmSparsifier(nm.n(), nm.m());
            case Layout.Nmg nmg -> new NmgSparsifier(nmg.n(), nmg.m(), nmg.g());
            default -> throw new IllegalArgumentException("not a fixed pattern: " + pattern);
        };
        this.layout = Targets.checkMaterializable(layout);
    }

    @Override
    public double sparsity() {
        return pattern.impliedSparsity().orElseThrow();
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public Target materializeAs(Layout layout) {
        return new PatternTarget(pattern, layout);
    }

    @Override
    public Tensor mask(Tensor scores, double s) {
        Targets.checkScheduled(this, scores, s);
        int rows = scores.dim(0), cols = scores.dim(1);
        Tensor keep = Masks.of(sparsifier.sparsify(Tensor.full(1f, rows, cols), scores));
        if (s >= sparsity() - 1e-12) return keep;
        long want = Math.round((1.0 - s) * rows * cols);
        long extra = want - Masks.kept(keep);
        float[] k = keep.data(), sc = scores.data();
        int outside = 0;
        for (float x : k) if (x == 0f) outside++;
        if (extra <= 0 || outside == 0) return keep;
        int[] at = new int[outside];
        float[] rest = new float[outside];
        for (int p = 0, q = 0; p < k.length; p++) {
            if (k[p] == 0f) {
                at[q] = p;
                rest[q++] = sc[scores.offset() + p];
            }
        }
        double restSparsity = 1.0 - (double) Math.min(extra, outside) / outside;
        for (int q : MagnitudeSparsifier.keep(Tensor.wrap(rest, outside), restSparsity)) k[at[q]] = 1f;
        return keep;
    }

    @Override
    public boolean columnSeparable(int blockSize, double s) {
        return pattern instanceof Layout.Nm nm && blockSize % nm.m() == 0 && s >= sparsity() - 1e-12;
    }

    @Override
    public String toString() {
        return pattern + "(as " + layout + ")";
    }
}
