package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as {@code torch.nn.Embedding}:
 * {@code forward(indices)} maps integer indices of any shape to {@code indices.shape + [embeddingDim]}. The
 * parameter {@code weight [numEmbeddings, embeddingDim]} starts N(0, 1), as PyTorch's default. With a padding
 * index, that row starts at zero and never receives a gradient (it stays fixed under plain SGD/Adam).
 * Indices outside {@code [0, numEmbeddings)} are rejected with the offending position named.
 */
public final class Embedding extends Module {
    private static final int NONE = -1;

    private final int numEmbeddings, embeddingDim, paddingIdx;
    private final Variable weight;

    /** Initialised from the global generator ({@link Init#manualSeed}); no padding row. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, Init.nextSeed());
    }

    /** No padding row. */
    public Embedding(int numEmbeddings, int embeddingDim, long seed) {
        this(numEmbeddings, embeddingDim, NONE, seed, false);
    }

    /**
     * With padding row {@code paddingIdx}; a negative index counts from the end (−1 is the last row), as
     * PyTorch.
     */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, long seed) {
        this(numEmbeddings, embeddingDim, paddingIdx, seed, true);
    }

    /** {@link #Embedding(int, int, int, long)} initialised from the global generator. */
    public static Embedding withPadding(int numEmbeddings, int embeddingDim, int paddingIdx) {
        return new Embedding(numEmbeddings, embeddingDim, paddingIdx, Init.nextSeed());
    }

    private Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, long seed, boolean padded) {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be positive, got " + numEmbeddings
                    + " and " + embeddingDim);
        if (padded && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings))
            throw new IllegalArgumentException("Embedding: padding index " + paddingIdx + " out of range for " + numEmbeddings
                    + " embeddings (valid: " + -numEmbeddings + " .. " + (numEmbeddings - 1) + ")");
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = !padded ? NONE : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        Tensor w = Init.normal(seed, 0, 1, numEmbeddings, embeddingDim);
        if (this.paddingIdx != NONE) Arrays.fill(w.data(), this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim, 0f);
        this.weight = registerParameter("weight", Variable.parameter(w));
    }

    /** The embeddings of {@code indices} (any shape): {@code indices.shape + [embeddingDim]}. */
    public Variable forward(IntTensor indices) {
        return paddingIdx == NONE ? Functions.embedding(indices, weight) : Functions.embedding(indices, weight, paddingIdx);
    }

    /** The embeddings of a 1-D index array: {@code [indices.length, embeddingDim]}. */
    public Variable forward(int... indices) {
        long[] v = new long[indices.length];
        for (int i = 0; i < v.length; i++) v[i] = indices[i];
        return forward(IntTensor.of(v, v.length));
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row (normalised to {@code [0, numEmbeddings)}), if any. */
    public OptionalInt paddingIdx() {
        return paddingIdx == NONE ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    /** The table {@code [numEmbeddings, embeddingDim]}. */
    public Variable weight() {
        return weight;
    }
}
