package dev.sieve.ops;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.conv.ConvKernels;
import dev.sieve.kernel.conv.Im2col;
import dev.sieve.kernel.conv.RowMajorGemm;
import dev.sieve.kernel.conv.Window2d;
import dev.sieve.ops.Convolutions.Conv2dShape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * A convolution, ReLU and 2x2 max-pool with stride 2 as one operation:
 * {@code max_pool2d(relu(conv2d(x, w, bias)), 2)}, computed image by image so the full-size convolution
 * output never leaves the cache.
 *
 * <p>The im2col matrix of each image has its columns in pooling order: four blocks, one per position
 * (dy, dx) in the 2x2 window, each holding the output positions (2·py + dy, 2·px + dx) for every pooled
 * position (py, px). The GEMM then writes the convolution output in that order, pooling is an
 * element-wise maximum of four contiguous blocks (no gathers, no branches), and the backward pass puts
 * each pooled gradient straight into its block. A block is an ordinary im2col with twice the stride and
 * the padding shifted by (dy, dx), so the same lowering code serves. Convolution outputs in an odd last
 * row or column belong to no pooling window; they are not computed (their gradient would be 0).
 *
 * <p>Worth it when the convolution output is large next to its input, as in a first layer (one input
 * channel, 32 outputs); with many input channels the strided im2col costs more than the saved pass.
 */
public final class ConvReluPool {
    private static final int BLOCKS = 4;

    private ConvReluPool() {}

    /** Largest im2col matrices (floats, all images) kept from the forward pass for the backward pass. */
    private static final long KEEP_LOWERED = 1 << 22;

    /**
     * The pooled values; per value, which of the 2x2 window won (0..3 in scan order, −1: none above 0);
     * and the images' im2col matrices when they were small enough to keep (else null), {@code rows} rows
     * each (the last a row of ones when there is a bias).
     */
    public record Result(Tensor values, int[] winners, float[] lowered, int rows) {}

    /**
     * The pooled output; with {@code keepLowered} (a weight gradient will follow) the im2col matrices are kept
     * for {@link #backward} when they total at most 4M floats.
     */
    public static Result forward(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups,
                                 boolean keepLowered) {
        Conv2dShape s = Convolutions.shape(x, w, bias, stride, padding, dilation, groups);
        Window2d[] blocks = blocks(s.window());
        int q = blocks[0].outPlane(), cols = BLOCKS * q;
        int k = s.patch(), o = s.outChannels(), og = s.outPerGroup(), cg = s.inPerGroup();
        Tensor out = Tensor.zeros(s.batch(), o, blocks[0].outH(), blocks[0].outW());
        int[] winners = new int[out.size()];
        // The bias rides along as an extra weight column times a row of ones.
        int lda = bias == null ? k : k + 1;
        if (out.size() == 0) return new Result(out, winners, null, lda);
        long loweredSize = (long) s.batch() * groups * lda * cols;
        float[] lowered = keepLowered && loweredSize <= KEEP_LOWERED ? new float[(int) loweredSize] : null;
        float[] a = weightRows(w, bias, k, lda);
        ConvKernels kern = VectorizationProvider.get().kernels(ConvKernels.class);
        float[] od = out.data();
        ImageBatches.forEachImage(s.batch(), (image, rt, scratch, sums) -> {
            for (int g = 0; g < groups; g++) {
                float[] m = lowered != null ? lowered : scratch.buffer(0, lda * cols);
                int mOff = lowered != null ? (image * groups + g) * lda * cols : 0;
                lower(x.data(), x.offset() + (image * s.inChannels() + g * cg) * s.window().inPlane(), cg, blocks, m, mOff, cols);
                if (lda > k) Arrays.fill(m, mOff + k * cols, mOff + lda * cols, 1f);
                float[] conv = scratch.buffer(1, og * cols);
                RowMajorGemm.multiply(og, cols, lda, a, g * og * lda, lda, m, mOff, cols, conv, 0, cols, false);
                int base = (image * o + g * og) * q;
                for (int r = 0; r < og; r++) kern.reluMaxOfBlocks(conv, r * cols, q, BLOCKS, q, od, base + r * q, winners, base + r * q);
            }
        }, null);
        return new Result(out, winners, lowered, lda);
    }

    /**
     * Gradients {input, weight, bias} of {@link #forward} for pooled-output gradient {@code grad}, each only
     * when asked for (null otherwise).
     */
    public static Tensor[] backward(Tensor grad, Result r, Tensor x, Tensor w, int[] stride, int[] padding, int[] dilation, int groups,
                                    boolean wantInput, boolean wantWeight, boolean wantBias) {
        Conv2dShape s = Convolutions.shape(x, w, null, stride, padding, dilation, groups);
        if (!grad.shape().equals(r.values().shape())) {
            throw new IllegalArgumentException("conv2d+relu+max_pool2d backward: gradient shape " + grad.shape() + ", expected " + r.values().shape());
        }
        Window2d[] blocks = blocks(s.window());
        int q = blocks[0].outPlane(), cols = BLOCKS * q;
        int k = s.patch(), o = s.outChannels(), og = s.outPerGroup(), cg = s.inPerGroup();
        Tensor gx = wantInput ? Tensor.zeros(x.dims()) : null;
        float[] wt = wantInput ? transposedGroups(w, groups, k, og) : null;
        boolean onesRow = wantWeight && wantBias;
        int rows = k + (onesRow ? 1 : 0);
        ImageBatches.Partials partials = new ImageBatches.Partials(wantWeight ? groups * rows * og : 0, wantBias && !onesRow ? o : 0);
        int[] winners = r.winners();
        float[] gd = grad.data();
        ImageBatches.forEachImage(s.batch(), (image, rt, scratch, sums) -> {
            for (int g = 0; g < groups; g++) {
                int xOff = (image * s.inChannels() + g * cg) * s.window().inPlane();
                int base = grad.offset() + (image * o + g * og) * q, winBase = (image * o + g * og) * q;
                if (sums.weight != null || sums.bias != null) {
                    // The convolution output's gradient, transposed ([cols, O/g]) so the weight GEMM reads it
                    // in place: each pooled gradient at its winner's column, written without branching (a
                    // window with no winner writes 0 to its first column, which nothing else writes).
                    float[] gt = scratch.buffer(1, cols * og);
                    Arrays.fill(gt, 0, cols * og, 0f);
                    for (int c = 0; c < og; c++) {
                        for (int i = 0; i < q; i++) {
                            int win = winners[winBase + c * q + i];
                            int keep = ~(win >> 31);
                            gt[((win & keep) * q + i) * og + c] = Float.intBitsToFloat(Float.floatToRawIntBits(gd[base + c * q + i]) & keep);
                        }
                    }
                    if (sums.weight != null) {
                        float[] m;
                        int mOff;
                        if (r.lowered() != null) {
                            m = r.lowered();
                            mOff = (image * groups + g) * r.rows() * cols;
                        } else {
                            m = scratch.buffer(0, rows * cols);
                            mOff = 0;
                            lower(x.data(), x.offset() + xOff, cg, blocks, m, 0, cols);
                            if (rows > k) Arrays.fill(m, k * cols, rows * cols, 1f);
                        }
                        RowMajorGemm.multiply(rows, og, cols, m, mOff, cols, gt, 0, og, sums.weight, g * rows * og, og, true);
                    }
                    if (sums.bias != null) {
                        for (int i = 0; i < cols; i++) {
                            for (int c = 0; c < og; c++) sums.bias[g * og + c] += gt[i * og + c];
                        }
                    }
                }
                if (gx != null) {
                    float[] gc = scratch.buffer(2, og * cols);
                    Arrays.fill(gc, 0, og * cols, 0f);
                    for (int c = 0; c < og; c++) {
                        for (int i = 0; i < q; i++) {
                            int win = winners[winBase + c * q + i];
                            int keep = ~(win >> 31);
                            gc[c * cols + (win & keep) * q + i] = Float.intBitsToFloat(Float.floatToRawIntBits(gd[base + c * q + i]) & keep);
                        }
                    }
                    float[] dm = scratch.buffer(0, k * cols);
                    RowMajorGemm.multiply(k, cols, og, wt, g * k * og, og, gc, 0, cols, dm, 0, cols, false);
                    for (int b = 0; b < BLOCKS; b++) {
                        Window2d bw = blocks[b];
                        Im2col.col2im(dm, b * q, cg, bw.height(), bw.width(), bw.kernelH(), bw.kernelW(), bw.strideH(), bw.strideW(),
                                bw.padH(), bw.padW(), bw.dilationH(), bw.dilationW(), bw.outH(), bw.outW(), gx.data(), xOff, cols);
                    }
                }
            }
        }, partials);
        Tensor[] params = Convolutions.parameterGradients(partials, w.dims(), groups, k, wantWeight, wantBias, onesRow);
        return new Tensor[] {gx, params[0], params[1]};
    }

    /** The four im2col blocks: output positions (2·py + dy, 2·px + dx), i.e. doubled stride, padding moved by (dy, dx). */
    static Window2d[] blocks(Window2d c) {
        int ph = c.outH() / 2, pw = c.outW() / 2;
        if (ph == 0 || pw == 0) {
            throw new IllegalArgumentException("conv2d+relu+max_pool2d: the convolution output " + c.outH() + "x" + c.outW()
                    + " is smaller than the 2x2 pooling window");
        }
        Window2d[] b = new Window2d[BLOCKS];
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                b[2 * dy + dx] = new Window2d(c.height(), c.width(), c.kernelH(), c.kernelW(), 2 * c.strideH(), 2 * c.strideW(),
                        c.padH() - dy * c.strideH(), c.padW() - dx * c.strideW(), c.dilationH(), c.dilationW(), ph, pw);
            }
        }
        return b;
    }

    /** One image's group of channels as the block-ordered im2col matrix ({@code cols} columns per row). */
    private static void lower(float[] x, int xOff, int channels, Window2d[] blocks, float[] m, int mOff, int cols) {
        int q = blocks[0].outPlane();
        for (int b = 0; b < BLOCKS; b++) {
            Window2d bw = blocks[b];
            Im2col.im2col(x, xOff, channels, bw.height(), bw.width(), bw.kernelH(), bw.kernelW(), bw.strideH(), bw.strideW(),
                    bw.padH(), bw.padW(), bw.dilationH(), bw.dilationW(), bw.outH(), bw.outW(), m, mOff + b * q, cols);
        }
    }

    /** The weight as [O, k] rows, with the bias appended as column k when there is one. */
    private static float[] weightRows(Tensor w, Tensor bias, int k, int lda) {
        int o = w.dim(0);
        float[] a = new float[o * lda];
        float[] wd = w.data();
        for (int r = 0; r < o; r++) {
            System.arraycopy(wd, w.offset() + r * k, a, r * lda, k);
            if (bias != null) a[r * lda + k] = bias.data()[bias.offset() + r];
        }
        return a;
    }

    /** Per group, wᵀ [k, O/g]. */
    private static float[] transposedGroups(Tensor w, int groups, int k, int og) {
        float[] wt = new float[groups * og * k];
        float[] wd = w.data();
        for (int g = 0; g < groups; g++) {
            for (int r = 0; r < og; r++) {
                int src = w.offset() + (g * og + r) * k, dst = g * k * og + r;
                for (int i = 0; i < k; i++) wt[dst + i * og] = wd[src + i];
            }
        }
        return wt;
    }
}
