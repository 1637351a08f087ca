package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.SparseParameter;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;

/**
 * y = x·Wᵀ + b with W stored {@code [out, in]} like PyTorch. Init as PyTorch's default: W ~ U(-1/√in, 1/√in)
 * (kaiming_uniform with a = √5) and b ~ U(-1/√in, 1/√in).
 *
 * <p>The weight may be switched to any sparse layout in place ({@link #sparsify}, {@link #useSparseWeight}):
 * the layer then computes with the sparse kernels, its trainable parameter becomes {@code weight_values}
 * (the stored values on a fixed pattern, see {@link SparseParameter}), and checkpoints store the weight
 * in the layout's PyTorch arrays under {@code weight} ({@code dev.sieve.models.Checkpoints}). Models
 * holding this Linear keep working unchanged.
 */
public final class Linear extends Layer implements InputObservable {
    private final int in, out;
    private Variable weight;
    private final Variable bias;
    private SparseParameter sparseWeight;
    private java.util.function.Consumer<dev.sieve.tensor.Tensor> inputObserver;

    /** Initialised from the global generator ({@link Init#manualSeed}). */
    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, Init.nextSeed());
    }

    public Linear(int in, int out, boolean bias, long seed) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("in and out must be positive: " + in + ", " + out);
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);
        this.weight = registerParameter("weight", Variable.parameter(Init.uniform(seed, -bound, bound, out, in)));
        this.bias = bias ? registerParameter("bias", Variable.parameter(Init.uniform(seed ^ 0x9E3779B97F4A7C15L, -bound, bound, out))) : null;
    }

    /**
     * Sets (or, with null, clears) a function that {@link #forward} calls with the value of its input as
     * {@code [tokens, in]} (a read-only view), e.g. to gather calibration statistics for pruning.
     */
    @Override
    public void setInputObserver(java.util.function.Consumer<dev.sieve.tensor.Tensor> observer) {
        this.inputObserver = observer;
    }

    @Override
    public Variable forward(Variable x) {
        if (inputObserver != null) {
            dev.sieve.tensor.Tensor v = x.value();
            if (v.rank() < 1 || v.dim(v.rank() - 1) != in)
                throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input " + x.shape() + " must end in " + in);
            inputObserver.accept(v.reshape(v.size() / in, in));
        }
        if (sparseWeight == null) return Functions.linear(x, weight, bias);
        int[] d = x.dims();
        if (d.length == 2) return Functions.sparseLinear(x, sparseWeight, bias);
        if (d.length < 1 || d[d.length - 1] != in)
            throw new IllegalArgumentException("Linear(" + in + ", " + out + "): input " + x.shape() + " must end in " + in);
        int tokens = x.value().size() / in;
        Variable y = Functions.sparseLinear(Functions.reshape(x, tokens, in), sparseWeight, bias);
        int[] outDims = d.clone();
        outDims[d.length - 1] = out;
        return Functions.reshape(y, outDims);
    }

    /**
     * Prunes the weight with {@code sparsifier} and switches this layer to the resulting sparse layout in
     * place (see {@link #useSparseWeight}); returns this.
     */
    public Linear sparsify(Sparsifier<?> sparsifier) {
        return useSparseWeight(sparsifier.sparsify(denseWeight()));
    }

    /**
     * Switches to the sparse weight {@code w} ([out, in], any layout; its stored values become the trainable
     * {@code weight_values}); returns this. Optimizers built before the switch still hold the old parameter:
     * build them afterwards.
     */
    public Linear useSparseWeight(SparseMatrix w) {
        if (w.rows() != out || w.cols() != in)
            throw new IllegalArgumentException("sparse weight must be [" + out + ", " + in + "], got [" + w.rows() + ", " + w.cols() + "]");
        SparseParameter p = SparseParameter.of(w);
        replaceParameter(sparseWeight == null ? "weight" : "weight_values", "weight_values", p.values());
        sparseWeight = p;
        weight = null;
        return this;
    }

    /** Switches back to a dense weight holding the current (sparse) values; returns this. */
    public Linear densify() {
        if (sparseWeight == null) return this;
        weight = Variable.parameter(sparseWeight.matrix().toDense());
        replaceParameter("weight_values", "weight", weight);
        sparseWeight = null;
        return this;
    }

    /** Whether the weight is held in a sparse layout. */
    public boolean isSparse() {
        return sparseWeight != null;
    }

    /** The dense weight parameter [out, in]; for a sparse layer use {@link #sparseWeight()} or {@link #denseWeight()}. */
    public Variable weight() {
        if (sparseWeight != null)
            throw new IllegalStateException("this Linear holds its weight as " + sparseWeight.pattern().layout()
                    + "; use sparseWeight() or denseWeight()");
        return weight;
    }

    /** The sparse weight, or null when the weight is dense. */
    public SparseParameter sparseWeight() {
        return sparseWeight;
    }

    /** The current weight as a dense [out, in] tensor (a copy when sparse, the live value when dense). */
    public dev.sieve.tensor.Tensor denseWeight() {
        return sparseWeight != null ? sparseWeight.matrix().toDense() : weight.value();
    }

    /** The bias, or null. */
    public Variable bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }
}
