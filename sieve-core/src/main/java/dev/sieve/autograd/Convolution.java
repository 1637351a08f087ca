package dev.sieve.autograd;

import dev.sieve.ops.ConvReluPool;
import dev.sieve.ops.Convolutions;
import dev.sieve.ops.Pooling;
import dev.sieve.tensor.Tensor;

/** 2-D convolution and pooling over NCHW inputs, and their gradients (see {@link Convolutions}, {@link Pooling}). */
final class Convolution {
    private Convolution() {}

    /**
     * {@code conv2d(x [N, C, H, W], w [O, C/groups, kh, kw], bias [O] or null)}: gradients to the input
     * (col2im of wᵀ·g), the weight (Σ g·colsᵀ over images) and the bias (sum over N, H, W).
     */
    static Variable conv2d(Variable x, Variable w, Variable bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Tensor xv = x.value(), wv = w.value();
        Tensor y = Convolutions.conv2d(xv, wv, bias == null ? null : bias.value(), stride, padding, dilation, groups);
        return Variable.result("conv2d", y, g -> Convolutions.conv2dBackward(g, xv, wv, stride, padding, dilation, groups,
                x.requiresGrad(), w.requiresGrad(), bias != null && bias.requiresGrad()), x, w, bias);
    }

    /** {@code maxPool2d(relu(conv2d(x, w, bias)), 2)} in one op (see {@link ConvReluPool}). */
    static Variable conv2dReluMaxPool2d(Variable x, Variable w, Variable bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Tensor xv = x.value(), wv = w.value();
        ConvReluPool.Result r = ConvReluPool.forward(xv, wv, bias == null ? null : bias.value(), stride, padding, dilation, groups,
                NoGrad.isGradEnabled() && w.requiresGrad());
        return Variable.result("conv2d_relu_max_pool2d", r.values(), g -> ConvReluPool.backward(g, r, xv, wv, stride, padding, dilation,
                groups, x.requiresGrad(), w.requiresGrad(), bias != null && bias.requiresGrad()), x, w, bias);
    }

    /** Max pooling; the gradient goes to the (first) maximal element of each window. */
    static Variable maxPool2d(Variable x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int[] inputDims = x.dims();
        Pooling.MaxPoolResult r = Pooling.maxPool2d(x.value(), kernel, stride, padding, dilation);
        return Variable.result("max_pool2d", r.values(), g -> new Tensor[] {Pooling.maxPool2dBackward(g, r.argmax(), inputDims)}, x);
    }

    /** {@code relu(maxPool2d(x))} = {@code maxPool2d(relu(x))} in one pass; no gradient where the window maximum is <= 0. */
    static Variable reluMaxPool2d(Variable x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int[] inputDims = x.dims();
        Pooling.MaxPoolResult r = Pooling.reluMaxPool2d(x.value(), kernel, stride, padding, dilation);
        return Variable.result("relu_max_pool2d", r.values(), g -> new Tensor[] {Pooling.maxPool2dBackward(g, r.argmax(), inputDims)}, x);
    }

    /** Average pooling; each window's gradient is shared evenly by its elements. */
    static Variable avgPool2d(Variable x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        int[] inputDims = x.dims();
        Tensor y = Pooling.avgPool2d(x.value(), kernel, stride, padding, countIncludePad);
        return Variable.result("avg_pool2d", y,
                g -> new Tensor[] {Pooling.avgPool2dBackward(g, inputDims, kernel, stride, padding, countIncludePad)}, x);
    }
}
