package dev.sieve.nn;

import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The default, seeded generator used by layer initialisation (like {@code torch.manual_seed}), and init
 * helpers. The generator is global and synchronized; reseed with {@link #manualSeed} for reproducibility.
 */
public final class Init {
    private static SplittableRandom rng = new SplittableRandom(0);

    private Init() {}

    public static synchronized void manualSeed(long seed) {
        rng = new SplittableRandom(seed);
    }

    /** A fresh seed drawn from the global generator. */
    public static synchronized long nextSeed() {
        return rng.nextLong();
    }

    /** A tensor of {@code dims} filled with U(lo, hi) from {@code seed}. */
    public static Tensor uniform(long seed, double lo, double hi, int... dims) {
        Tensor t = Tensor.zeros(dims);
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return t;
    }
}
