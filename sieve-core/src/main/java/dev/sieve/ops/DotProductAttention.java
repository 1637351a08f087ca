package dev.sieve.ops;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.NormalizationKernels;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Scaled dot-product attention: {@code P = softmax(scale·Q·Kᵀ + M)} along the last axis and
 * {@code O = P·V}, for every batch index (heads are batch dimensions). Q is {@code [batch..., L, d]}, K
 * {@code [batch..., S, d]}, V {@code [batch..., S, dv]}, all with the same batch dimensions; the additive
 * mask M (0 where attention is allowed, −∞ where it is not) broadcasts to {@code [batch..., L, S]} and
 * must end in S (e.g. {@code [L, S]} for one mask for all, {@code [N, 1, 1, S]} for key padding).
 *
 * <p>Each batch index is two small GEMMs and a row softmax. Threads take whole batch indices (heads)
 * when there are enough of them, each running its GEMMs alone; a single head gets all threads inside its
 * GEMMs. A row whose every score is −∞ comes out NaN, as in PyTorch.
 */
public final class DotProductAttention {
    private static final ParallelRuntime SERIAL = new ParallelRuntime(1);
    /** Multiply-adds a thread should get before heads are spread over threads. */
    private static final long HEAD_GRAIN = 1 << 15;

    /** Output {@code [batch..., L, dv]} and the attention weights P {@code [batch..., L, S]}. */
    public record Result(Tensor output, Tensor weights) {}

    private DotProductAttention() {}

    /** {@code 1/√d}, the usual scale. */
    public static float defaultScale(int d) {
        return (float) (1.0 / Math.sqrt(d));
    }

    /** Output and weights; {@code mask} may be null. */
    public static Result forward(Tensor q, Tensor k, Tensor v, Tensor mask, float scale) {
        Geometry g = Geometry.of(q, k, v, mask);
        Tensor p = Tensor.zeros(g.weightDims());
        Tensor o = Tensor.zeros(g.outputDims());
        run(g, q, k, v, mask, scale, p, o);
        return new Result(o, p);
    }

    /** Only the weights {@code softmax(scale·Q·Kᵀ + M)}, {@code [batch..., L, S]}. */
    public static Tensor weights(Tensor q, Tensor k, Tensor mask, float scale) {
        Geometry g = Geometry.of(q, k, null, mask);
        Tensor p = Tensor.zeros(g.weightDims());
        run(g, q, k, null, mask, scale, p, null);
        return p;
    }

    private static void run(Geometry g, Tensor q, Tensor k, Tensor v, Tensor mask, float scale, Tensor p, Tensor o) {
        if (p.size() == 0) return;
        int l = g.l, s = g.s, d = g.d, dv = g.dv;
        int[] maskOffsets = g.maskOffsets;
        float[] md = mask == null ? null : mask.data();
        int maskRowStride = g.maskRowStride;
        float[] pd = p.data(), od = o == null ? null : o.data(), vd = v == null ? null : v.data();
        long work = (long) l * s * (d + dv);
        ParallelRuntime.RangeBody heads = (from, to) -> {
            ParallelRuntime rt = to - from == g.batches ? Parallel.runtime() : SERIAL;
            for (int b = from; b < to; b++) {
                int mOff = md == null ? 0 : mask.offset() + maskOffsets[b];
                head(false, l, s, d, dv, scale,
                        q.data(), q.offset() + b * l * d, d, k.data(), k.offset() + b * s * d, d,
                        vd, vd == null ? 0 : v.offset() + b * s * dv, dv,
                        md, mOff, maskRowStride, pd, b * l * s, od, b * l * dv, dv, rt);
            }
        };
        if (g.batches == 1) {
            heads.run(0, 1);
        } else {
            Parallel.runtime().forRange(g.batches, (int) Math.max(1, HEAD_GRAIN / Math.max(1, work)), heads);
        }
    }

    /**
     * One head on strided operands: {@code P = softmax(scale·Q·Kᵀ + M)} into {@code p} (L×S, row-major,
     * row stride S), then {@code O = P·V} (skipped when {@code v} is null).
     *
     * <p>Token-major operands hold element (i, c) of Q [L×d] at {@code qOff + i·ldq + c} (likewise K, V
     * and O). Feature-major operands hold it at {@code qOff + c·ldq + i}: the transposed storage
     * {@code [features, tokens]} of Sieve's sparse Linear layers, where a head's Q is a block of rows.
     * Either way no operand is copied; the GEMMs read them with the right transposition.
     *
     * @param mask additive mask rows (may be null): row i at {@code maskOff + i·maskRowStride} (stride 0
     *     repeats one row), S values each
     */
    public static void head(boolean featureMajor, int l, int s, int d, int dv, float scale,
                            float[] q, int qOff, int ldq, float[] k, int kOff, int ldk, float[] v, int vOff, int ldv,
                            float[] mask, int maskOff, int maskRowStride,
                            float[] p, int pOff, float[] o, int oOff, int ldo, ParallelRuntime runtime) {
        if (l == 0 || s == 0) return;
        // Scores: Q·Kᵀ. Feature-major Q is stored [d, L] (op = transpose) and Kᵀ is stored as is [d, S].
        if (featureMajor) {
            Gemm.sgemm(true, false, l, s, d, scale, q, qOff, ldq, k, kOff, ldk, 0f, p, pOff, s, runtime);
        } else {
            Gemm.sgemm(false, true, l, s, d, scale, q, qOff, ldq, k, kOff, ldk, 0f, p, pOff, s, runtime);
        }
        DenseKernels dense = VectorizationProvider.get().dense();
        NormalizationKernels norm = VectorizationProvider.get().normalization();
        for (int i = 0; i < l; i++) {
            int row = pOff + i * s;
            if (mask != null) dense.binary(BinaryOp.ADD, p, row, mask, maskOff + i * maskRowStride, p, row, s);
            norm.softmax(p, row, p, row, s);
        }
        if (v == null || dv == 0) return;
        if (featureMajor) {
            // Oᵀ [dv, L] = Vᵀ [dv, S] · Pᵀ
            Gemm.sgemm(false, true, dv, l, s, 1f, v, vOff, ldv, p, pOff, s, 0f, o, oOff, ldo, runtime);
        } else {
            Gemm.sgemm(false, false, l, dv, s, 1f, p, pOff, s, v, vOff, ldv, 0f, o, oOff, ldo, runtime);
        }
    }

    /** Shapes of one call, checked, and where each batch index's mask starts. */
    private record Geometry(int batches, int[] batchDims, int l, int s, int d, int dv, int[] maskOffsets, int maskRowStride) {
        static Geometry of(Tensor q, Tensor k, Tensor v, Tensor mask) {
            if (q.rank() < 2 || k.rank() != q.rank() || (v != null && v.rank() != q.rank())) {
                throw new IllegalArgumentException("attention: q, k" + (v == null ? "" : " and v")
                        + " need the same rank >= 2, got " + q.shape() + ", " + k.shape() + (v == null ? "" : ", " + v.shape()));
            }
            int r = q.rank();
            int[] batchDims = Arrays.copyOf(q.dims(), r - 2);
            int l = q.dim(-2), d = q.dim(-1), s = k.dim(-2);
            if (!Arrays.equals(Arrays.copyOf(k.dims(), r - 2), batchDims) || k.dim(-1) != d) {
                throw new IllegalArgumentException("attention: k " + k.shape() + " does not match q " + q.shape()
                        + " (need the same batch dimensions and feature size)");
            }
            int dv = 0;
            if (v != null) {
                if (!Arrays.equals(Arrays.copyOf(v.dims(), r - 2), batchDims) || v.dim(-2) != s) {
                    throw new IllegalArgumentException("attention: v " + v.shape() + " does not match k " + k.shape()
                            + " (need the same batch dimensions and sequence length)");
                }
                dv = v.dim(-1);
            }
            int batches = 1;
            for (int b : batchDims) batches *= b;
            int[] offsets = null;
            int rowStride = 0;
            if (mask != null) {
                int mr = mask.rank();
                if (mr < 1 || mr > r || mask.dim(-1) != s) {
                    throw new IllegalArgumentException("attention: mask " + mask.shape() + " must end in the key length " + s
                            + " and broadcast to " + Arrays.toString(target(batchDims, l, s)));
                }
                int[] t = target(batchDims, l, s);
                int[] md = mask.dims();
                int lead = r - mr;
                for (int i = 0; i < mr; i++) {
                    if (md[i] != 1 && md[i] != t[lead + i]) {
                        throw new IllegalArgumentException("attention: mask " + mask.shape() + " does not broadcast to "
                                + Arrays.toString(t));
                    }
                }
                rowStride = mr >= 2 && md[mr - 2] == l && l != 1 ? s : 0;
                offsets = maskBatchOffsets(batchDims, md, l * s == 0 ? 0 : (mr >= 2 ? md[mr - 2] : 1) * s);
            }
            return new Geometry(batches, batchDims, l, s, d, dv, offsets, rowStride);
        }

        int[] weightDims() {
            return target(batchDims, l, s);
        }

        int[] outputDims() {
            return target(batchDims, l, dv);
        }

        private static int[] target(int[] batchDims, int rows, int cols) {
            int[] t = Arrays.copyOf(batchDims, batchDims.length + 2);
            t[batchDims.length] = rows;
            t[batchDims.length + 1] = cols;
            return t;
        }

        /** Offset of the mask's [L or 1, S] matrix for each batch index (broadcast dims have stride 0). */
        private static int[] maskBatchOffsets(int[] batchDims, int[] maskDims, int matrixSize) {
            int r = batchDims.length, mb = Math.max(0, maskDims.length - 2), lead = r - mb;
            int[] strides = new int[r];
            int stride = matrixSize;
            for (int i = r - 1; i >= lead; i--) {
                int dm = maskDims[i - lead];
                strides[i] = dm == 1 ? 0 : stride;
                stride *= dm;
            }
            int batches = 1;
            for (int b : batchDims) batches *= b;
            int[] offsets = new int[batches];
            int[] idx = new int[r];
            int off = 0;
            for (int t = 0; t < batches; t++) {
                offsets[t] = off;
                for (int i = r - 1; i >= 0; i--) {
                    off += strides[i];
                    if (++idx[i] < batchDims[i]) break;
                    off -= strides[i] * idx[i];
                    idx[i] = 0;
                }
            }
            return offsets;
        }
    }
}
