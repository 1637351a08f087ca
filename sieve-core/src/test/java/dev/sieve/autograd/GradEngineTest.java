package dev.sieve.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The tape and backward pass: accumulation, scopes, detach and errors. */
class GradEngineTest {
    private static final float EPS = 1e-6f;

    @Test
    void variableUsedSeveralTimesAccumulates() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, -2f, 3f}, 3));
        // y = sum(x*x + x) -> dy/dx = 2x + 1
        Functions.sum(Functions.add(Functions.mul(x, x), x)).backward();
        assertArrayEquals(new float[] {3f, -3f, 7f}, x.grad().toArray(), EPS);
    }

    @Test
    void diamondGraphVisitsSharedNodeOnce() {
        Variable x = Variable.parameter(Tensor.of(new float[] {0.5f, 2f}, 2));
        Variable e = Functions.exp(x);
        // y = sum(e + e*e) -> dy/dx = e + 2 e²
        Functions.sum(Functions.add(e, Functions.mul(e, e))).backward();
        float[] g = x.grad().toArray();
        for (int i = 0; i < 2; i++) {
            double ev = Math.exp(x.value().toArray()[i]);
            assertTrue(Math.abs(g[i] - (ev + 2 * ev * ev)) < 1e-4 * (ev + 2 * ev * ev), "element " + i);
        }
    }

    @Test
    void backwardTwiceAccumulatesUntilZeroGrad() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 2f}, 2));
        Functions.sum(Functions.mul(x, x)).backward();
        Functions.sum(Functions.mul(x, x)).backward();
        assertArrayEquals(new float[] {4f, 8f}, x.grad().toArray(), EPS);
        x.zeroGrad();
        assertNull(x.grad());
        Functions.sum(x).backward();
        assertArrayEquals(new float[] {1f, 1f}, x.grad().toArray(), EPS);
    }

    @Test
    void explicitSeed() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 2f, 3f}, 3));
        Functions.mul(x, x).backward(Tensor.of(new float[] {1f, 0f, -1f}, 3));
        assertArrayEquals(new float[] {2f, 0f, -6f}, x.grad().toArray(), EPS);
    }

    @Test
    void broadcastGradientsAreSummedBack() {
        Variable a = Variable.parameter(Tensor.randn(1, 2, 3));
        Variable b = Variable.parameter(Tensor.of(new float[] {1f, 2f, 3f}, 3));
        Variable s = Variable.parameter(Tensor.of(new float[] {2f}, 1));
        Functions.sum(Functions.mul(Functions.add(a, b), s)).backward();
        assertArrayEquals(new int[] {3}, b.grad().dims());
        assertArrayEquals(new float[] {4f, 4f, 4f}, b.grad().toArray(), EPS);
        assertArrayEquals(new int[] {1}, s.grad().dims());
        float expected = 0;
        for (float v : a.value().toArray()) expected += v;
        expected += 2 * (1 + 2 + 3);
        assertArrayEquals(new float[] {expected}, s.grad().toArray(), 1e-4f);
    }

    @Test
    void maxSendsTiesToTheFirst() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 5f, 5f, 0f, 2f, 2f}, 2, 3));
        Functions.sum(Functions.max(x, 1, false)).backward();
        assertArrayEquals(new float[] {0f, 1f, 0f, 0f, 1f, 0f}, x.grad().toArray(), 0f);
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Variable x = Variable.parameter(Tensor.randn(2, 3));
        assertTrue(NoGrad.isGradEnabled());
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(NoGrad.isGradEnabled());
            }
            assertFalse(NoGrad.isGradEnabled());
            Variable y = Functions.exp(x);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(NoGrad.isGradEnabled());
        assertTrue(Functions.exp(x).requiresGrad());
    }

    @Test
    void noGradIsThreadLocal() throws InterruptedException {
        AtomicBoolean otherThreadEnabled = new AtomicBoolean();
        try (NoGrad ignored = NoGrad.enter()) {
            Thread t = new Thread(() -> otherThreadEnabled.set(NoGrad.isGradEnabled()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadEnabled.get());
    }

    @Test
    void detachStopsGradients() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 2f}, 2));
        Variable d = Functions.mul(x, x).detach();
        assertFalse(d.requiresGrad());
        // y = sum(x * detach(x*x)) -> dy/dx = x² only
        Functions.sum(Functions.mul(x, d)).backward();
        assertArrayEquals(new float[] {1f, 4f}, x.grad().toArray(), EPS);
    }

    @Test
    void constantsGetNoGradient() {
        Variable x = Variable.parameter(Tensor.of(new float[] {1f, 2f}, 2));
        Variable c = Variable.constant(Tensor.of(new float[] {3f, 4f}, 2));
        Functions.sum(Functions.mul(x, c)).backward();
        assertNull(c.grad());
        assertArrayEquals(new float[] {3f, 4f}, x.grad().toArray(), EPS);
        assertFalse(Functions.mul(c, c).requiresGrad());
    }

    @Test
    void backwardErrors() {
        Variable x = Variable.parameter(Tensor.randn(3, 2, 2));
        Variable y = Functions.exp(x);
        IllegalStateException nonScalar = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(nonScalar.getMessage().contains("scalar"), nonScalar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.zeros(4)));
        Variable c = Variable.constant(Tensor.scalar(1f));
        IllegalStateException noGrad = assertThrows(IllegalStateException.class, c::backward);
        assertTrue(noGrad.getMessage().contains("does not require gradients"), noGrad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Functions.matmul(x, Variable.parameter(Tensor.randn(4, 2))));
    }

    @Test
    void gradCheckCatchesAWrongGradient() {
        // a deliberately wrong backward (d(x²) taken as x instead of 2x) must fail the finite-difference check
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.check("wrong square",
                v -> Variable.result("badSquare", dev.sieve.ops.Elementwise.mul(v[0].value(), v[0].value()),
                        g -> new Tensor[] {dev.sieve.ops.Elementwise.mul(g, v[0].value())}, v[0]),
                Tensor.randn(5, 3)));
        assertTrue(e.getMessage().contains("analytic"), e.getMessage());
    }
}
