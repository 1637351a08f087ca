package dev.sieve.kernel.panama;

import dev.sieve.kernel.sparse.ScalarSparseSoftmaxKernels;
import dev.sieve.kernel.sparse.SparseSoftmaxKernels;

/**
 * {@link SparseSoftmaxKernels} over the Vector API softmax of each row's contiguous values (max,
 * exp from exact operations, sum, divide; masked tails), so short rows cost a few masked vector
 * operations rather than a scalar exp per value.
 */
public final class PanamaSparseSoftmaxKernels extends ScalarSparseSoftmaxKernels {
    public PanamaSparseSoftmaxKernels() {
        super(new PanamaNormalizationKernels());
    }
}
