package dev.sieve.ops;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.conv.ConvKernels;
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
        return maxPool2d(x, kernel, stride, padding, dilation, false);
    }

    /**
     * {@code relu(max_pool2d(x))}, which equals {@code max_pool2d(relu(x))} (max-pooling commutes with any
     * non-decreasing function), in one pass: windows whose maximum is not above 0 give 0 and argmax −1 (no
     * gradient), as relu's gradient is 0 there.
     */
    public static MaxPoolResult reluMaxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return maxPool2d(x, kernel, stride, padding, dilation, true);
    }

    private static MaxPoolResult maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean relu) {
        Window2d g = window(relu ? "relu_max_pool2d" : "max_pool2d", x, kernel, stride, padding, dilation);
        int[] outDims = {x.dim(0), x.dim(1), g.outH(), g.outW()};
        Tensor out = Tensor.zeros(outDims);
        int[] argmax = new int[out.size()];
        int planes = x.dim(0) * x.dim(1);
        if (g.padH() == 0 && g.padW() == 0) {
            // Every window lies inside the image: the vector kernel gathers tap by tap.
            int[] window = windowStarts(g), taps = tapOffsets(g);
            ConvKernels k = VectorizationProvider.get().kernels(ConvKernels.class);
            Work.rows(planes, (long) g.outPlane() * g.taps(), GRAIN,
                    (p0, p1) -> k.maxPoolInside(x.data(), x.offset(), g.inPlane(), window, taps, g.outPlane(), p0, p1, relu, out.data(), 0, argmax, 0));
        } else {
            Work.rows(planes, (long) g.outPlane() * g.taps(), GRAIN,
                    (p0, p1) -> PoolKernels.maxPool(x.data(), x.offset(), g, p0, p1, relu, out.data(), 0, argmax, 0));
        }
        return new MaxPoolResult(out, new Indices(argmax, Shape.of(outDims)));
    }

    /** Each output's window origin in its plane, padded to a whole number of vectors with valid origins. */
    private static int[] windowStarts(Window2d g) {
        int n = g.outPlane();
        int[] starts = new int[(n + 63) / 64 * 64];
        for (int oy = 0, q = 0; oy < g.outH(); oy++) {
            for (int ox = 0; ox < g.outW(); ox++, q++) starts[q] = oy * g.strideH() * g.width() + ox * g.strideW();
        }
        return starts;
    }

    /** Offsets of a window's taps from its origin, in PyTorch's scan order (row by row). */
    private static int[] tapOffsets(Window2d g) {
        int[] taps = new int[g.taps()];
        for (int i = 0, t = 0; i < g.kernelH(); i++) {
            for (int j = 0; j < g.kernelW(); j++, t++) taps[t] = i * g.dilationH() * g.width() + j * g.dilationW();
        }
        return taps;
    }

    /** The input gradient of max pooling: each output gradient goes to its argmax (none where it is −1). */
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
