package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pruned weight must look like: which positions survive given scores and a sparsity, and the layout
 * the weight is converted to at the end ({@link Targets} makes them). Weights of rank &gt; 2 are seen as
 * their 2-D view [dim 0, product of the others], so scores and masks passed here are 2-D.
 *
 * <p>A global target ranks all the parameters that share it (the same instance, through one or more
 * selections) against one threshold; a per-layer target ranks each parameter on its own.
 */
public interface Target {
    /** The final sparsity; for n:m and n:m:g the one the pattern fixes, 1 − n/m. */
    double sparsity();

    /** The layout {@link Pruner#materialize()} converts a pruned Linear to. */
    Layout layout();

    /** The same selection rule, materialized in {@code layout} instead (e.g. an unstructured mask held as bsr). */
    Target materializeAs(Layout layout);

    /** Whether parameters sharing this target are ranked together. */
    default boolean isGlobal() {
        return false;
    }

    /**
     * The global variant: one ranking over every parameter that uses the returned instance.
     *
     * @throws UnsupportedOperationException for targets without one (n:m, n:m:g, per-row)
     */
    default Target global() {
        throw new UnsupportedOperationException(this + " has no global variant");
    }

    /**
     * The keep-mask [rows, cols] (1 kept, 0 pruned) for 2-D {@code scores} at {@code sparsity} (between 0 and
     * {@link #sparsity()}: schedules ramp up to it).
     */
    Tensor mask(Tensor scores, double sparsity);

    /** The masks of parameters ranked together (a global target); per-layer targets mask each on its own. */
    default List<Tensor> masks(List<Tensor> scores, double sparsity) {
        List<Tensor> out = new ArrayList<>(scores.size());
        for (Tensor s : scores) out.add(mask(s, sparsity));
        return out;
    }

    /**
     * Whether masks may be chosen block of {@code blockSize} columns by block with earlier columns pinned
     * (SparseGPT's adaptive selection): true when the rule decomposes over columns that way.
     */
    default boolean columnSeparable(int blockSize, double sparsity) {
        return false;
    }
}
