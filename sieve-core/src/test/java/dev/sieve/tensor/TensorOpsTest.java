package dev.sieve.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The convenience methods delegate to dev.sieve.ops; the ops' own tests cover the semantics. */
class TensorOpsTest {

    @Test
    void chainedExpression() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
        // ((x·w - 1) / 2 + x) * 2 = x·w - 1 + 2x with w the identity: 3x - 1
        Tensor y = x.matmul(w).sub(1f).div(2f).add(x).mul(2f);
        assertArrayEquals(new float[] {2, 5, 8, 11}, y.toArray());
        assertEquals(26f, y.sum().item());
        assertEquals(6.5f, y.mean().item());
        assertArrayEquals(new float[] {8, 11}, y.max(0).toArray());
        assertArrayEquals(new float[] {3.5f, 9.5f}, y.mean(1).toArray());
        assertArrayEquals(new int[] {1, 1}, y.argmax(1).values());
        assertEquals(3, y.argmax());
        assertArrayEquals(new float[] {-2, -5, -8, -11}, y.neg().toArray());
        assertArrayEquals(new float[] {0.5f, 0.5f}, Tensor.zeros(2).softmax(0).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, x.div(x).toArray());
        assertArrayEquals(new float[] {0, 0, 0, 0}, x.sub(x).toArray());
    }
}
