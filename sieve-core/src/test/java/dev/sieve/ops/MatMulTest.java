package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MatMulTest {
    private static final double U = 0x1p-24;

    /**
     * Checks one m x n product against the naive double triple loop. A float dot product of k terms
     * (with or without FMA, in any order) is within (k + 1)·u·Σ|a||b| of the exact value.
     */
    private static void assertProduct(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int n, int k, String what) {
        double[] abs = new double[m * n];
        double[][] want = Naive.matmul(a, aOff, b, bOff, m, n, k, abs);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double got = c[cOff + i * n + j], tol = (k + 1) * U * abs[i * n + j] + Float.MIN_VALUE;
                if (Math.abs(got - want[i][j]) > tol) fail(what + " at (" + i + ", " + j + "): " + got + " vs " + want[i][j]);
            }
        }
    }

    @Test
    void twoD() {
        for (int[] mnk : new int[][] {{1, 1, 1}, {3, 5, 7}, {17, 9, 33}, {1, 64, 100}, {64, 1, 100}, {70, 50, 300}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            Tensor a = Tensor.randn(m, m, k), b = Tensor.randn(n + 100, k, n);
            Tensor c = a.matmul(b);
            assertEquals(Shape.of(m, n), c.shape());
            assertProduct(a.data(), 0, b.data(), 0, c.data(), 0, m, n, k, m + "x" + k + " . " + k + "x" + n);
        }
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).toArray());
    }

    @Test
    void batched() {
        int batch = 4, m = 5, n = 6, k = 7;
        Tensor a = Tensor.randn(1, batch, m, k), b = Tensor.randn(2, batch, k, n);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(batch, m, n), c.shape());
        for (int t = 0; t < batch; t++) assertProduct(a.data(), t * m * k, b.data(), t * k * n, c.data(), t * m * n, m, n, k, "batch " + t);

        Tensor w = Tensor.randn(3, k, n); // [B,M,K] x [K,N]: one weight for every batch
        Tensor cw = a.matmul(w);
        assertEquals(Shape.of(batch, m, n), cw.shape());
        for (int t = 0; t < batch; t++) assertProduct(a.data(), t * m * k, w.data(), 0, cw.data(), t * m * n, m, n, k, "shared right " + t);

        Tensor left = Tensor.randn(4, m, k); // [M,K] x [B,K,N]
        Tensor cl = left.matmul(b);
        assertEquals(Shape.of(batch, m, n), cl.shape());
        for (int t = 0; t < batch; t++) assertProduct(left.data(), 0, b.data(), t * k * n, cl.data(), t * m * n, m, n, k, "shared left " + t);
    }

    @Test
    void batchDimsBroadcast() {
        int m = 3, n = 4, k = 5;
        Tensor a = Tensor.randn(5, 2, 1, m, k), b = Tensor.randn(6, 3, k, n);
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(2, 3, m, n), c.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertProduct(a.data(), i * m * k, b.data(), j * k * n, c.data(), (i * 3 + j) * m * n, m, n, k, "batch " + i + "," + j);
            }
        }
    }

    @Test
    void manySmallAndFewLargeBatches() {
        Tensor a = Tensor.randn(7, 300, 4, 8), b = Tensor.randn(8, 300, 8, 3); // threads take whole batches
        Tensor c = a.matmul(b);
        for (int t = 0; t < 300; t += 37) assertProduct(a.data(), t * 32, b.data(), t * 24, c.data(), t * 12, 4, 3, 8, "small batch " + t);
        Tensor x = Tensor.randn(9, 2, 130, 120), y = Tensor.randn(10, 2, 120, 110); // each GEMM split between threads
        Tensor z = x.matmul(y);
        for (int t = 0; t < 2; t++) assertProduct(x.data(), t * 130 * 120, y.data(), t * 120 * 110, z.data(), t * 130 * 110, 130, 110, 120, "large batch " + t);
    }

    @Test
    void vectors() {
        Tensor v = Tensor.of(new float[] {1, 2, 3}, 3);
        Tensor m = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertEquals(Shape.of(2), v.matmul(m).shape());
        assertArrayEquals(new float[] {4, 5}, v.matmul(m).toArray());
        assertEquals(Shape.of(), v.matmul(v).shape());
        assertEquals(14f, v.matmul(v).item());
        Tensor mt = Tensor.of(new float[] {1, 0, 1, 0, 1, 1}, 2, 3);
        assertEquals(Shape.of(2), mt.matmul(v).shape());
        assertArrayEquals(new float[] {4, 5}, mt.matmul(v).toArray());
    }

    @Test
    void emptyShapes() {
        assertEquals(Shape.of(0, 4), Tensor.zeros(0, 3).matmul(Tensor.zeros(3, 4)).shape());
        assertEquals(Shape.of(2, 0), Tensor.zeros(2, 3).matmul(Tensor.zeros(3, 0)).shape());
        Tensor k0 = Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 3));
        assertEquals(Shape.of(2, 3), k0.shape());
        assertArrayEquals(new float[6], k0.toArray()); // an empty sum is 0
        assertEquals(Shape.of(0, 2, 3), Tensor.zeros(0, 2, 4).matmul(Tensor.zeros(4, 3)).shape());
        assertEquals(Shape.of(0, 2, 3), Tensor.zeros(0, 2, 4).matmul(Tensor.zeros(1, 4, 3)).shape());
    }

    @Test
    void errorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 5)));
        assertTrue(e.getMessage().contains("[2, 2, 3]") && e.getMessage().contains("[3, 3, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(1, 1)));
    }

    @Test
    void linearIsXTimesWTransposedPlusBias() {
        int in = 37, out = 11;
        Tensor x = Tensor.randn(11, 2, 5, in), w = Tensor.randn(12, out, in), bias = Tensor.randn(13, out);
        Tensor y = MatMul.linear(x, w, bias);
        assertEquals(Shape.of(2, 5, out), y.shape());
        Tensor want = x.matmul(w.t()).add(bias);
        float[] xa = x.data(), wt = w.t().data();
        double[] abs = new double[10 * out];
        Naive.matmul(xa, 0, wt, 0, 10, out, in, abs);
        for (int i = 0; i < want.size(); i++) {
            double tol = 2 * (in + 2) * U * (abs[i] + Math.abs(bias.data()[i % out]));
            assertEquals(want.data()[i], y.data()[i], tol);
        }
        Tensor noBias = MatMul.linear(x, w, null);
        assertProduct(xa, 0, wt, 0, noBias.data(), 0, 10, out, in, "linear without bias");
        assertArrayEquals(bias.toArray(), MatMul.linear(Tensor.zeros(0 + 1, 0), Tensor.zeros(out, 0), bias).toArray());
        assertEquals(Shape.of(out), MatMul.linear(Tensor.randn(1, in), w, null).shape());
    }

    @Test
    void linearErrors() {
        Tensor w = Tensor.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatMul.linear(Tensor.zeros(2, 5), w, null));
        assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MatMul.linear(Tensor.zeros(2, 3), w, Tensor.zeros(3)));
        assertThrows(IllegalArgumentException.class, () -> MatMul.linear(Tensor.zeros(2, 3), Tensor.zeros(3), null));
    }
}
