package dev.sieve.ops;

import static dev.sieve.ops.ConvolutionsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Pooling} against the direct loops of {@link ConvReference}. */
class PoolingTest {
    /** n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw. */
    private static final int[][] MAX_CASES = {
            {2, 3, 8, 8, 2, 2, 2, 2, 0, 0, 1, 1},   // the CNN's 2x2 fast path
            {1, 2, 7, 9, 2, 2, 2, 2, 0, 0, 1, 1},   // odd sizes: the last row and column are dropped
            {2, 2, 7, 6, 3, 3, 2, 2, 1, 1, 1, 1},   // overlapping windows, padding
            {1, 3, 9, 10, 3, 2, 3, 1, 1, 1, 2, 2},  // stride 3, dilation 2
            {3, 1, 5, 5, 1, 1, 1, 1, 0, 0, 1, 1},   // 1x1: identity
            {1, 1, 4, 6, 4, 3, 1, 2, 2, 1, 1, 3},   // non-square everything
    };

    @Test
    void maxPoolMatchesDirectLoops() {
        for (int[] c : MAX_CASES) {
            Tensor x = Tensor.randn(c[0] * 31 + c[4], c[0], c[1], c[2], c[3]);
            Pooling.MaxPoolResult r = Pooling.maxPool2d(x, new int[] {c[4], c[5]}, new int[] {c[6], c[7]}, new int[] {c[8], c[9]},
                    new int[] {c[10], c[11]});
            Tensor gy = Tensor.randn(99, r.values().dims());
            Tensor[] want = ConvReference.maxPool(x, c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], gy);
            String what = "max pool " + java.util.Arrays.toString(c);
            assertClose(what, want[0], r.values());
            assertClose(what + " backward", want[1], Pooling.maxPool2dBackward(gy, r.argmax(), x.dims()));
        }
    }

    @Test
    void reluMaxPoolEqualsReluOfMaxPool() {
        for (int[] c : MAX_CASES) {
            Tensor x = Tensor.randn(c[0] * 13 + c[5], c[0], c[1], c[2], c[3]);
            int[] k = {c[4], c[5]}, s = {c[6], c[7]}, p = {c[8], c[9]}, d = {c[10], c[11]};
            Pooling.MaxPoolResult fused = Pooling.reluMaxPool2d(x, k, s, p, d);
            Tensor gy = Tensor.randn(97, fused.values().dims());
            Tensor[] want = ConvReference.maxPool(x.relu(), c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], gy);
            // relu's gradient is 0 where its input is not positive
            float[] gx = want[1].data(), xv = x.data();
            for (int i = 0; i < gx.length; i++) if (!(xv[i] > 0)) gx[i] = 0f;
            String what = "relu max pool " + java.util.Arrays.toString(c);
            assertClose(what, want[0], fused.values());
            assertClose(what + " backward", want[1], Pooling.maxPool2dBackward(gy, fused.argmax(), x.dims()));
        }
    }

    @Test
    void maxPoolTiesGoToTheFirstAndNaNWins() {
        Tensor x = Tensor.of(new float[] {1, 1, 0, Float.NaN, 1, 0, 3, 2}, 1, 1, 2, 4);
        Pooling.MaxPoolResult r = Pooling.maxPool2d(x, new int[] {2}, null, null, null);
        assertEquals(1f, r.values().get(0, 0, 0, 0));
        assertTrue(Float.isNaN(r.values().get(0, 0, 0, 1)));
        assertEquals(0, r.argmax().get(0, 0, 0, 0));
        assertEquals(3, r.argmax().get(0, 0, 0, 1));
        // the general path: window (1, 0) covers row 1, column 0 only (the rest is padding)
        Pooling.MaxPoolResult general = Pooling.maxPool2d(x, new int[] {2}, new int[] {2}, new int[] {1}, null);
        assertEquals(4, general.argmax().get(0, 0, 1, 0));
        assertTrue(Float.isNaN(general.values().get(0, 0, 0, 2)));
    }

    @Test
    void maxPoolDefaultsStrideToTheKernel() {
        Tensor x = Tensor.randn(5, 1, 2, 9, 9);
        assertEquals(3, Pooling.maxPool2d(x, new int[] {3}, null, null, null).values().dim(2));
    }

    @Test
    void avgPoolMatchesDirectLoops() {
        int[][] cases = {
                {2, 3, 8, 8, 2, 2, 2, 2, 0, 0},
                {1, 2, 7, 9, 3, 3, 2, 2, 1, 1},
                {2, 1, 5, 6, 3, 2, 3, 1, 1, 1},
                {1, 2, 6, 7, 4, 5, 1, 2, 2, 2},
        };
        for (int[] c : cases) {
            for (boolean include : new boolean[] {true, false}) {
                Tensor x = Tensor.randn(c[2] * 7 + c[4], c[0], c[1], c[2], c[3]);
                int[] k = {c[4], c[5]}, s = {c[6], c[7]}, p = {c[8], c[9]};
                Tensor y = Pooling.avgPool2d(x, k, s, p, include);
                Tensor gy = Tensor.randn(98, y.dims());
                Tensor[] want = ConvReference.avgPool(x, c[4], c[5], c[6], c[7], c[8], c[9], include, gy);
                String what = "avg pool " + java.util.Arrays.toString(c) + " countIncludePad " + include;
                assertClose(what, want[0], y);
                assertClose(what + " backward", want[1], Pooling.avgPool2dBackward(gy, x.dims(), k, s, p, include));
            }
        }
    }

    @Test
    void rejectsPaddingBeyondHalfTheKernel() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPool2d(Tensor.zeros(1, 1, 6, 6), new int[] {2}, null, new int[] {2}, null));
        assertTrue(e.getMessage().contains("half the kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.avgPool2d(Tensor.zeros(6, 6), new int[] {2}, null, null, true));
        assertTrue(e.getMessage().contains("[N, C, H, W]"), e.getMessage());
    }
}
