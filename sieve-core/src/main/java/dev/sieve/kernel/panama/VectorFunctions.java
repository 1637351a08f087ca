package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.Erf;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Elementwise functions over runs: exp, log, tanh, sigmoid, erfc and the GELUs.
 *
 * <p><b>Built from exact operations.</b> exp, log and tanh are written here from IEEE-exact
 * operations (add, mul, fma, div, compares, bit manipulation) rather than taken from the Vector API's
 * lanewise EXP/LOG/TANH. Those are fast where the JIT maps them to a vector math library (SVML on
 * x86), but until the JIT compiles a loop they run a per-lane Math fallback, and the two differ in
 * the last bit: on JDK 25/AVX2, 4% of exp results changed once the loop was compiled, so the same
 * input gave different outputs depending on JIT timing. Exact operations give the same bits
 * interpreted or compiled, on every platform.
 *
 * <p><b>Shaped for the JIT.</b> A FloatVector that crosses a call to a method the JIT did not inline
 * is boxed on the heap, and the JIT does not reliably inline methods this large (not at cold call
 * sites such as a loop's tail, nor once they have been compiled on their own). So no vector crosses a
 * method boundary here: every method is a loop over array runs whose body calls only the Vector API
 * (which is always inlined), with one masked iteration pattern so the math is written once. Composite
 * functions run their stages over blocks of {@link #BLOCK} elements through a per-thread scratch
 * buffer that stays in L1.
 */
final class VectorFunctions {
    /** Elements per stage block in composite functions; blocks of the scratch buffer stay in L1. */
    static final int BLOCK = 512;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2 * BLOCK]);

    private static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_CUBIC = (float) (0.044715 * Math.sqrt(2 / Math.PI));

    // ln 2 split so that k·LN2_HI is exact for |k| < 256 (LN2_HI has 16 significant bits)
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860676533018704e-6f;
    /** Adding 1.5·2^23 rounds a float of magnitude < 2^22 to an integer, which lands in the low mantissa bits. */
    private static final float ROUND_TO_INT = 0x1.8p23f;
    private static final int ROUND_TO_INT_BITS = 0x4B400000;
    private static final int SQRT_HALF_BITS = 0x3f3504f3;

    /** tanh(x) = x + x·z·P(z), z = x², for |x| <= TANH_SPLIT; fitted by scripts/fit_approximations.py. */
    private static final float TANH_SPLIT = 0.625f;
    private static final float T0 = -0.3333328068256378f;
    private static final float T1 = 0.13331441581249237f;
    private static final float T2 = -0.05373971536755562f;
    private static final float T3 = 0.02063908986747265f;
    private static final float T4 = -0.0057049887254834175f;

    private VectorFunctions() {}

    /** This thread's scratch buffer of 2·BLOCK floats, for the composite functions. */
    static float[] scratch() {
        return SCRATCH.get();
    }

    // ---- single stages ---------------------------------------------------------------------------

    /**
     * out = e^x within 1 ulp, subnormal results included. x = k·ln2 + r with |r| <= ln2/2, then e^r by
     * its Taylor polynomial to degree 7 (truncation error 6e-9 relative), scaled by 2^k. The scale is
     * applied as two halves so that k from -150 (subnormal results) to 128 (overflow to infinity)
     * stays within the exponent range of each factor. Inputs are clamped to [-104, 89], beyond which
     * the result is 0 or infinity anyway; NaN passes through the clamp (Math.max/min semantics).
     */
    static void exp(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector c = FloatVector.fromArray(S, x, xo + i, m).max(-104f).min(89f);
            FloatVector t = c.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_TO_INT));
            FloatVector k = t.sub(ROUND_TO_INT);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), c);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(1f / 5040, 1f / 720).fma(r, FloatVector.broadcast(S, 1f / 120)).fma(r, FloatVector.broadcast(S, 1f / 24)).fma(r, FloatVector.broadcast(S, 1f / 6))
                    .fma(r, FloatVector.broadcast(S, 0.5f)).fma(r, FloatVector.broadcast(S, 1f)).fma(r, FloatVector.broadcast(S, 1f));
            IntVector ki = t.reinterpretAsInts().sub(ROUND_TO_INT_BITS);
            IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
            IntVector k2 = ki.sub(k1);
            FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(s1).mul(s2).intoArray(out, oo + i, m);
        }
    }

    /**
     * out = ln x within about 1 ulp. x = 2^e·m with m in [√½, √2) read from the bits (subnormals are
     * first scaled by 2^23), f = m - 1 (exact), and log(1 + f) = 2·atanh(s) with s = f/(2 + f),
     * |s| <= 0.172, whose odd series converges fast (to s^9: 2e-9 relative). It is evaluated as
     * f - s·(f - R) so that the exact f carries the result and rounding only touches the small
     * correction. 0 gives -infinity, negatives and NaN give NaN, +infinity gives +infinity.
     */
    static void log(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, Float.MIN_NORMAL);
            IntVector bits = v.blend(v.mul(0x1p23f), subnormal).reinterpretAsInts().sub(SQRT_HALF_BITS);
            FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.ASHR, 23).convert(VectorOperators.I2F, 0))
                    .lanewise(VectorOperators.SUB, 23f, subnormal);
            FloatVector f = bits.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats().sub(1f);
            FloatVector s = f.div(f.add(2f));
            FloatVector z = s.mul(s);
            FloatVector rr = z.fma(2f / 9, 2f / 7).fma(z, FloatVector.broadcast(S, 2f / 5)).fma(z, FloatVector.broadcast(S, 2f / 3)).mul(z);
            FloatVector logM = f.sub(s.mul(f.sub(rr)));
            FloatVector y = e.fma(FloatVector.broadcast(S, LN2_HI), e.fma(FloatVector.broadcast(S, LN2_LO), logM));
            y = y.blend(FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), v.compare(VectorOperators.EQ, 0f));
            y = y.blend(FloatVector.broadcast(S, Float.POSITIVE_INFINITY), v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
            y = y.blend(FloatVector.broadcast(S, Float.NaN), v.compare(VectorOperators.LT, 0f).or(v.test(VectorOperators.IS_NAN)));
            y.intoArray(out, oo + i, m);
        }
    }

    /** out = c·|x|. */
    static void scaledAbs(float[] x, int xo, float c, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).abs().mul(c).intoArray(out, oo + i, m);
        }
    }

    /** out = x - c. */
    static void subtract(float[] x, int xo, float c, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).sub(c).intoArray(out, oo + i, m);
        }
    }

    /** out = x / c. */
    static void divide(float[] x, int xo, float c, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).div(c).intoArray(out, oo + i, m);
        }
    }

    /** out = 1/(1+e) where x >= 0, e/(1+e) below, given e = e^-|x|: sigmoid without overflow or lost tiny results. */
    private static void sigmoidFinish(float[] x, int xo, float[] e, int eo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i, m);
            FloatVector r = FloatVector.broadcast(S, 1f).div(ev.add(1f));
            r.blend(ev.mul(r), v.compare(VectorOperators.LT, 0f)).intoArray(out, oo + i, m);
        }
    }

    /**
     * tanh from e = e^(-2|x|). Small |x|: the fitted odd polynomial (tanh(x) - x is ~x³/3, so the exact
     * leading x carries the result); larger |x|: (1 - e)/(1 + e), with e <= 0.29 there so nothing
     * cancels, and the sign restored. -0 stays -0 and NaN stays NaN (both take the polynomial).
     */
    private static void tanhFinish(float[] x, int xo, float[] e, int eo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i, m);
            FloatVector z = v.mul(v);
            FloatVector p = z.fma(T4, T3).fma(z, FloatVector.broadcast(S, T2)).fma(z, FloatVector.broadcast(S, T1)).fma(z, FloatVector.broadcast(S, T0));
            FloatVector small = v.mul(z).fma(p, v);
            FloatVector big = FloatVector.broadcast(S, 1f).sub(ev).div(ev.add(1f));
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            small.blend(big, v.abs().compare(VectorOperators.GT, TANH_SPLIT)).intoArray(out, oo + i, m);
        }
    }

    /** out = -|2u| with u = √(2/π)·(x + 0.044715·x³): the exponent of the stable sigmoid(2u). */
    private static void geluTanhArgument(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector u = v.mul(v.mul(v).fma(FloatVector.broadcast(S, GELU_CUBIC), FloatVector.broadcast(S, SQRT_2_OVER_PI)));
            u.mul(2f).abs().neg().intoArray(out, oo + i, m);
        }
    }

    /** out = x·sigmoid(2u) given e = e^-|2u|, recomputing u exactly as {@link #geluTanhArgument} did. */
    private static void geluTanhFinish(float[] x, int xo, float[] e, int eo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(S, x, xo + i, m);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i, m);
            FloatVector u = v.mul(v.mul(v).fma(FloatVector.broadcast(S, GELU_CUBIC), FloatVector.broadcast(S, SQRT_2_OVER_PI)));
            FloatVector r = FloatVector.broadcast(S, 1f).div(ev.add(1f));
            v.mul(r.blend(ev.mul(r), u.compare(VectorOperators.LT, 0f))).intoArray(out, oo + i, m);
        }
    }

    /** out = -hi with hi = c·c, c = min(|y|, CLAMP): the exponent of erfc's tail formula. */
    private static void erfcArgument(float[] y, int yo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector c = FloatVector.fromArray(S, y, yo + i, m).abs().min(Erf.CLAMP);
            c.mul(c).neg().intoArray(out, oo + i, m);
        }
    }

    /**
     * {@link Erf#erfc(float)} lane by lane, with the same coefficients and operation order, given
     * e = e^(-hi) from {@link #erfcArgument}.
     */
    private static void erfcFinish(float[] y, int yo, float[] e, int eo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, y, yo + i, m);
            FloatVector ev = FloatVector.fromArray(S, e, eo + i, m);
            FloatVector a = x.abs();
            FloatVector u = x.mul(x);
            FloatVector q = u.fma(Erf.Q5, Erf.Q4).fma(u, FloatVector.broadcast(S, Erf.Q3)).fma(u, FloatVector.broadcast(S, Erf.Q2)).fma(u, FloatVector.broadcast(S, Erf.Q1)).fma(u, FloatVector.broadcast(S, Erf.Q0));
            FloatVector small = FloatVector.broadcast(S, 1f).sub(x.fma(q, x));
            FloatVector c = a.min(Erf.CLAMP);
            FloatVector hi = c.mul(c);
            FloatVector lo = c.fma(c, hi.neg());
            FloatVector t = FloatVector.broadcast(S, 1f).div(c.fma(0.5f, 1f));
            FloatVector r = t.fma(Erf.R8, Erf.R7).fma(t, FloatVector.broadcast(S, Erf.R6)).fma(t, FloatVector.broadcast(S, Erf.R5)).fma(t, FloatVector.broadcast(S, Erf.R4))
                    .fma(t, FloatVector.broadcast(S, Erf.R3)).fma(t, FloatVector.broadcast(S, Erf.R2)).fma(t, FloatVector.broadcast(S, Erf.R1)).fma(t, FloatVector.broadcast(S, Erf.R0));
            FloatVector g = ev.mul(t.mul(r));
            FloatVector tail = lo.neg().fma(g, g);
            FloatVector signedTail = tail.blend(FloatVector.broadcast(S, 2f).sub(tail), x.compare(VectorOperators.LE, 0f));
            small.blend(signedTail, a.compare(VectorOperators.GT, Erf.SPLIT)).intoArray(out, oo + i, m);
        }
    }

    /** out = (0.5·x)·c, the operation order of the scalar GELU. */
    private static void halfTimes(float[] x, int xo, float[] c, int co, float[] out, int oo, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xo + i, m).mul(0.5f).mul(FloatVector.fromArray(S, c, co + i, m)).intoArray(out, oo + i, m);
        }
    }

    // ---- composites, staged through scratch blocks -------------------------------------------------
    // Each stage is elementwise, so out may be x itself: a stage reads x[i] before writing out[i].

    /** out = 1/(1 + e^-x); uses s[0, BLOCK). */
    static void sigmoid(float[] x, int xo, float[] out, int oo, int n, float[] s) {
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            scaledAbs(x, xo + b, -1f, s, 0, len);
            exp(s, 0, s, 0, len);
            sigmoidFinish(x, xo + b, s, 0, out, oo + b, len);
        }
    }

    /** out = tanh x within about 1 ulp; uses s[0, BLOCK). */
    static void tanh(float[] x, int xo, float[] out, int oo, int n, float[] s) {
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            scaledAbs(x, xo + b, -2f, s, 0, len);
            exp(s, 0, s, 0, len);
            tanhFinish(x, xo + b, s, 0, out, oo + b, len);
        }
    }

    /** out = x·sigmoid(2u), the same value as 0.5·x·(1 + tanh u), without cancellation for x < 0; uses s[0, BLOCK). */
    static void geluTanh(float[] x, int xo, float[] out, int oo, int n, float[] s) {
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            geluTanhArgument(x, xo + b, s, 0, len);
            exp(s, 0, s, 0, len);
            geluTanhFinish(x, xo + b, s, 0, out, oo + b, len);
        }
    }

    /** out = erfc(y) as {@link Erf#erfc(float)}, up to the exp it calls; uses s[so, so + BLOCK). */
    static void erfc(float[] y, int yo, float[] out, int oo, int n, float[] s, int so) {
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            erfcArgument(y, yo + b, s, so, len);
            exp(s, so, s, so, len);
            erfcFinish(y, yo + b, s, so, out, oo + b, len);
        }
    }

    /** out = 0.5·x·erfc(-x/√2); uses s[0, 2·BLOCK). */
    static void geluErf(float[] x, int xo, float[] out, int oo, int n, float[] s) {
        for (int b = 0; b < n; b += BLOCK) {
            int len = Math.min(BLOCK, n - b);
            for (int i = 0; i < len; i += L) {
                VectorMask<Float> m = S.indexInRange(i, len);
                FloatVector.fromArray(S, x, xo + b + i, m).mul(-INV_SQRT_2).intoArray(s, BLOCK + i, m);
            }
            erfc(s, BLOCK, s, BLOCK, len, s, 0);
            halfTimes(x, xo + b, s, BLOCK, out, oo + b, len);
        }
    }
}
