package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Inverted dropout: in training mode each element is zeroed with probability p and the rest scaled by
 * 1/(1-p) (a constant mask multiplied in with {@link Functions#mul}); identity in eval mode or when p = 0.
 * Masks come from the module's own seeded generator.
 */
public final class Dropout extends Layer {
    private final double p;
    private final SplittableRandom rng;

    /** Seeded from the global generator ({@link Init#manualSeed}). */
    public Dropout(double p) {
        this(p, Init.nextSeed());
    }

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout probability must be in [0, 1]: " + p);
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    public double p() {
        return p;
    }

    @Override
    public Variable forward(Variable x) {
        if (!isTraining() || p == 0) return x;
        Tensor mask = Tensor.zeros(x.dims());
        float[] m = mask.data();
        float keep = p == 1 ? 0f : (float) (1.0 / (1.0 - p));
        for (int i = 0; i < m.length; i++) m[i] = rng.nextDouble() >= p ? keep : 0f;
        return Functions.mul(x, Variable.constant(mask));
    }
}
