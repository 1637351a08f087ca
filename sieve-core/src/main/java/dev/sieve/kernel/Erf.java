package dev.sieve.kernel;

/**
 * Single-precision erf and erfc, accurate to a few units in the last place. Java has no
 * {@code Math.erf}, so this approximation is shared by the scalar kernels and (coefficient for
 * coefficient) by the Vector API kernels; the tests check it against a double-precision reference.
 *
 * <p>Two pieces, fitted by {@code scripts/fit_approximations.py} (near-minimax in relative error):
 * <ul>
 *   <li>{@code |x| <= SPLIT}: {@code erf(x) = x + x·Q(x²)}; the leading term is exact, so rounding in
 *       the polynomial is damped about eightfold.</li>
 *   <li>{@code |x| > SPLIT}: {@code erfc(x) = e^(-x²) · t·R(t)} with {@code t = 1/(1 + x/2)}. R is smooth
 *       and bounded on the whole half-line (t goes to 0 as x grows), so one fit runs until erfc
 *       underflows. {@code x²} is split into {@code hi + lo} with an FMA because {@code e^(-x²)} would
 *       otherwise inherit the rounding error of x² magnified by x² (1e-6 relative at x = 4).</li>
 * </ul>
 * Measured against a double-precision reference over [-12, 12]: erf within 1e-7 relative (1 ulp);
 * erfc within 3.6e-7 relative (5 ulps) until it underflows near x = 10.
 */
public final class Erf {
    private Erf() {}

    /** Where the small-argument polynomial hands over to the tail formula. */
    public static final float SPLIT = 0.921875f;

    /** erfc(x) is below the smallest float beyond this, so larger |x| are clamped to it (keeps x² finite). */
    public static final float CLAMP = 10.5f;

    /** Q(u), u = x², lowest degree first: erf(x) = x + x·Q(x²) on |x| <= SPLIT. */
    public static final float Q0 = 0.12837915122509003f;
    public static final float Q1 = -0.37612494826316833f;
    public static final float Q2 = 0.1128181666135788f;
    public static final float Q3 = -0.026766637340188026f;
    public static final float Q4 = 0.004993204027414322f;
    public static final float Q5 = -0.0005990955396555364f;

    /** R(t), lowest degree first: erfc(x) = e^(-x²)·t·R(t), t = 1/(1 + x/2), on x > SPLIT. */
    public static final float R0 = 0.28208431601524353f;
    public static final float R1 = 0.28238481283187866f;
    public static final float R2 = 0.24339908361434937f;
    public static final float R3 = 0.19906392693519592f;
    public static final float R4 = -0.008646400645375252f;
    public static final float R5 = 0.23051415383815765f;
    public static final float R6 = -0.4169078767299652f;
    public static final float R7 = 0.2297469675540924f;
    public static final float R8 = -0.041472386568784714f;

    public static float erf(float x) {
        float a = Math.abs(x);
        if (!(a > SPLIT)) return small(x); // NaN goes here and stays NaN
        return Math.copySign(1f - tail(a), x);
    }

    public static float erfc(float x) {
        float a = Math.abs(x);
        if (!(a > SPLIT)) return 1f - small(x);
        float t = tail(a);
        return x > 0 ? t : 2f - t;
    }

    /** erf(x) for |x| <= SPLIT. */
    static float small(float x) {
        float u = x * x;
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Q5, u, Q4), u, Q3), u, Q2), u, Q1), u, Q0);
        return Math.fma(x, q, x);
    }

    /** erfc(a) for SPLIT < a. */
    static float tail(float a) {
        a = Math.min(a, CLAMP);
        float hi = a * a;
        float lo = Math.fma(a, a, -hi); // a² = hi + lo exactly
        float t = 1f / Math.fma(0.5f, a, 1f);
        float r = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(
                R8, t, R7), t, R6), t, R5), t, R4), t, R3), t, R2), t, R1), t, R0);
        float g = (float) Math.exp(-hi) * (t * r);
        return Math.fma(-lo, g, g); // e^(-lo) = 1 - lo to float precision, since |lo| < 4e-6
    }
}
