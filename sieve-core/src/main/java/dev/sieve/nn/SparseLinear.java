package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.SparseParameter;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import java.util.Arrays;

/**
 * y = x·Wᵀ + b with W {@code [out, in]} sparse on a fixed pattern ({@link SparseParameter}, any layout):
 * x must be {@code [tokens, in]}. The trainable parameter is named {@code weight_values}: the 1-D stored
 * values in the layout's storage order (see docs/autograd.md), so its state-dict entry is not {@code [out, in]}.
 */
public final class SparseLinear extends Layer {
    private final SparseParameter weight;
    private final Variable bias;

    /** Starts from {@code pattern}'s stored values; {@code bias} ([out]) may be null. */
    public SparseLinear(SparseMatrix pattern, Variable bias) {
        this.weight = SparseParameter.of(pattern);
        if (bias != null && !Arrays.equals(bias.dims(), new int[] {pattern.rows()}))
            throw new IllegalArgumentException("bias must be [" + pattern.rows() + "], got " + bias.shape());
        registerParameter("weight_values", weight.values());
        this.bias = bias == null ? null : registerParameter("bias", bias);
    }

    /** Prunes a dense layer's weight with {@code sparsifier}; the bias is copied. */
    public static SparseLinear fromLinear(Linear dense, Sparsifier<?> sparsifier) {
        SparseMatrix pattern = sparsifier.sparsify(dense.weight().value());
        Variable b = dense.bias() == null ? null : Variable.parameter(dense.bias().value().copy());
        return new SparseLinear(pattern, b);
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.sparseLinear(x, weight, bias);
    }

    public SparseParameter weight() {
        return weight;
    }

    /** The bias, or null. */
    public Variable bias() {
        return bias;
    }
}
