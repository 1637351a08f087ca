package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossTest {
    @Test
    void crossEntropyValueMatchesFormula() {
        float[] x = {1f, 2f, 0.5f, -1f, 0f, 3f};
        int[] t = {1, 2};
        for (double eps : new double[] {0, 0.1}) {
            double expected = 0;
            for (int i = 0; i < 2; i++) {
                double lse = 0;
                for (int j = 0; j < 3; j++) lse += Math.exp(x[i * 3 + j]);
                lse = Math.log(lse);
                double nll = lse - x[i * 3 + t[i]];
                double meanNeg = 0;
                for (int j = 0; j < 3; j++) meanNeg += (lse - x[i * 3 + j]) / 3;
                expected += ((1 - eps) * nll + eps * meanNeg) / 2;
            }
            float got = new CrossEntropyLoss(eps).forward(Variable.constant(Tensor.of(x, 2, 3)), t).value().item();
            assertEquals(expected, got, 1e-5);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Variable.constant(Tensor.of(x, 2, 3)), new int[] {0, 3}));
    }

    @Test
    void crossEntropyGradient() {
        Variable logits = Variable.parameter(Tensor.uniform(7, -2, 2, 4, 5));
        int[] t = {0, 4, 2, 2};
        FiniteDiff.check("ce", () -> new CrossEntropyLoss().forward(logits, t), logits);
        FiniteDiff.check("ce smoothed", () -> new CrossEntropyLoss(0.2).forward(logits, t), logits);
    }

    @Test
    void mseValueAndGradient() {
        Variable a = Variable.parameter(Tensor.of(new float[] {1f, 2f, 3f}, 3));
        Variable b = Variable.constant(Tensor.of(new float[] {0f, 2f, 5f}, 3));
        assertEquals((1 + 0 + 4) / 3.0, new MSELoss().forward(a, b).value().item(), 1e-6);
        FiniteDiff.check("mse", () -> new MSELoss().forward(a, b), a);
    }

    @Test
    void bceWithLogitsStableValueAndGradient() {
        float[] x = {-30f, -1f, 0f, 0.5f, 40f};
        float[] y = {0f, 1f, 0.5f, 1f, 1f};
        double expected = 0; // naive formula in double: -(y·log σ + (1-y)·log(1-σ)), skipping zero-weight terms
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-(double) x[i]));
            if (y[i] != 0) expected -= y[i] * Math.log(s);
            if (y[i] != 1) expected -= (1 - y[i]) * Math.log1p(-s);
        }
        expected /= x.length;
        Variable lx = Variable.parameter(Tensor.of(x, 5));
        Variable ly = Variable.constant(Tensor.of(y, 5));
        Variable loss = new BCEWithLogitsLoss().forward(lx, ly);
        assertTrue(Float.isFinite(loss.value().item()));
        assertEquals(expected, loss.value().item(), 1e-5);
        loss.backward();
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-(double) x[i]));
            assertEquals((s - y[i]) / x.length, lx.grad().toArray()[i], 1e-6, "grad " + i);
        }
        Variable z = Variable.parameter(Tensor.uniform(3, -3, 3, 2, 3));
        Variable zy = Variable.constant(Tensor.uniform(4, 0, 1, 2, 3));
        FiniteDiff.check("bce", () -> new BCEWithLogitsLoss().forward(z, zy), z);
    }
}
