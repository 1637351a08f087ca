package dev.sieve.autograd;

import dev.sieve.ops.Norms;
import dev.sieve.ops.sparse.Operand;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;

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

    /**
     * An einsum or index-notation expression over dense variables, run as a compiled kernel
     * ({@link dev.sieve.compile.Einsum}); inputs bind in order of first appearance on the right-hand side. The
     * gradient of each input is again a compiled einsum.
     */
    public static Variable einsum(String expression, Variable... inputs) {
        return CompiledEinsumOp.apply(expression, java.util.List.of(inputs), null);
    }

    /**
     * As {@link #einsum(String, Variable...)}, with each input stored in a format of levels for the computation
     * (null: dense). A sparse format makes the input's zeros structural: the kernel skips them and the input's
     * gradient is sampled at its nonzeros only (zero elsewhere).
     */
    public static Variable einsum(String expression, java.util.List<Variable> inputs, java.util.List<dev.sieve.compile.format.Format> formats) {
        return CompiledEinsumOp.apply(expression, inputs, formats);
    }

    /** {@code x · wᵀ + bias}: x [..., in], w [out, in], bias [out] or null. */
    public static Variable linear(Variable x, Variable w, Variable bias) {
        return Linalg.linear(x, w, bias);
    }

    // ---- indexing ------------------------------------------------------------------------------

    /** Elements {@code [from, from + length)} along {@code axis}, as {@code torch.narrow}. */
    public static Variable narrow(Variable x, int axis, int from, int length) {
        return Indexing.narrow(x, axis, from, length);
    }

    /** Joins tensors along an existing axis; all other dimensions must agree (as {@code torch.cat}). */
    public static Variable cat(int axis, Variable... xs) {
        return Indexing.cat(axis, xs);
    }

    /** Joins equally shaped tensors along a new axis {@code axis} (as {@code torch.stack}). */
    public static Variable stack(int axis, Variable... xs) {
        return Indexing.stack(axis, xs);
    }

    // ---- recurrent -----------------------------------------------------------------------------

    /**
     * One LSTM layer in one direction (PyTorch's equations, gates i, f, g, o), fused into one node with
     * a BPTT backward: x {@code [T, B, I]} (time-major), initial states h0, c0 {@code [B, H]} or null
     * (zeros), wIh {@code [4H, I]}, wHh {@code [4H, H]}, biases {@code [4H]} or null. A reverse layer runs
     * from t = T-1 down to 0; its output is still in time order.
     */
    public static RecurrentResult lstmLayer(Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh, Variable bHh,
                                            boolean reverse) {
        return RecurrentLstm.forward(x, h0, c0, wIh, wHh, bIh, bHh, reverse);
    }

    /**
     * One GRU layer in one direction (PyTorch's equations, gates r, z, n with
     * n = tanh(W_in x + b_in + r·(W_hn h + b_hn))), fused into one node with a BPTT backward: x
     * {@code [T, B, I]}, h0 {@code [B, H]} or null, wIh {@code [3H, I]}, wHh {@code [3H, H]}, biases
     * {@code [3H]} or null. The result's cell state is null.
     */
    public static RecurrentResult gruLayer(Variable x, Variable h0, Variable wIh, Variable wHh, Variable bIh, Variable bHh, boolean reverse) {
        return RecurrentGru.forward(x, h0, wIh, wHh, bIh, bHh, reverse);
    }

    // ---- attention -----------------------------------------------------------------------------

    /** Axis i of the result is axis {@code perm[i]} of x (materialised); the gradient is permuted back. */
    public static Variable permute(Variable x, int... perm) {
        return Attention.permute(x, perm.clone());
    }

    /**
     * Attention weights {@code softmax(scale·Q·Kᵀ + mask)} along the last axis: q {@code [batch..., L, d]},
     * k {@code [batch..., S, d]} with the same batch dimensions; {@code mask} is an additive constant
     * (0 or −∞, or any float) that broadcasts to {@code [batch..., L, S]} and ends in S, or null. The
     * result is {@code [batch..., L, S]}.
     */
    public static Variable attentionWeights(Variable q, Variable k, Tensor mask, float scale) {
        return Attention.attentionWeights(q, k, mask, scale);
    }

    /**
     * Scaled dot-product attention {@code softmax(scale·Q·Kᵀ + mask)·V} as one fused op (it keeps only
     * the weights for the backward pass): q {@code [batch..., L, d]}, k {@code [batch..., S, d]}, v
     * {@code [batch..., S, dv]}; mask as in {@link #attentionWeights}. The result is {@code [batch..., L, dv]}.
     */
    public static Variable scaledDotProductAttention(Variable q, Variable k, Variable v, Tensor mask, float scale) {
        return Attention.scaledDotProductAttention(q, k, v, mask, scale);
    }

    // ---- batch norm, embedding, sparse constants ----------------------------------------------

    /**
     * Batch normalisation over axis 1 of {@code x [N, C, ...]}, as {@code torch.nn.functional.batch_norm}.
     * Training: batch mean and biased variance per channel; the running buffers ([C], or both null) are
     * updated in place with {@code r = (1 − momentum)·r + momentum·s} (unbiased variance). Evaluation: the
     * running statistics normalise. {@code weight} and {@code bias} ([C]) may be null.
     */
    public static Variable batchNorm(Variable x, Tensor runningMean, Tensor runningVar, Variable weight, Variable bias,
                                     boolean training, double momentum, double eps) {
        return BatchNormalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /**
     * Rows of {@code weight [num, dim]} picked by {@code indices} (any shape, each in {@code [0, num)}): the
     * result is {@code indices.shape + [dim]}; the gradient scatter-adds into the picked rows.
     */
    public static Variable embedding(IntTensor indices, Variable weight) {
        return Gather.embedding(indices, weight, Gather.NO_PADDING);
    }

    /** {@link #embedding(IntTensor, Variable)} where row {@code paddingIdx} (in {@code [0, num)}) gets no gradient. */
    public static Variable embedding(IntTensor indices, Variable weight, int paddingIdx) {
        if (paddingIdx < 0) throw new IllegalArgumentException("embedding: padding index must be >= 0, got " + paddingIdx);
        return Gather.embedding(indices, weight, paddingIdx);
    }

    /**
     * {@code A · H} with A a constant sparse matrix {@code [M, K]} in any layout (no gradient) and H
     * {@code [K, F]}; the gradient to H is {@code Aᵀ · dY}, with Aᵀ built (as CSR) during backward.
     */
    public static Variable spmm(SparseMatrix a, Variable h) {
        return SparseConstant.spmm(a, null, h);
    }

    /**
     * {@link #spmm(SparseMatrix, Variable)} with A's transpose supplied by the caller ({@link #transposeForSpmm},
     * kept across steps; A itself when A is symmetric), so backward builds nothing.
     */
    public static Variable spmm(SparseMatrix a, SparseMatrix aTransposed, Variable h) {
        if (aTransposed == null) throw new IllegalArgumentException("spmm: the transpose of A is null; use spmm(a, h)");
        return SparseConstant.spmm(a, aTransposed, h);
    }

    /** {@code A · H} with A a constant operand: a sparse one as {@link #spmm(SparseMatrix, Variable)}, a dense one by GEMM. */
    public static Variable spmm(Operand a, Variable h) {
        return switch (a) {
            case Operand.Sparse s -> SparseConstant.spmm(s.matrix(), null, h);
            case Operand.Dense d -> Linalg.matmul(Variable.constant(d.tensor()), h);
        };
    }

    /** Aᵀ as CSR, the form {@link #spmm(SparseMatrix, SparseMatrix, Variable)} wants for its backward. */
    public static CsrMatrix transposeForSpmm(SparseMatrix a) {
        return SparseConstant.transposeAsCsr(a);
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
     * {@code maxPool2d(relu(conv2d(x, w, bias, ...)), 2)} (2x2 windows, stride 2) as one op that never
     * materialises the convolution output: fastest where that output is large next to the input (a first
     * layer). Same values and gradients as the three ops.
     */
    public static Variable conv2dReluMaxPool2d(Variable x, Variable w, Variable bias, int[] stride, int[] padding, int[] dilation,
                                               int groups) {
        return Convolution.conv2dReluMaxPool2d(x, w, bias, stride, padding, dilation, groups);
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
