package dev.sieve.ops;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.NormalizationKernels;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.tensor.Tensor;

/**
 * Softmax and log-softmax along any axis, numerically stable (the max is subtracted first). A NaN in
 * a slice, or +infinity, makes that slice NaN, as in PyTorch.
 *
 * <p>Along the last axis every slice is a contiguous run and goes to the run kernels. Along another
 * axis a slice is strided; rather than transposing, each outer slice is treated as an n x inner matrix
 * and the softmax is done for all its columns at once, row by row, with the elementwise kernels: the
 * running max, then e^(x - max) and its column sums, then the division. The kernels still see
 * contiguous runs, vectorised across the inner dimension.
 */
public final class Softmax {
    private Softmax() {}

    public static Tensor softmax(Tensor x, int axis) {
        return apply(x, axis, false);
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        return apply(x, axis, true);
    }

    private static Tensor apply(Tensor x, int axis, boolean log) {
        AxisGeometry g = AxisGeometry.of(x.shape(), axis);
        Tensor out = Tensor.zeros(x.dims());
        if (out.size() == 0) return out;
        float[] xd = x.data(), od = out.data();
        int xOff = x.offset(), n = g.n(), inner = g.inner();
        if (inner == 1) {
            NormalizationKernels k = VectorizationProvider.get().normalization();
            Work.rows(g.outer(), n, Work.COSTLY, (from, to) -> {
                for (int o = from; o < to; o++) {
                    if (log) k.logSoftmax(xd, xOff + o * n, od, o * n, n);
                    else k.softmax(xd, xOff + o * n, od, o * n, n);
                }
            });
            return out;
        }
        DenseKernels k = VectorizationProvider.get().dense();
        int cb = g.columnBlock(), blocks = g.columnBlocks();
        Work.rows(g.outer() * blocks, (long) n * cb, Work.COSTLY, (from, to) -> {
            float[] max = new float[cb], sum = new float[cb];
            for (int u = from; u < to; u++) {
                int o = u / blocks, c0 = (u % blocks) * cb, len = Math.min(cb, inner - c0);
                int src = xOff + o * n * inner + c0, dst = o * n * inner + c0;
                System.arraycopy(xd, src, max, 0, len);
                for (int j = 1; j < n; j++) k.binary(BinaryOp.MAX, max, 0, xd, src + j * inner, max, 0, len);
                java.util.Arrays.fill(sum, 0, len, 0f);
                for (int j = 0; j < n; j++) {
                    int xr = src + j * inner, or = dst + j * inner;
                    k.binary(BinaryOp.SUB, xd, xr, max, 0, od, or, len);
                    k.unary(UnaryOp.EXP, od, or, od, or, len);
                    k.binary(BinaryOp.ADD, sum, 0, od, or, sum, 0, len);
                }
                if (log) {
                    k.unary(UnaryOp.LOG, sum, 0, sum, 0, len);
                    for (int j = 0; j < n; j++) {
                        int xr = src + j * inner, or = dst + j * inner;
                        // (x - max) - log(sum), in the same order as the run kernel
                        k.binary(BinaryOp.SUB, xd, xr, max, 0, od, or, len);
                        k.binary(BinaryOp.SUB, od, or, sum, 0, od, or, len);
                    }
                } else {
                    for (int j = 0; j < n; j++) k.binary(BinaryOp.DIV, od, dst + j * inner, sum, 0, od, dst + j * inner, len);
                }
            }
        });
        return out;
    }
}
