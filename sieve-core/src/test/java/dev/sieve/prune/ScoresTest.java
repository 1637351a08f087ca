package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ScoresTest {
    static final Tensor W = Tensor.of(new float[] {1, -2, 0.5f, 0, -3, 4}, 2, 3);
    static final Tensor G1 = Tensor.of(new float[] {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f}, 2, 3);
    static final Tensor G2 = Tensor.of(new float[] {-0.2f, 0.1f, 0.3f, 0.1f, -0.5f, 0.2f}, 2, 3);

    static void assertScores(double[] expected, Tensor actual) {
        float[] a = actual.toArray();
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], a[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
    }

    @Test
    void magnitude() {
        assertArrayEquals(new float[] {1, 2, 0.5f, 0, 3, 4}, Scores.magnitude().create(W.dims()).scores(W).toArray());
        Tensor nan = Tensor.of(new float[] {1, Float.NaN}, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> Scores.magnitude().create(nan.dims()).scores(nan));
    }

    @Test
    void taylorAccumulatesSquaredProductsUntilAnUpdate() {
        Importance t = Scores.taylor().create(W.dims());
        assertThrows(IllegalStateException.class, () -> t.scores(W));
        t.observeGradient(W, G1);
        t.observeGradient(W, G2);
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            double a = G1.data()[i] * W.data()[i], b = G2.data()[i] * W.data()[i];
            expected[i] = a * a + b * b;
        }
        assertScores(expected, t.scores(W));
        t.afterUpdate();
        assertThrows(IllegalStateException.class, () -> t.scores(W), "a new interval after each mask update");
    }

    @Test
    void movementIsMinusTheSumOfGradientTimesWeightShiftedToZero() {
        Importance m = Scores.movement().create(W.dims());
        m.observeGradient(W, G1);
        m.afterUpdate(); // movement keeps accumulating across updates
        m.observeGradient(W, G2);
        double[] raw = new double[6];
        double min = Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            raw[i] = -(G1.data()[i] + G2.data()[i]) * W.data()[i];
            min = Math.min(min, raw[i]);
        }
        for (int i = 0; i < 6; i++) raw[i] -= min;
        assertScores(raw, m.scores(W));
        m.resetGradients();
        assertThrows(IllegalStateException.class, () -> m.scores(W));
    }

    @Test
    void wandaWeighsMagnitudeByTheInputColumnNorms() {
        Importance w = Scores.wanda().create(W.dims());
        w.observeInput(Tensor.of(new float[] {1, 0, 2, 3, 0, 0}, 2, 3));
        w.observeInput(Tensor.of(new float[] {0, 0, 2}, 1, 3));
        double[] norms = {Math.sqrt(10), 0, Math.sqrt(8)};
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) expected[i] = Math.abs(W.data()[i]) * norms[i % 3];
        assertScores(expected, w.scores(W));
        w.afterUpdate();
        assertThrows(IllegalStateException.class, () -> w.scores(W));
        assertThrows(IllegalArgumentException.class, () -> Scores.wanda().create(new int[] {2, 3, 4}));
    }

    @Test
    void sparseGptScoresAreTheSaliency() {
        Importance s = Scores.sparseGpt().create(W.dims());
        Tensor x = Tensor.randn(3, 10, 3);
        s.observeInput(x);
        SparseGpt.Hessian h = new SparseGpt.Hessian(3);
        h.add(x);
        assertArrayEquals(SparseGpt.saliency(W, SparseGpt.factor(h, 0.01)).toArray(), s.scores(W).toArray());
    }

    @Test
    void byName() {
        for (String n : new String[] {"magnitude", "taylor", "movement", "wanda", "sparsegpt"}) assertEquals(n, Scores.named(" " + n.toUpperCase() + " ").name());
        assertThrows(IllegalArgumentException.class, () -> Scores.named("random"));
        assertThrows(IllegalArgumentException.class, () -> Scores.sparseGpt(0, 0.01));
    }
}
