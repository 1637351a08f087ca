package dev.sieve.autograd;

import dev.sieve.ops.Norms;

/**
 * The differentiable operations: each computes its value with {@code dev.sieve.ops} and, when gradients
 * are being recorded and an input requires one, records a {@link Node} whose closure computes the inputs'
 * gradients. Binary element-wise operations broadcast; their gradients are summed back to each operand's
 * shape.
 */
public final class Functions {
    private Functions() {}

    // ---- element-wise -------------------------------------------------------------------------

    public static Variable add(Variable a, Variable b) {
        return Pointwise.add(a, b);
    }

    public static Variable sub(Variable a, Variable b) {
        return Pointwise.sub(a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        return Pointwise.mul(a, b);
    }

    public static Variable div(Variable a, Variable b) {
        return Pointwise.div(a, b);
    }

    public static Variable neg(Variable x) {
        return Pointwise.neg(x);
    }

    public static Variable exp(Variable x) {
        return Pointwise.exp(x);
    }

    public static Variable log(Variable x) {
        return Pointwise.log(x);
    }

    public static Variable sqrt(Variable x) {
        return Pointwise.sqrt(x);
    }

    public static Variable tanh(Variable x) {
        return Pointwise.tanh(x);
    }

    public static Variable sigmoid(Variable x) {
        return Pointwise.sigmoid(x);
    }

    /** ReLU; the gradient at exactly 0 is 0. */
    public static Variable relu(Variable x) {
        return Pointwise.relu(x);
    }

    /** GELU, exact (erf) form. */
    public static Variable gelu(Variable x) {
        return Pointwise.gelu(x);
    }

    /** GELU, tanh approximation. */
    public static Variable geluTanh(Variable x) {
        return Pointwise.geluTanh(x);
    }

    // ---- reductions ----------------------------------------------------------------------------

    /** Sum of all elements, a scalar. */
    public static Variable sum(Variable x) {
        return Reduce.sum(x);
    }

    public static Variable sum(Variable x, int axis, boolean keepDims) {
        return Reduce.sum(x, axis, keepDims);
    }

    /** Mean of all elements, a scalar. */
    public static Variable mean(Variable x) {
        return Reduce.mean(x);
    }

    public static Variable mean(Variable x, int axis, boolean keepDims) {
        return Reduce.mean(x, axis, keepDims);
    }

    /** Maximum along an axis; the gradient goes to the first maximal element of each slice. */
    public static Variable max(Variable x, int axis, boolean keepDims) {
        return Reduce.max(x, axis, keepDims);
    }

    public static Variable softmax(Variable x, int axis) {
        return Reduce.softmax(x, axis);
    }

    public static Variable logSoftmax(Variable x, int axis) {
        return Reduce.logSoftmax(x, axis);
    }

    // ---- normalisation -------------------------------------------------------------------------

    /** Layer norm over the trailing {@code normalizedShape}; gamma and beta may be null. */
    public static Variable layerNorm(Variable x, int[] normalizedShape, Variable gamma, Variable beta, float eps) {
        return Normalization.layerNorm(x, normalizedShape, gamma, beta, eps);
    }

    public static Variable layerNorm(Variable x, int[] normalizedShape, Variable gamma, Variable beta) {
        return layerNorm(x, normalizedShape, gamma, beta, Norms.DEFAULT_EPS);
    }

    // ---- linear algebra ------------------------------------------------------------------------

    /** Matrix product of operands of rank >= 2 (2-D, or batched such as [B, m, k] x [B, k, n]). */
    public static Variable matmul(Variable a, Variable b) {
        return Linalg.matmul(a, b);
    }

    /** {@code x · wᵀ + bias}: x [..., in], w [out, in], bias [out] or null. */
    public static Variable linear(Variable x, Variable w, Variable bias) {
        return Linalg.linear(x, w, bias);
    }

    // ---- convolution and pooling ------------------------------------------------------------

    /**
     * 2-D convolution as {@code torch.nn.functional.conv2d}: x {@code [N, C, H, W]}, w
     * {@code [O, C/groups, kh, kw]}, bias {@code [O]} or null; stride, padding and dilation are one value
     * or a (height, width) pair (null: 1, 0, 1). Result {@code [N, O, outH, outW]}.
     */
    public static Variable conv2d(Variable x, Variable w, Variable bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, bias, stride, padding, dilation, groups);
    }

    /** {@link #conv2d(Variable, Variable, Variable, int[], int[], int[], int)} with stride 1, no padding, one group. */
    public static Variable conv2d(Variable x, Variable w, Variable bias) {
        return Convolution.conv2d(x, w, bias, null, null, null, 1);
    }

    /**
     * Max pooling as {@code torch.nn.functional.max_pool2d} (floor mode): stride null means the kernel
     * size; padding (at most half the kernel) is −∞; the gradient goes to the first maximal element.
     */
    public static Variable maxPool2d(Variable x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Convolution.maxPool2d(x, kernel, stride, padding, dilation);
    }

    public static Variable maxPool2d(Variable x, int[] kernel, int[] stride, int[] padding) {
        return Convolution.maxPool2d(x, kernel, stride, padding, null);
    }

    /**
     * {@code relu(maxPool2d(x))}, equal to {@code maxPool2d(relu(x))} with the same gradients (max-pooling
     * commutes with relu), in one pass over x: a convolution, ReLU, max-pool block without the ReLU's
     * full-size tensors.
     */
    public static Variable reluMaxPool2d(Variable x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Convolution.reluMaxPool2d(x, kernel, stride, padding, dilation);
    }

    /**
     * Average pooling as {@code torch.nn.functional.avg_pool2d} (floor mode): stride null means the kernel
     * size; with {@code countIncludePad} (PyTorch's default) padded positions count in the divisor.
     */
    public static Variable avgPool2d(Variable x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return Convolution.avgPool2d(x, kernel, stride, padding, countIncludePad);
    }

    public static Variable avgPool2d(Variable x, int[] kernel, int[] stride, int[] padding) {
        return Convolution.avgPool2d(x, kernel, stride, padding, true);
    }

    // ---- shape ---------------------------------------------------------------------------------

    public static Variable reshape(Variable x, int... dims) {
        return Shaping.reshape(x, dims);
    }

    /** Swaps axes {@code a} and {@code b} (materialised). */
    public static Variable transpose(Variable x, int a, int b) {
        return Shaping.transpose(x, a, b);
    }

    /**
     * {@code x · wᵀ + bias} with a sparse weight on a fixed pattern whose stored values
     * ({@link SparseParameter#values()}) are differentiable: x is [tokens, in], w is [out, in], bias is
     * [out] or null. The values' gradient is in the layout's storage order (zero at padding and
     * masked-out slots).
     */
    public static Variable sparseLinear(Variable x, SparseParameter w, Variable bias) {
        return SparseLinalg.linear(x, w, bias);
    }
}
