package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Optimizer.maskState: pruned positions lose their momentum / moments, kept positions are untouched. */
class OptimizerMaskStateTest {
    static final Tensor KEEP = Tensor.of(new float[] {1, 0, 1, 0, 1, 1}, 2, 3);

    /** Steps with a constant gradient; masks state, weights and gradients after step 3 when {@code mask}. */
    static float[] run(Function<List<Variable>, Optimizer> make, boolean mask) {
        Variable p = Variable.parameter(Tensor.of(new float[] {1, -2, 0.5f, 3, -1, 2}, 2, 3));
        Optimizer opt = make.apply(List.of(p));
        float[] g = {0.3f, -0.7f, 1.1f, 0.2f, -0.4f, 0.9f};
        for (int t = 0; t < 8; t++) {
            float[] grad = g.clone();
            if (mask && t >= 3) for (int i = 0; i < 6; i++) if (KEEP.data()[i] == 0f) grad[i] = 0f;
            setGrad(p, Tensor.of(grad, 2, 3));
            opt.step();
            if (mask && t == 2) {
                float[] v = p.value().data();
                for (int i = 0; i < 6; i++) if (KEEP.data()[i] == 0f) v[i] = 0f;
                opt.maskState(p, KEEP);
            }
        }
        return p.value().toArray();
    }

    static void setGrad(Variable p, Tensor g) {
        p.zeroGrad();
        // backward of sum(p * g) puts exactly g into p.grad
        dev.sieve.autograd.Functions.sum(dev.sieve.autograd.Functions.mul(p, Variable.constant(g))).backward();
    }

    static void check(Function<List<Variable>, Optimizer> make) {
        float[] free = run(make, false), masked = run(make, true);
        for (int i = 0; i < 6; i++) {
            if (KEEP.data()[i] == 0f) {
                assertEquals(0f, masked[i], 0f, "pruned position " + i + " stays 0");
            } else {
                assertEquals(free[i], masked[i], 1e-6f, "kept position " + i + " keeps its state");
            }
        }
    }

    @Test
    void sgdMomentumAndNesterov() {
        check(ps -> new SGD(ps, 0.1, 0.9, false, 0.01));
        check(ps -> new SGD(ps, 0.1, 0.9, true, 0));
    }

    @Test
    void adamAndAdamW() {
        check(ps -> new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0.01));
        check(ps -> new AdamW(ps, 0.01));
    }

    @Test
    void withoutMaskingMomentumMovesPrunedWeights() {
        // The control: zeroing weights and gradients alone is not enough with momentum.
        Variable p = Variable.parameter(Tensor.of(new float[] {1, 1}, 2));
        SGD opt = new SGD(List.of(p), 0.1, 0.9, false, 0);
        setGrad(p, Tensor.of(new float[] {1, 1}, 2));
        opt.step();
        p.value().data()[1] = 0f;
        setGrad(p, Tensor.of(new float[] {1, 0}, 2));
        opt.step();
        assertNotEquals(0f, p.value().data()[1]);
    }

    @Test
    void misuseIsReported() {
        Variable p = Variable.parameter(Tensor.zeros(2, 3)), q = Variable.parameter(Tensor.zeros(4));
        Adam opt = new Adam(List.of(p), 0.1);
        assertThrows(IllegalArgumentException.class, () -> opt.maskState(q, Tensor.zeros(4)));
        assertThrows(IllegalArgumentException.class, () -> opt.maskState(p, Tensor.zeros(5)));
        opt.maskState(p, KEEP); // before the first step: no state yet, nothing to do
    }
}
