package dev.sieve.ops.sparse;

import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/**
 * The operator API over layouts: matrix products, sums and elementwise products of operands in any
 * layout, the sparse-weight Linear product, and SpMM into a caller's buffer.
 *
 * <p>Activation layout: a Linear layer computes {@code Y[tokens, out] = X[tokens, in] · W^T}. With W
 * sparse the kernels run feature-major, {@code Y^T[out, tokens] = W · X^T[in, tokens]}, so the inner
 * loops walk contiguous runs of tokens for each stored weight. {@link #linearFeatureMajor} takes and
 * returns feature-major activations (no transposes: chains of sparse layers should stay that way);
 * {@link #linear} takes token-major X and transposes on the way in and out. docs/kernels.md has the
 * measured cost of those transposes.
 */
public final class SparseOps {
    private SparseOps() {}

    public static Operand matmul(Operand a, Operand b) {
        return Dispatcher.apply(MatrixOp.MATMUL, a, b, Parallel.runtime());
    }

    public static Operand add(Operand a, Operand b) {
        return Dispatcher.apply(MatrixOp.ADD, a, b, Parallel.runtime());
    }

    public static Operand mul(Operand a, Operand b) {
        return Dispatcher.apply(MatrixOp.MUL, a, b, Parallel.runtime());
    }

    /** {@code A · B} with A sparse [M, K] and B dense [K, N]: a dense [M, N] result. */
    public static Tensor spmm(SparseMatrix a, Tensor b) {
        checkSpmm(a, b);
        Tensor c = Tensor.zeros(a.rows(), b.dim(1));
        spmmInto(a, b, c, false, Parallel.runtime());
        return c;
    }

    /**
     * {@code C = A · B} (or {@code C += A · B} when {@code accumulate}) into a preallocated dense
     * {@code C[M, N]}; A sparse [M, K], B dense [K, N], all row-major and contiguous.
     */
    public static void spmmInto(SparseMatrix a, Tensor b, Tensor c, boolean accumulate, ParallelRuntime runtime) {
        checkSpmm(a, b);
        if (c.rank() != 2 || c.dim(0) != a.rows() || c.dim(1) != b.dim(1)) {
            throw new IllegalArgumentException("spmm: output shape " + c.shape() + ", expected [" + a.rows() + ", " + b.dim(1) + "]");
        }
        SpmmRouting.spmm(a, b.data(), b.offset(), b.dim(1), c.data(), c.offset(), c.dim(1), b.dim(1), accumulate, runtime);
    }

    /**
     * {@code Y^T = W · X^T (+ bias)}, activations feature-major: {@code xT[in, tokens]} in,
     * {@code [out, tokens]} out. {@code bias} is [out] or null.
     */
    public static Tensor linearFeatureMajor(Tensor xT, SparseMatrix w, Tensor bias) {
        checkSpmm(w, xT);
        int tokens = xT.dim(1);
        Tensor yT = Tensor.zeros(w.rows(), tokens);
        boolean accumulate = false;
        if (bias != null) {
            checkBias(bias, w.rows());
            float[] y = yT.data(), bb = bias.data();
            for (int o = 0; o < w.rows(); o++) {
                java.util.Arrays.fill(y, o * tokens, (o + 1) * tokens, bb[bias.offset() + o]);
            }
            accumulate = true;
        }
        spmmInto(w, xT, yT, accumulate, Parallel.runtime());
        return yT;
    }

    /**
     * {@code act(W · X^T + b)} in the feature-major activation layout ({@code xT [in, tokens]} in, {@code [out,
     * tokens]} out), with the bias and the activation fused into the stores of one compiled kernel (tensor
     * compiler, {@link dev.sieve.compile.plan.Epilogue}): the output is written once, already biased and
     * activated. W in CSR, CSC or COO is read as it is; other layouts are read as CSR. {@code bias} may be null.
     */
    public static Tensor linearFused(Tensor xT, SparseMatrix w, Tensor bias, dev.sieve.compile.plan.Epilogue.Activation activation) {
        if (xT.rank() != 2 || xT.dim(0) != w.cols())
            throw new IllegalArgumentException("linearFused: X^T " + xT.shape() + " must be [" + w.cols() + ", tokens] for W [" + w.rows() + ", " + w.cols() + "]");
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != w.rows()))
            throw new IllegalArgumentException("linearFused: bias " + bias.shape() + " must be [" + w.rows() + "]");
        java.util.Map<String, dev.sieve.compile.format.FormattedTensor> in = new java.util.LinkedHashMap<>();
        in.put("W", CompiledPaths.formatted(Operand.of(w)));
        in.put("X", dev.sieve.compile.format.FormattedTensor.fromDense(xT, dev.sieve.compile.format.Format.dense(2)));
        if (bias != null) in.put("b", dev.sieve.compile.format.FormattedTensor.fromDense(bias, dev.sieve.compile.format.Format.dense(1)));
        java.util.Map<String, dev.sieve.compile.format.Format> formats = new java.util.LinkedHashMap<>();
        java.util.Map<String, int[]> dims = new java.util.LinkedHashMap<>();
        for (var e : in.entrySet()) {
            formats.put(e.getKey(), e.getValue().format());
            dims.put(e.getKey(), e.getValue().dims());
        }
        dev.sieve.compile.CompiledEinsum c = dev.sieve.compile.Einsum.compile("Y(o,n) = W(o,i) * X(i,n)", formats, dims,
                dev.sieve.compile.plan.Schedule.automatic(), new dev.sieve.compile.plan.Epilogue(bias == null ? null : "b", "o", activation));
        return c.evaluate(in).toDense();
    }

    /** {@code Y = X · W^T (+ bias)} with token-major {@code x[tokens, in]}; transposes in and out. */
    public static Tensor linear(Tensor x, SparseMatrix w, Tensor bias) {
        if (x.rank() != 2) throw new IllegalArgumentException("linear: x must be 2-D [tokens, in], got " + x.shape());
        if (x.dim(1) != w.cols()) {
            throw new IllegalArgumentException("linear: x " + x.shape() + " and W [" + w.rows() + ", " + w.cols() + "] do not match");
        }
        return linearFeatureMajor(x.t(), w, bias).t();
    }

    /**
     * SDDMM: {@code out[p] = S[p] · dot(D1[i], D2[j])} for each stored position p = (i, j) of S (or
     * without the factor S[p] when {@code scaleByValues} is false), D1 [M, K] and D2 [N, K] dense.
     * The result has S's pattern.
     */
    public static CsrMatrix sddmm(CsrMatrix s, Tensor d1, Tensor d2, boolean scaleByValues) {
        if (d1.rank() != 2 || d2.rank() != 2 || d1.dim(0) != s.rows() || d2.dim(0) != s.cols() || d1.dim(1) != d2.dim(1)) {
            throw new IllegalArgumentException("sddmm: S [" + s.rows() + ", " + s.cols() + "], D1 " + d1.shape() + " and D2 "
                    + d2.shape() + " do not match (need D1 [M, K], D2 [N, K])");
        }
        int k = d1.dim(1);
        return dev.sieve.kernel.VectorizationProvider.get().kernels(dev.sieve.kernel.sparse.SddmmKernels.class)
                .sddmm(s, scaleByValues, 1f, d1.data(), d1.offset(), k, d2.data(), d2.offset(), k, k, Parallel.runtime());
    }

    /** Softmax of each row's stored values (implicit zeros are excluded, as masked-out scores). */
    public static CsrMatrix softmaxRows(CsrMatrix a) {
        return dev.sieve.kernel.VectorizationProvider.get().kernels(dev.sieve.kernel.sparse.SparseSoftmaxKernels.class)
                .softmax(a, Parallel.runtime());
    }

    private static void checkSpmm(SparseMatrix a, Tensor b) {
        if (b.rank() != 2 || b.dim(0) != a.cols()) {
            throw new IllegalArgumentException("spmm: A [" + a.rows() + ", " + a.cols() + "] (" + a.layout()
                    + ") and B " + b.shape() + " do not match");
        }
    }

    private static void checkBias(Tensor bias, int out) {
        if (bias.size() != out) throw new IllegalArgumentException("bias has shape " + bias.shape() + ", expected [" + out + "]");
    }
}
