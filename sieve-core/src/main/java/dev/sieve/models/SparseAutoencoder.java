package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;
import dev.sieve.nn.ReLU;
import dev.sieve.nn.Sequential;
import dev.sieve.nn.SparseLinear;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;

/**
 * A fully connected autoencoder for 28x28 images: encoder {@code Linear(784, 256) → ReLU → Linear(256, 64) →
 * ReLU}, decoder {@code Linear(64, 256) → ReLU → Linear(256, 784)} (linear output; train with MSE against
 * the input).
 *
 * <p>"Sparse" in two senses. Its weights can be held in any sparse layout: {@link #toSparse} turns every
 * Linear into a {@link SparseLinear} pruned by the layout's default sparsifier. And {@link #l1Penalty} is an
 * L1 activity penalty that pushes the code towards sparse activations.
 *
 * <p>Children {@code encoder} and {@code decoder} are {@link Sequential}s, so the names match the PyTorch
 * module {@code encoder = nn.Sequential(Linear, ReLU, Linear, ReLU)}, {@code decoder = nn.Sequential(Linear,
 * ReLU, Linear)}: {@code encoder.0.weight [256, 784]}, ..., {@code decoder.2.bias [784]} (sparse:
 * {@code encoder.0.weight_values}, ...). Input {@code [n, 784]} or {@code [n, 28, 28]} (flattened); output
 * {@code [n, 784]}.
 */
public final class SparseAutoencoder extends Layer {
    public static final int IN = 784, HIDDEN = 256, CODE = 64;

    private final int in;
    private final Sequential encoder, decoder;

    /** 784-256-64, dense, initialised from {@code seed} (each Linear gets its own derived seed). */
    public SparseAutoencoder(long seed) {
        this(IN, HIDDEN, CODE, seed);
    }

    /** Other sizes {@code in-hidden-code}, same structure. */
    public SparseAutoencoder(int in, int hidden, int code, long seed) {
        this(in, new Sequential(new Linear(in, hidden, true, seed), new ReLU(), new Linear(hidden, code, true, seed + 1), new ReLU()),
                new Sequential(new Linear(code, hidden, true, seed + 2), new ReLU(), new Linear(hidden, in, true, seed + 3)));
    }

    /** 784-256-64 with every weight pruned to {@code layout} at {@code sparsity} right after init. */
    public static SparseAutoencoder sparse(Layout layout, double sparsity, long seed) {
        return new SparseAutoencoder(seed).toSparse(layout, sparsity);
    }

    private SparseAutoencoder(int in, Sequential encoder, Sequential decoder) {
        this.in = in;
        this.encoder = registerModule("encoder", encoder);
        this.decoder = registerModule("decoder", decoder);
    }

    /**
     * A new model with this one's current weights, every {@link Linear} replaced by a {@link SparseLinear}
     * pruned with {@code Sparsifiers.forLayout(layout, sparsity)} (magnitude for csr/csc/coo/masked, block L2
     * for bsr, top-n for n:m, ...); biases copied. This model is not changed.
     */
    public SparseAutoencoder toSparse(Layout layout, double sparsity) {
        Sparsifier<?> sparsifier = Sparsifiers.forLayout(layout, sparsity);
        return new SparseAutoencoder(in, sparsified(encoder, sparsifier), sparsified(decoder, sparsifier));
    }

    private static Sequential sparsified(Sequential dense, Sparsifier<?> sparsifier) {
        Sequential out = new Sequential();
        for (int i = 0; i < dense.size(); i++) {
            Layer l = dense.get(i);
            out.add(l instanceof Linear lin ? SparseLinear.fromLinear(lin, sparsifier) : l instanceof ReLU ? new ReLU() : l);
        }
        return out;
    }

    /** Whether the weights are held in sparse layouts. */
    public boolean isSparse() {
        return encoder.get(0) instanceof SparseLinear;
    }

    /** The code {@code [n, code]} (non-negative: it ends in a ReLU). */
    public Variable encode(Variable x) {
        int[] d = x.dims();
        if (d.length != 2) {
            if (d.length < 2) throw new IllegalArgumentException("SparseAutoencoder expects [n, " + in + "] or [n, 28, 28], got " + x.shape());
            x = Functions.reshape(x, d[0], -1);
        }
        if (x.dims()[1] != in)
            throw new IllegalArgumentException("SparseAutoencoder expects " + in + " features per example, got " + x.shape());
        return encoder.forward(x);
    }

    /** The reconstruction {@code [n, in]} of a code. */
    public Variable decode(Variable code) {
        return decoder.forward(code);
    }

    /** {@code decode(encode(x))}. */
    @Override
    public Variable forward(Variable x) {
        return decode(encode(x));
    }

    /**
     * The L1 activity penalty {@code λ · Σ|z| / n} of a code {@code z [n, code]} (the sum of absolute
     * activations, averaged over the batch), to add to the reconstruction loss.
     */
    public static Variable l1Penalty(Variable code, double lambda) {
        if (code.dims().length == 0) throw new IllegalArgumentException("l1Penalty: code must be [n, ...], got a scalar");
        Variable abs = Functions.add(Functions.relu(code), Functions.relu(Functions.neg(code)));
        float scale = (float) (lambda / code.dims()[0]);
        return Functions.mul(Functions.sum(abs), Variable.constant(Tensor.scalar(scale)));
    }

    public Sequential encoder() {
        return encoder;
    }

    public Sequential decoder() {
        return decoder;
    }
}
