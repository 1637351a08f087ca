package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;
import static dev.sieve.autograd.GradCheck.distinct;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of conv2d, maxPool2d and avgPool2d (small shapes). */
class ConvGradTest {
    @Test
    void conv2dPaddedWithBias() {
        check("conv2d 3x3 pad 1", v -> Functions.conv2d(v[0], v[1], v[2], null, new int[] {1}, null, 1),
                Tensor.randn(1, 2, 2, 5, 4), Tensor.randn(2, 3, 2, 3, 3), Tensor.randn(3, 3));
    }

    @Test
    void conv2dStridedDilatedGrouped() {
        check("conv2d stride (2,3) dilation 2 groups 2",
                v -> Functions.conv2d(v[0], v[1], v[2], new int[] {2, 3}, new int[] {2, 1}, new int[] {2}, 2),
                Tensor.randn(4, 2, 4, 7, 8), Tensor.randn(5, 4, 2, 2, 3), Tensor.randn(6, 4));
    }

    @Test
    void conv2dDepthwiseAndPointwise() {
        check("conv2d depthwise", v -> Functions.conv2d(v[0], v[1], null, null, new int[] {1}, null, 3),
                Tensor.randn(7, 1, 3, 5, 5), Tensor.randn(8, 3, 1, 3, 3));
        check("conv2d 1x1", v -> Functions.conv2d(v[0], v[1], v[2]),
                Tensor.randn(9, 2, 3, 3, 4), Tensor.randn(10, 5, 3, 1, 1), Tensor.randn(11, 5));
    }

    @Test
    void maxPool2d() {
        // distinct values 0.1 apart: ±h never changes a window's argmax
        check("maxPool2d 2x2", v -> Functions.maxPool2d(v[0], new int[] {2}, null, null), distinct(12, 2, 2, 5, 6));
        check("maxPool2d 3x3 stride 2 pad 1 dilation (1,2)",
                v -> Functions.maxPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1}, new int[] {1, 2}), distinct(13, 1, 2, 7, 8));
    }

    @Test
    void reluMaxPool2d() {
        // distinct values: ±h changes neither an argmax nor the sign of a window maximum
        check("reluMaxPool2d 2x2", v -> Functions.reluMaxPool2d(v[0], new int[] {2}, null, null, null), distinct(16, 2, 2, 5, 6));
        check("reluMaxPool2d 3x3 pad 1", v -> Functions.reluMaxPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1}, null),
                distinct(17, 1, 2, 6, 7));
    }

    @Test
    void avgPool2d() {
        check("avgPool2d 2x2", v -> Functions.avgPool2d(v[0], new int[] {2}, null, null), Tensor.randn(14, 2, 2, 5, 6));
        check("avgPool2d 3x3 stride 2 pad 1 exclude pad",
                v -> Functions.avgPool2d(v[0], new int[] {3}, new int[] {2}, new int[] {1}, false), Tensor.randn(15, 1, 2, 7, 6));
    }
}
