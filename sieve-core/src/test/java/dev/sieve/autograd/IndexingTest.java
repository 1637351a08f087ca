package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** narrow, cat and stack: values against element-wise definitions, finite-difference gradients, errors. */
class IndexingTest {
    private static Tensor seq(int... dims) {
        int n = 1;
        for (int d : dims) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return Tensor.wrap(v, dims);
    }

    @Test
    void narrowValues() {
        Tensor x = seq(2, 3, 4);
        Variable y = Functions.narrow(Variable.constant(x), 1, 1, 2);
        assertArrayEquals(new int[] {2, 2, 4}, y.dims());
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                for (int c = 0; c < 4; c++) assertEquals(x.get(a, b + 1, c), y.value().get(a, b, c));
        assertArrayEquals(new int[] {2, 3, 0}, Functions.narrow(Variable.constant(x), -1, 4, 0).dims());
    }

    @Test
    void catAndStackValues() {
        Tensor a = seq(2, 1, 3), b = seq(2, 2, 3).add(100f);
        Variable c = Functions.cat(1, Variable.constant(a), Variable.constant(b));
        assertArrayEquals(new int[] {2, 3, 3}, c.dims());
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 3; k++) {
                assertEquals(a.get(i, 0, k), c.value().get(i, 0, k));
                assertEquals(b.get(i, 0, k), c.value().get(i, 1, k));
                assertEquals(b.get(i, 1, k), c.value().get(i, 2, k));
            }
        Tensor p = seq(2, 3), q = seq(2, 3).add(50f);
        for (int axis = 0; axis <= 2; axis++) {
            Variable s = Functions.stack(axis, Variable.constant(p), Variable.constant(q));
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++) {
                    int[] at0 = axis == 0 ? new int[] {0, i, j} : axis == 1 ? new int[] {i, 0, j} : new int[] {i, j, 0};
                    int[] at1 = axis == 0 ? new int[] {1, i, j} : axis == 1 ? new int[] {i, 1, j} : new int[] {i, j, 1};
                    assertEquals(p.get(i, j), s.value().get(at0), "stack axis " + axis);
                    assertEquals(q.get(i, j), s.value().get(at1), "stack axis " + axis);
                }
        }
        assertArrayEquals(new int[] {2, 3, 2}, Functions.stack(-1, Variable.constant(p), Variable.constant(q)).dims());
    }

    @Test
    void gradients() {
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            check("narrow axis " + a, v -> Functions.narrow(v[0], a, 1, 2), Tensor.randn(1 + a, 3, 4, 5));
            check("cat axis " + a, v -> Functions.cat(a, v[0], v[1], v[2]),
                    Tensor.randn(4, dims(a, 1)), Tensor.randn(5, dims(a, 2)), Tensor.randn(6, dims(a, 3)));
        }
        for (int axis = -1; axis <= 2; axis++) {
            int a = axis;
            check("stack axis " + a, v -> Functions.stack(a, v[0], v[1]), Tensor.randn(7, 2, 3), Tensor.randn(8, 2, 3));
        }
    }

    /** [2, 3, 2] with the size of {@code axis} replaced by {@code n}. */
    private static int[] dims(int axis, int n) {
        int[] d = {2, 3, 2};
        d[axis] = n;
        return d;
    }

    @Test
    void onlyInputsThatNeedGradientsGetThem() {
        Variable p = Variable.parameter(Tensor.randn(1, 2, 3));
        Variable c = Variable.constant(Tensor.randn(2, 2, 3));
        Functions.sum(Functions.cat(0, p, c)).backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, p.grad().toArray());
        assertNull(c.grad());
        Variable q = Variable.parameter(Tensor.randn(3, 3, 4));
        Variable twice = Functions.add(Functions.narrow(q, 0, 0, 2), Functions.narrow(q, 0, 1, 2));
        Functions.sum(twice).backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1}, q.grad().toArray());
    }

    @Test
    void errors() {
        Variable x = Variable.constant(Tensor.zeros(2, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Functions.narrow(x, 1, 2, 2)).getMessage().contains("out of bounds"));
        assertThrows(IllegalArgumentException.class, () -> Functions.narrow(x, 0, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Functions.narrow(x, 2, 0, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Functions.cat(0, x, Variable.constant(Tensor.zeros(2, 4))))
                .getMessage().contains("must agree"));
        assertThrows(IllegalArgumentException.class, () -> Functions.cat(0));
        assertThrows(IllegalArgumentException.class, () -> Functions.stack(0, x, Variable.constant(Tensor.zeros(3, 2))));
        assertThrows(IllegalArgumentException.class, () -> Functions.stack(3, x, x));
    }
}
