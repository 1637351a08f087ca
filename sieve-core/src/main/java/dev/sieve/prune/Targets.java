package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;

/**
 * The sparsity targets. Each chooses a keep-mask from any {@link Score}'s scores and names the layout
 * its pruned Linears are converted to; {@link Target#global()} gives the variant ranked over all the
 * parameters that share it (unstructured, blocks, tile-wise, neurons, channels, heads).
 */
public final class Targets {
    private Targets() {}

    /** Unstructured: the {@code round((1 − s) · size)} best positions of each weight; materialized as csr. */
    public static Target unstructured(double sparsity) {
        return new UnitTarget.Elements(sparsity, Layout.CSR, false);
    }

    /** Unstructured with the same sparsity in every row (Wanda's per-output comparison); csr. */
    public static Target unstructuredPerRow(double sparsity) {
        return new PerRowTarget(sparsity, Layout.CSR);
    }

    /** At most n of every aligned group of m along each row; sparsity 1 − n/m; nm:n:m. */
    public static Target nm(int n, int m) {
        Layout.Nm l = new Layout.Nm(n, m);
        return new PatternTarget(l, l);
    }

    /** STen's n:m:g; sparsity 1 − n/m; nmg:n:m:g. */
    public static Target nmg(int n, int m, int g) {
        Layout.Nmg l = new Layout.Nmg(n, m, g);
        return new PatternTarget(l, l);
    }

    /** Whole R x C blocks by the L2 norm of their scores (the rule of BSR's sparsifier); bsr:RxC. */
    public static Target blocks(int height, int width, double sparsity) {
        return new UnitTarget.Blocks(height, width, sparsity, new Layout.Bsr(height, width), false);
    }

    /** Tile-wise in two steps with tiles of {@code tileSize} kept output rows; tw:G. */
    public static Target tileWise(int tileSize, double sparsity) {
        return new TileWiseTarget(tileSize, sparsity, new Layout.TileWise(tileSize), false);
    }

    /** Whole output neurons: rows of a Linear weight [out, in], by the L2 norm of their scores; csr. */
    public static Target neurons(double sparsity) {
        return new UnitTarget.Rows("neurons", sparsity, Layout.CSR, false);
    }

    /** Whole output channels: dim 0 of a weight of any rank &gt;= 2 (a conv weight [O, C, kh, kw]). */
    public static Target channels(double sparsity) {
        return new UnitTarget.Rows("channels", sparsity, Layout.CSR, false);
    }

    /** Attention heads of {@code headSize} consecutive rows (e.g. an out-projection's input rows). */
    public static Target heads(int headSize, double sparsity) {
        return heads(headSize, 1, sparsity);
    }

    /**
     * Attention heads over {@code sections} equal parts of the rows: head h is the h-th group of
     * {@code headSize} rows in each part (sections = 3 for the q, k, v rows of in_proj_weight).
     */
    public static Target heads(int headSize, int sections, double sparsity) {
        return new UnitTarget.Heads(headSize, sections, sparsity, Layout.CSR, false);
    }

    /**
     * The target whose materialization layout is {@code layout}, as the CLI's {@code --layout L --sparsity S}
     * names it: unstructured for coo, csr, csc and masked; blocks for bsr; n:m; n:m:g; tile-wise for tw.
     *
     * @throws IllegalArgumentException for dense, or a sparsity that contradicts n:m / n:m:g
     */
    public static Target forLayout(Layout layout, double sparsity) {
        checkSparsity(sparsity);
        layout.impliedSparsity().ifPresent(implied -> {
            if (Math.abs(implied - sparsity) > 1e-9)
                throw new IllegalArgumentException(layout + " has sparsity " + implied + " by construction, not " + sparsity);
        });
        return switch (layout) {
            case Layout.Dense d -> throw new IllegalArgumentException("dense is not a sparse layout: nothing to prune to");
            case Layout.Coo c -> unstructured(sparsity).materializeAs(layout);
            case Layout.Csr c -> unstructured(sparsity);
            case Layout.Csc c -> unstructured(sparsity).materializeAs(layout);
            case Layout.Masked m -> unstructured(sparsity).materializeAs(layout);
            case Layout.Bsr b -> blocks(b.height(), b.width(), sparsity);
            case Layout.Nm nm -> nm(nm.n(), nm.m());
            case Layout.Nmg g -> nmg(g.n(), g.m(), g.g());
            case Layout.TileWise tw -> tileWise(tw.g(), sparsity);
        };
    }

    static void checkSparsity(double s) {
        if (!(s >= 0 && s <= 1)) throw new IllegalArgumentException("sparsity must be in [0, 1], got " + s);
    }

    static Layout checkMaterializable(Layout layout) {
        if (layout == null || layout instanceof Layout.Dense)
            throw new IllegalArgumentException("a pruned weight is materialized in a sparse layout, not " + layout);
        return layout;
    }

    /** Checks 2-D non-negative scores and a scheduled sparsity within [0, the target's]. */
    static void checkScheduled(Target target, Tensor scores, double s) {
        if (scores.rank() != 2) throw new IllegalArgumentException("scores must be 2-D, got shape " + scores.shape());
        if (!(s >= 0 && s <= target.sparsity() + 1e-9))
            throw new IllegalArgumentException("scheduled sparsity " + s + " is outside [0, " + target.sparsity() + "] of " + target);
    }
}
