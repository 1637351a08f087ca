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

    /** A tensor of {@code dims} filled with N(mean, std²) from {@code seed}. */
    public static Tensor normal(long seed, double mean, double std, int... dims) {
        Tensor t = Tensor.zeros(dims);
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = t.data();
        for (int i = 0; i < d.length; i += 2) {
            // Box–Muller: two independent normals per pair of uniforms.
            double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
            double rad = Math.sqrt(-2.0 * Math.log(u1));
            d[i] = (float) (mean + std * rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < d.length) d[i + 1] = (float) (mean + std * rad * Math.sin(2 * Math.PI * u2));
        }
        return t;
    }

    /**
     * PyTorch's default weight init for Linear, Conv, RNN-style layers: {@code kaiming_uniform_(a=√5)},
     * i.e. U(-b, b) with b = gain·√(3/fanIn), gain = √(2/(1+a²)) = √(1/3), so b = 1/√fanIn.
     */
    public static Tensor kaimingUniformDefault(long seed, int fanIn, int... dims) {
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        return uniform(seed, -bound, bound, dims);
    }

    /** Xavier/Glorot uniform: U(-b, b) with b = gain·√(6/(fanIn+fanOut)) (MultiheadAttention's in_proj). */
    public static Tensor xavierUniform(long seed, int fanIn, int fanOut, double gain, int... dims) {
        double bound = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(seed, -bound, bound, dims);
    }
}
