package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    /** Softmax along {@code axis} by index, in double. */
    private static double[] naive(Tensor x, int axis, boolean log) {
        int[] d = x.dims();
        double[] out = new double[x.size()];
        int[] od = d.clone();
        od[axis] = 1;
        for (int f = 0; f < Shape.of(od).size(); f++) {
            int[] idx = Naive.unravel(f, od);
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < d[axis]; j++) {
                idx[axis] = j;
                max = Math.max(max, x.get(idx));
            }
            for (int j = 0; j < d[axis]; j++) {
                idx[axis] = j;
                sum += Math.exp(x.get(idx) - max);
            }
            for (int j = 0; j < d[axis]; j++) {
                idx[axis] = j;
                int flat = 0;
                for (int i = 0; i < d.length; i++) flat = flat * d[i] + idx[i];
                out[flat] = log ? x.get(idx) - max - Math.log(sum) : Math.exp(x.get(idx) - max) / sum;
            }
        }
        return out;
    }

    @Test
    void everyAxisOfA3dTensorMatchesNaive() {
        Tensor x = Tensor.randn(5, 4, 7, 9).mul(3f);
        for (int axis = 0; axis < 3; axis++) {
            Tensor s = x.softmax(axis), l = x.logSoftmax(axis);
            double[] ws = naive(x, axis, false), wl = naive(x, axis, true);
            for (int i = 0; i < ws.length; i++) {
                // values within [-15, 15]: softmax within ~16 ulps relative (|x - max| <= 30 costs 30 u), log-softmax 1e-5 absolute
                assertEquals(ws[i], s.data()[i], 3e-6 * ws[i] + 1e-30, "softmax axis " + axis);
                assertEquals(wl[i], l.data()[i], 1e-5, "logSoftmax axis " + axis);
            }
            // slices sum to 1
            Tensor total = s.sum(axis);
            for (float v : total.toArray()) assertEquals(1f, v, 2e-6f);
        }
        assertArrayEquals(x.softmax(2).toArray(), x.softmax(-1).toArray());
    }

    @Test
    void logSoftmaxIsLogOfSoftmax() {
        Tensor x = Tensor.randn(8, 6, 5, 50);
        for (int axis : new int[] {0, 1, 2}) {
            float[] l = x.logSoftmax(axis).toArray(), ls = x.softmax(axis).log().toArray();
            for (int i = 0; i < l.length; i++) assertEquals(l[i], ls[i], 2e-6f * Math.max(1, Math.abs(l[i])));
        }
    }

    @Test
    void rowAndColumnShapes() {
        Tensor row = Tensor.randn(9, 1, 100), col = Tensor.randn(9, 100, 1);
        assertEquals(1f, row.softmax(1).sum().item(), 1e-5f);
        assertEquals(1f, col.softmax(0).sum().item(), 1e-5f);
        // softmax over an axis of length 1 is 1 everywhere, log-softmax 0
        for (float v : row.softmax(0).toArray()) assertEquals(1f, v);
        for (float v : col.logSoftmax(1).toArray()) assertEquals(0f, v);
    }

    @Test
    void largeValuesDoNotOverflow() {
        Tensor x = Tensor.of(new float[] {1000, 1001, 1002, -1000, 0, 1000}, 2, 3);
        float[] s = x.softmax(1).toArray();
        double z = 1 + Math.E + Math.E * Math.E;
        assertEquals(1 / z, s[0], 1e-7);
        assertEquals(Math.E * Math.E / z, s[2], 1e-7);
        assertEquals(0f, s[3]);
        assertEquals(1f, s[5]);
        float[] t = x.softmax(0).toArray(); // strided path
        assertEquals(1f, t[0]);
        assertEquals(0f, t[3]);
        assertEquals(Math.exp(2) / (1 + Math.exp(2)), t[2], 1e-7); // column 2 holds 1002 and 1000
    }

    @Test
    void nanPoisonsOnlyItsSlice() {
        Tensor x = Tensor.randn(1, 3, 4);
        x.set(Float.NaN, 1, 2);
        float[] rows = x.softmax(1).toArray(), cols = x.softmax(0).toArray();
        for (int j = 0; j < 4; j++) {
            assertTrue(Float.isNaN(rows[4 + j]));
            assertTrue(!Float.isNaN(rows[j]) && !Float.isNaN(rows[8 + j]));
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(Float.isNaN(cols[i * 4 + 2]));
            assertTrue(!Float.isNaN(cols[i * 4 + 1]));
        }
    }

    @Test
    void emptyTensors() {
        assertEquals(Shape.of(0, 5), Tensor.zeros(0, 5).softmax(1).shape());
        assertEquals(Shape.of(3, 0), Tensor.zeros(3, 0).logSoftmax(1).shape());
        assertEquals(Shape.of(3, 0), Tensor.zeros(3, 0).softmax(0).shape());
    }
}
