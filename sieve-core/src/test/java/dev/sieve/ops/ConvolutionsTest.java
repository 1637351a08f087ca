package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ops.ConvReference.Conv;
import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Convolutions} against the direct loops of {@link ConvReference} on awkward shapes. */
class ConvolutionsTest {
    /** n, c, h, w, o, kh, kw, stride, padding, dilation (height, width), groups. */
    static final List<Conv> CASES = List.of(
            new Conv(1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 1, 1, 1),     // batch 1, valid
            new Conv(2, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1),     // odd sizes, same padding
            new Conv(3, 4, 9, 8, 6, 3, 2, 2, 3, 1, 0, 1, 1, 2),     // stride 2/3, groups 2, odd batch
            new Conv(2, 4, 11, 10, 4, 3, 3, 1, 1, 2, 2, 2, 2, 4),   // depthwise, dilation 2
            new Conv(1, 3, 6, 5, 5, 1, 1, 1, 1, 0, 0, 1, 1, 1),     // 1x1 (read in place), batch 1
            new Conv(3, 6, 4, 7, 4, 1, 1, 1, 1, 0, 0, 1, 1, 2),     // 1x1 grouped, threads by image
            new Conv(2, 2, 7, 7, 3, 1, 1, 2, 2, 0, 0, 1, 1, 1),     // 1x1 stride 2 (lowered)
            new Conv(5, 3, 8, 8, 4, 3, 3, 3, 3, 2, 1, 1, 1, 1),     // stride 3, uneven padding
            new Conv(2, 6, 5, 7, 9, 2, 4, 1, 2, 3, 2, 1, 2, 3),     // padding wider than the kernel, groups 3
            new Conv(2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1),     // kernel larger than the image
            new Conv(4, 1, 28, 28, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1),   // the CNN's first layer, smaller
            new Conv(3, 5, 6, 6, 7, 5, 5, 2, 2, 2, 2, 1, 1, 1));    // 5x5 stride 2

    @Test
    void forwardMatchesDirectLoops() {
        for (Conv s : CASES) {
            Tensor x = Tensor.randn(1, s.n(), s.c(), s.h(), s.w());
            Tensor w = Tensor.randn(2, s.o(), s.c() / s.groups(), s.kh(), s.kw());
            Tensor b = Tensor.randn(3, s.o());
            assertClose(s + " forward", ConvReference.conv(s, x, w, b),
                    Convolutions.conv2d(x, w, b, s.stride(), s.padding(), s.dilation(), s.groups()));
            assertClose(s + " forward, no bias", ConvReference.conv(s, x, w, null),
                    Convolutions.conv2d(x, w, null, s.stride(), s.padding(), s.dilation(), s.groups()));
        }
    }

    @Test
    void backwardMatchesDirectLoops() {
        for (Conv s : CASES) {
            Tensor x = Tensor.randn(4, s.n(), s.c(), s.h(), s.w());
            Tensor w = Tensor.randn(5, s.o(), s.c() / s.groups(), s.kh(), s.kw());
            Tensor gy = Tensor.randn(6, s.n(), s.o(), s.outH(), s.outW());
            Tensor[] want = ConvReference.convBackward(s, x, w, gy);
            Tensor[] got = Convolutions.conv2dBackward(gy, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), true, true, true);
            assertClose(s + " grad input", want[0], got[0]);
            assertClose(s + " grad weight", want[1], got[1]);
            assertClose(s + " grad bias", want[2], got[2]);
            Tensor[] weightOnly = Convolutions.conv2dBackward(gy, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), false, true, false);
            assertNull(weightOnly[0]);
            assertNull(weightOnly[2]);
            assertClose(s + " grad weight alone", want[1], weightOnly[1]);
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Conv s = CASES.get(7);
        Tensor x = Tensor.randn(7, s.n(), s.c(), s.h(), s.w());
        Tensor w = Tensor.randn(8, s.o(), s.c() / s.groups(), s.kh(), s.kw());
        Tensor gy = Tensor.randn(9, s.n(), s.o(), s.outH(), s.outW());
        Tensor bias = Tensor.randn(13, s.o());
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor[] one = Convolutions.conv2dBackward(gy, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), true, true, true);
            Tensor y1 = Convolutions.conv2d(x, w, bias, s.stride(), s.padding(), s.dilation(), s.groups());
            Parallel.setThreads(3);
            Tensor[] three = Convolutions.conv2dBackward(gy, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), true, true, true);
            Tensor y3 = Convolutions.conv2d(x, w, bias, s.stride(), s.padding(), s.dilation(), s.groups());
            for (int i = 0; i < 3; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(one[i].toArray(), three[i].toArray(), "gradient " + i);
            org.junit.jupiter.api.Assertions.assertArrayEquals(y1.toArray(), y3.toArray(), "forward");
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void readsInputViewsAtAnOffset() {
        Conv s = new Conv(2, 3, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        Tensor all = Tensor.randn(10, 4, 3, 6, 6);
        Tensor x = all.slice(0, 1, 3);
        assertTrue(x.offset() > 0);
        Tensor w = Tensor.randn(11, 4, 3, 3, 3);
        assertClose("view", ConvReference.conv(s, x.copy(), w, null), Convolutions.conv2d(x, w, null, null, new int[] {1}, null, 1));
        Tensor gy = Tensor.randn(12, 2, 4, 6, 6);
        Tensor[] want = ConvReference.convBackward(s, x.copy(), w, gy);
        Tensor[] got = Convolutions.conv2dBackward(gy, x, w, null, new int[] {1}, null, 1, true, true, false);
        assertClose("view grad input", want[0], got[0]);
        assertClose("view grad weight", want[1], got[1]);
    }

    @Test
    void rejectsBadShapes() {
        Tensor x = Tensor.zeros(1, 4, 5, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(Tensor.zeros(4, 5, 5), Tensor.zeros(2, 4, 3, 3), null, null, null, null, 1));
        assertTrue(e.getMessage().contains("[N, C, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(2, 3, 3, 3), null, null, null, null, 1));
        assertTrue(e.getMessage().contains("input channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(3, 2, 3, 3), null, null, null, null, 2));
        assertTrue(e.getMessage().contains("divisible by groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(2, 4, 3, 3), Tensor.zeros(3), null, null, null, 1));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(2, 4, 7, 3), null, null, null, null, 1));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(2, 4, 3, 3), null, new int[] {0}, null, null, 1));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolutions.conv2d(x, Tensor.zeros(2, 4, 3, 3), null, null, new int[] {1, 2, 3}, null, 1));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }

    @Test
    void emptyBatch() {
        Tensor y = Convolutions.conv2d(Tensor.zeros(0, 2, 5, 5), Tensor.zeros(3, 2, 3, 3), null, null, null, null, 1);
        assertEquals(List.of(0, 3, 3, 3), java.util.Arrays.stream(y.dims()).boxed().toList());
    }

    /** Sums of up to a few hundred float products: 1e-4 relative to the largest magnitude. */
    static void assertClose(String what, Tensor want, Tensor got) {
        assertEquals(want.shape(), got.shape(), what + ": shape");
        float[] a = want.toArray(), b = got.toArray();
        double scale = 1;
        for (float v : a) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-4 * scale)) {
                throw new AssertionError(what + ": element " + i + " expected " + a[i] + ", got " + b[i]);
            }
        }
    }
}
