package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Optimizers on f(p) = Σ c_i·p_i² (gradient 2·c·p), compared with PyTorch's update formulas evaluated
 * here in double.
 */
class OptimTest {
    static final double[] C = {1.0, 0.5, 3.0};
    static final double[] P0 = {1.0, -2.0, 0.5};
    static final int STEPS = 5;

    interface Reference {
        /** Updates p (all elements) given state arrays, returns nothing; t is 1-based. */
        void step(double[] p, double[] g, double[][] state, int t);
    }

    static void run(java.util.function.Function<List<Variable>, Optimizer> make, Reference ref) {
        Variable p = Variable.parameter(Tensor.of(toFloat(P0), 3));
        Variable c = Variable.constant(Tensor.of(toFloat(C), 3));
        Optimizer opt = make.apply(List.of(p));
        double[] rp = P0.clone();
        double[][] state = new double[3][3];
        for (int t = 1; t <= STEPS; t++) {
            opt.zeroGrad();
            Functions.sum(Functions.mul(c, Functions.mul(p, p))).backward();
            opt.step();
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) g[i] = 2 * C[i] * rp[i];
            ref.step(rp, g, state, t);
            float[] got = p.value().toArray();
            for (int i = 0; i < 3; i++)
                assertEquals(rp[i], got[i], 1e-5 * Math.max(1, Math.abs(rp[i])), "step " + t + " element " + i);
        }
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    @Test
    void plainSgd() {
        run(ps -> new SGD(ps, 0.1), (p, g, s, t) -> {
            for (int i = 0; i < 3; i++) p[i] -= 0.1 * g[i];
        });
    }

    @Test
    void sgdMomentumWeightDecay() {
        double lr = 0.05, mu = 0.9, wd = 0.01;
        run(ps -> new SGD(ps, lr, mu, false, wd), (p, g, s, t) -> {
            for (int i = 0; i < 3; i++) {
                double d = g[i] + wd * p[i];
                s[0][i] = t == 1 ? d : mu * s[0][i] + d;
                p[i] -= lr * s[0][i];
            }
        });
    }

    @Test
    void sgdNesterov() {
        double lr = 0.05, mu = 0.8;
        run(ps -> new SGD(ps, lr, mu, true, 0), (p, g, s, t) -> {
            for (int i = 0; i < 3; i++) {
                s[0][i] = t == 1 ? g[i] : mu * s[0][i] + g[i];
                p[i] -= lr * (g[i] + mu * s[0][i]);
            }
        });
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Variable.parameter(Tensor.zeros(1))), 0.1, 0, true, 0));
    }

    static Reference adam(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        return (p, g, s, t) -> {
            for (int i = 0; i < 3; i++) {
                double gi = g[i];
                if (decoupled) p[i] *= 1 - lr * wd;
                else gi += wd * p[i];
                s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
                s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
                double mhat = s[0][i] / (1 - Math.pow(b1, t));
                double vhat = s[1][i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mhat / (Math.sqrt(vhat) + eps);
            }
        };
    }

    @Test
    void adamWithL2() {
        run(ps -> new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0.1), adam(0.01, 0.9, 0.999, 1e-8, 0.1, false));
        run(ps -> new Adam(ps, 0.1), adam(0.1, 0.9, 0.999, 1e-8, 0, false));
    }

    @Test
    void adamWDecoupled() {
        run(ps -> new AdamW(ps, 0.01, 0.8, 0.99, 1e-6, 0.5), adam(0.01, 0.8, 0.99, 1e-6, 0.5, true));
        run(ps -> new AdamW(ps, 0.02), adam(0.02, 0.9, 0.999, 1e-8, 0.01, true));
    }

    @Test
    void firstAdamStepMovesEachElementByLr() {
        // with bias correction the first step is lr·g/(|g| + eps) ≈ lr·sign(g)
        Variable p = Variable.parameter(Tensor.of(new float[] {3f, -4f}, 2));
        Adam opt = new Adam(List.of(p), 0.1);
        Functions.sum(Functions.mul(p, p)).backward();
        opt.step();
        assertArrayEquals(new float[] {2.9f, -3.9f}, p.value().toArray(), 1e-6f);
    }

    @Test
    void parametersWithoutGradAreSkippedAndZeroGradClears() {
        Variable a = Variable.parameter(Tensor.full(1f, 2)), b = Variable.parameter(Tensor.full(1f, 2));
        SGD opt = new SGD(List.of(a, b), 0.5);
        Functions.sum(a).backward();
        opt.step();
        assertArrayEquals(new float[] {0.5f, 0.5f}, a.value().toArray());
        assertArrayEquals(new float[] {1f, 1f}, b.value().toArray());
        opt.zeroGrad();
        assertNull(a.grad());
        opt.setLr(0.25);
        assertEquals(0.25, opt.lr());
        assertThrows(IllegalArgumentException.class, () -> opt.setLr(-1));
    }

    @org.junit.jupiter.api.Test
    void adamOnALargeParameterIsTheSameForAnyThreadCount() {
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            dev.sieve.parallel.Parallel.setThreads(threads);
            try {
                dev.sieve.autograd.Variable p = dev.sieve.autograd.Variable.parameter(dev.sieve.tensor.Tensor.randn(3, 300, 784));
                Adam adam = new Adam(java.util.List.of(p), 0.01, 0.9, 0.999, 1e-8, 0.01);
                for (int step = 0; step < 3; step++) {
                    p.zeroGrad();
                    dev.sieve.autograd.Functions.sum(dev.sieve.autograd.Functions.mul(p, p)).backward();
                    adam.step();
                }
                results[threads - 1] = p.value().toArray();
            } finally {
                dev.sieve.parallel.Parallel.setThreads(Runtime.getRuntime().availableProcessors());
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[1]);
    }
}
