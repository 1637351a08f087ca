package dev.sieve.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Finite-difference gradient checks. The function's output is contracted with fixed random weights w
 * (loss = Σ w·f(x)) so every output element's gradient is exercised; each input element is moved by ±h
 * and the central difference (L(x+h) − L(x−h)) / 2h, with L accumulated in double, is compared with the
 * analytic gradient.
 *
 * <p>Tolerance: with float32 forward passes, rounding in L is about 1e-7·Σ|w·f| ≈ 1e-6 here, i.e. ~1e-4
 * after dividing by 2h = 2e-2; the truncation error of the central difference is h²/6·|f'''| ≈ 2e-5 for
 * the smooth functions tested. So |analytic − numeric| ≤ 1e-2·max(1, |analytic|) leaves a wide margin
 * while still catching wrong formulas (which are off by O(1)). Functions with kinks (relu, max) are
 * tested on inputs at least 0.1 away from the kink, so ±h never crosses it.
 */
final class GradCheck {
    static final float H = 1e-2f;
    static final double TOL = 1e-2;

    private GradCheck() {}

    static void check(String what, Function<Variable[], Variable> f, Tensor... inputs) {
        Variable[] params = new Variable[inputs.length];
        for (int i = 0; i < inputs.length; i++) params[i] = Variable.parameter(inputs[i].copy());
        Variable out = f.apply(params);
        Tensor w = Tensor.uniform(12345, -1f, 1f, out.dims());
        out.backward(w);
        for (int i = 0; i < inputs.length; i++) {
            Tensor analytic = params[i].grad();
            assertNotNull(analytic, what + ": no gradient for input " + i);
            assertEquals(inputs[i].shape(), analytic.shape(), what + ": gradient shape of input " + i);
            float[] x = params[i].value().data();
            for (int j = 0; j < x.length; j++) {
                float saved = x[j];
                x[j] = saved + H;
                double plus = loss(f, params, w);
                x[j] = saved - H;
                double minus = loss(f, params, w);
                x[j] = saved;
                double numeric = (plus - minus) / (2.0 * H);
                double a = analytic.data()[analytic.offset() + j];
                double err = Math.abs(a - numeric);
                if (err > TOL * Math.max(1.0, Math.max(Math.abs(a), Math.abs(numeric)))) {
                    throw new AssertionError(what + ": input " + i + " (shape " + inputs[i].shape() + ") element " + j
                            + ": analytic " + a + ", numeric " + numeric);
                }
            }
        }
    }

    private static double loss(Function<Variable[], Variable> f, Variable[] params, Tensor w) {
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor y = f.apply(params).value();
            double s = 0;
            float[] yd = y.data(), wd = w.data();
            for (int i = 0; i < y.size(); i++) s += (double) yd[y.offset() + i] * wd[w.offset() + i];
            return s;
        }
    }

    /** Values in [lo, hi] with random signs: at least lo away from 0. */
    static Tensor awayFromZero(long seed, float lo, float hi, int... dims) {
        Tensor mag = Tensor.uniform(seed, lo, hi, dims);
        Tensor sign = Tensor.uniform(seed + 1, -1f, 1f, dims);
        float[] m = mag.data(), s = sign.data();
        for (int i = 0; i < m.length; i++) if (s[i] < 0) m[i] = -m[i];
        return mag;
    }

    /** A random permutation of 0, 0.1, 0.2, ...: distinct values with gaps of 0.1 > 2h. */
    static Tensor distinct(long seed, int... dims) {
        int n = Arrays.stream(dims).reduce(1, (p, q) -> p * q);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 0.1f * i - 0.05f * n;
        java.util.Random r = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Tensor.wrap(v, dims);
    }
}
