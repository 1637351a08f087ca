package dev.sieve.ops;

import dev.sieve.kernel.conv.PoolKernels;
import dev.sieve.kernel.conv.Window2d;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D max and average pooling of NCHW tensors ({@code torch.nn.functional.max_pool2d / avg_pool2d},
 * floor mode), parallel over the N·C planes. Arguments are one value or a (height, width) pair; a null
 * stride means the kernel size (PyTorch's default), null padding 0, null dilation 1. Padding may be at
 * most half the kernel size, as in PyTorch.
 */
public final class Pooling {
    /** Per-element work of a pooling window, for splitting planes between threads. */
    private static final long GRAIN = Work.CHEAP;

    private Pooling() {}

    /** Max pooling's values and, for the backward pass, each value's position in its input plane ({@code y·W + x}). */
    public record MaxPoolResult(Tensor values, Indices argmax) {}

    public static Window2d window(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        if (x.rank() != 4) throw new IllegalArgumentException(op + ": input must be [N, C, H, W], got shape " + x.shape());
        int[] k = Window2d.pair(op, "kernel size", kernel, 1);
        int[] p = padding == null ? new int[] {0, 0} : Window2d.pair(op, "padding", padding, 0);
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(p) + " must be at most half the kernel size "
                    + Arrays.toString(k));
        }
        return Window2d.of(op, x.dim(2), x.dim(3), k, stride == null ? k : stride, p, dilation == null ? new int[] {1} : dilation);
    }

    public static MaxPoolResult maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Window2d g = window("max_pool2d", x, kernel, stride, padding, dilation);
        int[] outDims = {x.dim(0), x.dim(1), g.outH(), g.outW()};
        Tensor out = Tensor.zeros(outDims);
        int[] argmax = new int[out.size()];
        int planes = x.dim(0) * x.dim(1);
        Work.rows(planes, (long) g.outPlane() * g.taps(), GRAIN,
                (p0, p1) -> PoolKernels.maxPool(x.data(), x.offset(), g, p0, p1, out.data(), 0, argmax, 0));
        return new MaxPoolResult(out, new Indices(argmax, Shape.of(outDims)));
    }

    /** The input gradient of max pooling: each output gradient goes to its argmax. */
    public static Tensor maxPool2dBackward(Tensor grad, Indices argmax, int[] inputDims) {
        if (!grad.shape().equals(argmax.shape()) || inputDims.length != 4 || grad.rank() != 4
                || grad.dim(0) != inputDims[0] || grad.dim(1) != inputDims[1]) {
            throw new IllegalArgumentException("max_pool2d backward: gradient " + grad.shape() + ", argmax " + argmax.shape()
                    + " and input " + Arrays.toString(inputDims) + " do not match");
        }
        Window2d g = new Window2d(inputDims[2], inputDims[3], 1, 1, 1, 1, 0, 0, 1, 1, grad.dim(2), grad.dim(3));
        Tensor dx = Tensor.zeros(inputDims);
        int planes = inputDims[0] * inputDims[1];
        Work.rows(planes, g.inPlane(), GRAIN,
                (p0, p1) -> PoolKernels.maxPoolBackward(grad.data(), grad.offset(), argmax.values(), 0, g, p0, p1, dx.data(), 0));
        return dx;
    }

    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        Window2d g = window("avg_pool2d", x, kernel, stride, padding, null);
        Tensor out = Tensor.zeros(x.dim(0), x.dim(1), g.outH(), g.outW());
        Work.rows(x.dim(0) * x.dim(1), (long) g.outPlane() * g.taps(), GRAIN,
                (p0, p1) -> PoolKernels.avgPool(x.data(), x.offset(), g, countIncludePad, p0, p1, out.data(), 0));
        return out;
    }

    /** The input gradient of {@link #avgPool2d} for input dims {@code inputDims}. */
    public static Tensor avgPool2dBackward(Tensor grad, int[] inputDims, int[] kernel, int[] stride, int[] padding,
                                           boolean countIncludePad) {
        Tensor dx = Tensor.zeros(inputDims);
        Window2d g = window("avg_pool2d", dx, kernel, stride, padding, null);
        if (grad.rank() != 4 || grad.dim(0) != inputDims[0] || grad.dim(1) != inputDims[1] || grad.dim(2) != g.outH()
                || grad.dim(3) != g.outW()) {
            throw new IllegalArgumentException("avg_pool2d backward: gradient " + grad.shape() + " does not match input "
                    + Arrays.toString(inputDims));
        }
        Work.rows(inputDims[0] * inputDims[1], (long) g.outPlane() * g.taps(), GRAIN,
                (p0, p1) -> PoolKernels.avgPoolBackward(grad.data(), grad.offset(), g, countIncludePad, p0, p1, dx.data(), 0));
        return dx;
    }
}
