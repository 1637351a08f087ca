package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.LayoutConversions;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;

/** A masked weight in a sparse layout. */
final class Materialize {
    private Materialize() {}

    /**
     * The weight with its pruned positions removed, held in {@code layout}. Layouts that store any
     * pattern hold the masked weight exactly; n:m and n:m:g select by the mask first and magnitude second,
     * so a mask that fits the pattern is kept exactly and one that does not loses its smallest kept values.
     */
    static SparseMatrix toLayout(Tensor weight, Tensor keep, Layout layout) {
        if (weight.rank() != 2) throw new IllegalArgumentException("a layout holds a 2-D weight, got " + weight.shape());
        Tensor masked = weight.copy();
        Masks.apply(masked, keep);
        if (layout instanceof Layout.Nm || layout instanceof Layout.Nmg) {
            float[] s = masked.toArray(), k = keep.toArray();
            for (int i = 0; i < s.length; i++) s[i] = k[i] != 0f ? 1f + Math.abs(s[i]) : 0f;
            return Sparsifiers.forLayout(layout).sparsify(masked, Tensor.wrap(s, masked.dims()));
        }
        return LayoutConversions.hold(masked, layout);
    }
}
