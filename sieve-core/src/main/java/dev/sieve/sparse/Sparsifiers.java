package dev.sieve.sparse;

/** The default sparsifier for each layout name, as the CLI's {@code --layout L --sparsity S} uses them. */
public final class Sparsifiers {
    private Sparsifiers() {}

    /**
     * Magnitude for coo, csr, csc and masked; block L2 for bsr; top-n per group for n:m; greedy L1 for
     * n:m:g; two-step L2 for tw. n:m and n:m:g fix their own sparsity, and {@code sparsity} must equal
     * it.
     *
     * @throws IllegalArgumentException for {@code dense}, a sparsity outside [0, 1], or a sparsity that
     *     contradicts the layout
     */
    public static Sparsifier<? extends SparseMatrix> forLayout(Layout layout, double sparsity) {
        Checks.sparsity(sparsity);
        layout.impliedSparsity().ifPresent(implied -> {
            if (Math.abs(implied - sparsity) > 1e-9) {
                throw new IllegalArgumentException(layout + " has sparsity " + implied + " by construction, not " + sparsity);
            }
        });
        return switch (layout) {
            case Layout.Dense d -> throw new IllegalArgumentException("dense is not a sparse layout: nothing to sparsify");
            case Layout.Coo c -> MagnitudeSparsifier.coo(sparsity);
            case Layout.Csr c -> MagnitudeSparsifier.csr(sparsity);
            case Layout.Csc c -> MagnitudeSparsifier.csc(sparsity);
            case Layout.Masked mk -> MagnitudeSparsifier.masked(sparsity);
            case Layout.Bsr b -> new BlockL2Sparsifier(b.height(), b.width(), sparsity);
            case Layout.Nm nm -> new NmSparsifier(nm.n(), nm.m());
            case Layout.Nmg nmg -> new NmgSparsifier(nmg.n(), nmg.m(), nmg.g());
            case Layout.TileWise tw -> new TileWiseSparsifier(tw.g(), sparsity);
        };
    }

    /**
     * The sparsifier of a layout that fixes its own sparsity (n:m, n:m:g).
     *
     * @throws IllegalArgumentException if the layout needs a sparsity
     */
    public static Sparsifier<? extends SparseMatrix> forLayout(Layout layout) {
        double implied = layout.impliedSparsity().orElseThrow(
                () -> new IllegalArgumentException(layout + " needs a target sparsity"));
        return forLayout(layout, implied);
    }
}
