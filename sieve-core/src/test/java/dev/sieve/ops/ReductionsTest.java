package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReductionsTest {

    /** Reference reductions of a 3-D tensor along one axis, by index, in double. */
    private static double[] naive(Tensor x, int axis, String what) {
        int[] d = x.dims();
        int[] od = d.clone();
        od[axis] = 1;
        double[] out = new double[Shape.of(od).size()];
        for (int f = 0; f < out.length; f++) {
            int[] idx = Naive.unravel(f, od);
            double acc = what.equals("max") ? Double.NEGATIVE_INFINITY : 0;
            int arg = 0;
            for (int j = 0; j < d[axis]; j++) {
                idx[axis] = j;
                float v = x.get(idx);
                if (what.equals("max") || what.equals("argmax")) {
                    if (j == 0 || v > acc) {
                        acc = v;
                        arg = j;
                    }
                } else {
                    acc += v;
                }
            }
            out[f] = what.equals("mean") ? acc / d[axis] : what.equals("argmax") ? arg : acc;
        }
        return out;
    }

    @Test
    void everyAxisOfA3dTensor() {
        Tensor x = Tensor.randn(3, 4, 5, 6);
        for (int axis = -3; axis < 3; axis++) {
            int a = axis < 0 ? axis + 3 : axis;
            for (boolean keep : new boolean[] {false, true}) {
                int[] expectDims = keep ? x.dims() : removeAxis(x.dims(), a);
                if (keep) expectDims[a] = 1;
                Tensor sum = x.sum(axis, keep), mean = x.mean(axis, keep), max = x.max(axis, keep);
                Indices arg = x.argmax(axis, keep);
                for (Shape s : new Shape[] {sum.shape(), mean.shape(), max.shape(), arg.shape()}) assertEquals(Shape.of(expectDims), s);
                double[] ns = naive(x, a, "sum"), nm = naive(x, a, "mean"), nx = naive(x, a, "max"), na = naive(x, a, "argmax");
                for (int i = 0; i < ns.length; i++) {
                    // at most 5 terms of |x| < 6: float sums are within 5 * 6 * 2^-24
                    assertEquals(ns[i], sum.data()[i], 3e-6, "sum axis " + axis);
                    assertEquals(nm[i], mean.data()[i], 1e-6, "mean axis " + axis);
                    assertEquals((float) nx[i], max.data()[i], "max axis " + axis);
                    assertEquals((int) na[i], arg.values()[i], "argmax axis " + axis);
                }
            }
        }
    }

    private static int[] removeAxis(int[] d, int axis) {
        int[] r = new int[d.length - 1];
        for (int i = 0, k = 0; i < d.length; i++) if (i != axis) r[k++] = d[i];
        return r;
    }

    @Test
    void byHand() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertArrayEquals(new float[] {5, 7, 9}, x.sum(0).toArray());
        assertArrayEquals(new float[] {9, 12}, x.sum(1).toArray());
        assertArrayEquals(new float[] {3, 4}, x.mean(1).toArray());
        assertArrayEquals(new float[] {4, 5, 6}, x.max(0).toArray());
        assertArrayEquals(new int[] {1, 0, 1}, x.argmax(0).values());
        assertArrayEquals(new int[] {1, 2}, x.argmax(1).values());
        assertEquals(2, x.argmax(1, true).get(1, 0));
        assertEquals(21f, x.sum().item());
        assertEquals(3.5f, x.mean().item());
        assertEquals(6f, x.max().item());
        assertEquals(5, x.argmax());
        assertEquals(Shape.of(), x.sum().shape());
    }

    @Test
    void argmaxTiesTakeTheFirstAlongEveryAxis() {
        Tensor x = Tensor.zeros(3, 40, 3); // inner > 1 along axes 0 and 1, inner == 1 along axis 2
        x.set(7, 1, 5, 1);
        x.set(7, 1, 9, 1);
        x.set(7, 2, 5, 1);
        assertEquals(0, x.argmax(0).get(0, 0)); // all zeros: first
        assertEquals(1, x.argmax(0).get(5, 1)); // 7 at planes 1 and 2: the first
        assertEquals(5, x.argmax(1).get(1, 1)); // 7 at rows 5 and 9: the first
        assertEquals(1, x.argmax(2).get(1, 5));
        assertEquals(0, x.argmax(2).get(0, 0));
        assertEquals((1 * 40 + 5) * 3 + 1, x.argmax());
        x.set(Float.NaN, 2, 30, 1);
        x.set(Float.NaN, 2, 31, 1);
        assertEquals(30, x.argmax(1).get(2, 1), "first NaN wins");
        assertEquals((2 * 40 + 30) * 3 + 1, x.argmax());
        assertTrue(Float.isNaN(x.max(1).get(2, 1)));
        assertTrue(Float.isNaN(x.max().item()));
    }

    @Test
    void wholeTensorReductionsAcrossBlocks() {
        int n = 200_003; // several blocks of 2^15, the last one partial
        Tensor x = Tensor.uniform(11, -1, 1, n);
        double want = 0, abs = 0;
        int arg = 0;
        for (int i = 0; i < n; i++) {
            want += x.data()[i];
            abs += Math.abs(x.data()[i]);
            if (x.data()[i] > x.data()[arg]) arg = i;
        }
        // block sums are float (error <= (2^15/32 + 8) u sum|x|), the block totals are added in double
        assertEquals(want, x.sum().item(), (1024 + 8) * 0x1p-24 * abs + Math.ulp((float) want));
        assertEquals(arg, x.argmax());
        assertEquals(x.data()[arg], x.max().item());
        x.set(Float.NaN, 150_000);
        assertEquals(150_000, x.argmax());
    }

    @Test
    void emptyTensorsAndAxes() {
        Tensor e = Tensor.zeros(2, 0, 3);
        assertArrayEquals(new float[6], e.sum(1).toArray());
        assertEquals(Shape.of(2, 3), e.sum(1).shape());
        assertTrue(Float.isNaN(e.mean(1).get(0, 0)));
        assertEquals(Shape.of(0, 3), e.sum(0).shape());
        assertEquals(Shape.of(2, 0), e.max(2).shape()); // reducing a non-empty axis of an empty tensor is fine
        assertEquals(0f, e.sum().item());
        assertThrows(IllegalArgumentException.class, () -> e.max(1));
        assertThrows(IllegalArgumentException.class, () -> e.argmax(1));
        assertThrows(IllegalArgumentException.class, e::argmax);
        assertThrows(IllegalArgumentException.class, e::max);
    }

    @Test
    void badAxisNamesTheShape() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
        assertTrue(ex.getMessage().contains("[2, 3]"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.argmax(-3));
    }

    @Test
    void sumToUndoesBroadcasting() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(x.sum(0).sum(0).toArray(), Reductions.sumTo(x, Shape.of(4)).toArray());
        assertArrayEquals(x.sum(2, true).sum(0).toArray(), Reductions.sumTo(x, Shape.of(3, 1)).toArray());
        assertEquals(Shape.of(3, 1), Reductions.sumTo(x, Shape.of(3, 1)).shape());
        assertArrayEquals(x.toArray(), Reductions.sumTo(x, Shape.of(2, 3, 4)).toArray());
        assertEquals(276f, Reductions.sumTo(x, Shape.of()).item());
        assertThrows(IllegalArgumentException.class, () -> Reductions.sumTo(x, Shape.of(2)));
    }
}
