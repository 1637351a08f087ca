package dev.sieve.ops;

import static dev.sieve.ops.ConvolutionsTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.ops.ConvReference.Conv;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ConvReluPool} against the direct loops: convolution, then ReLU, then 2x2 max-pool with stride 2. */
class ConvReluPoolTest {
    private static final List<Conv> CASES = List.of(
            new Conv(4, 1, 28, 28, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1),    // the CNN's first layer, smaller
            new Conv(1, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1),     // odd output: last row and column unpooled
            new Conv(3, 4, 11, 10, 6, 3, 2, 2, 1, 1, 0, 1, 2, 2),   // stride, dilation, groups
            new Conv(2, 2, 6, 6, 3, 1, 1, 1, 1, 0, 0, 1, 1, 1));    // 1x1

    @Test
    void matchesConvReluPoolLoops() {
        for (Conv s : CASES) {
            Tensor x = Tensor.randn(1, s.n(), s.c(), s.h(), s.w());
            Tensor w = Tensor.randn(2, s.o(), s.c() / s.groups(), s.kh(), s.kw());
            Tensor b = Tensor.randn(3, s.o());
            Tensor y = ConvReference.conv(s, x, w, b);
            int ph = s.outH() / 2, pw = s.outW() / 2;
            Tensor gy = Tensor.randn(4, s.n(), s.o(), ph, pw);
            Tensor[] pooled = ConvReference.maxPool(y.relu(), 2, 2, 2, 2, 0, 0, 1, 1, gy);
            // back through relu, then the convolution
            float[] gyConv = pooled[1].data(), yv = y.data();
            for (int i = 0; i < gyConv.length; i++) if (!(yv[i] > 0)) gyConv[i] = 0f;
            Tensor[] want = ConvReference.convBackward(s, x, w, pooled[1]);

            for (boolean keep : new boolean[] {true, false}) {
                ConvReluPool.Result r = ConvReluPool.forward(x, w, b, s.stride(), s.padding(), s.dilation(), s.groups(), keep);
                assertClose(s + " forward", pooled[0], r.values());
                Tensor[] got = ConvReluPool.backward(gy, r, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), true, true, true);
                assertClose(s + " grad input, keep " + keep, want[0], got[0]);
                assertClose(s + " grad weight, keep " + keep, want[1], got[1]);
                assertClose(s + " grad bias, keep " + keep, want[2], got[2]);
            }
            ConvReluPool.Result r = ConvReluPool.forward(x, w, b, s.stride(), s.padding(), s.dilation(), s.groups(), true);
            Tensor[] biasOnly = ConvReluPool.backward(gy, r, x, w, s.stride(), s.padding(), s.dilation(), s.groups(), false, false, true);
            assertNull(biasOnly[0]);
            assertNull(biasOnly[1]);
            assertClose(s + " grad bias alone", want[2], biasOnly[2]);
        }
    }

    @Test
    void rejectsOutputsSmallerThanTheWindow() {
        assertThrows(IllegalArgumentException.class,
                () -> ConvReluPool.forward(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(2, 1, 3, 3), null, null, null, null, 1, false));
    }
}
