package dev.sieve.ops;

import dev.sieve.kernel.conv.Im2col;
import dev.sieve.kernel.conv.RowMajorGemm;
import dev.sieve.kernel.conv.Window2d;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution ({@code torch.nn.functional.conv2d}) on NCHW tensors, and its gradients, lowered to
 * GEMM per image: {@link Im2col} turns one image's group of channels into a {@code [C/g·kh·kw, outH·outW]}
 * matrix, and the group's weight rows {@code [O/g, C/g·kh·kw]} times it is that group's output planes,
 * written in place in NCHW order (no transposes). A 1x1, stride-1, unpadded convolution reads the image
 * itself as that matrix.
 *
 * <p>Threads take groups of whole images when there are at least as many images as threads, each running
 * its GEMMs alone; otherwise the images go one by one and each GEMM that can be is split between the
 * threads. Weight and bias gradients are summed per group and then over groups in order, so results do
 * not depend on the thread count.
 */
public final class Convolutions {
    private Convolutions() {}

    /** The checked sizes of one convolution. */
    public record Conv2dShape(int batch, int inChannels, int outChannels, int groups, Window2d window) {
        public int inPerGroup() {
            return inChannels / groups;
        }

        public int outPerGroup() {
            return outChannels / groups;
        }

        /** Columns of a group's weight rows and rows of its im2col matrix: (C/g)·kh·kw. */
        public int patch() {
            return inPerGroup() * window.taps();
        }

        public int[] outDims() {
            return new int[] {batch, outChannels, window.outH(), window.outW()};
        }
    }

    /**
     * Checks {@code x [N, C, H, W]}, {@code w [O, C/groups, kh, kw]}, {@code bias [O]} (or null) and the
     * window arguments (each one value or a (height, width) pair; null stride/dilation mean 1, null padding 0).
     */
    public static Conv2dShape shape(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.rank() != 4) throw new IllegalArgumentException("conv2d: input must be [N, C, H, W], got shape " + x.shape());
        if (w.rank() != 4) throw new IllegalArgumentException("conv2d: weight must be [O, C/groups, kh, kw], got shape " + w.shape());
        if (groups < 1) throw new IllegalArgumentException("conv2d: groups must be >= 1, got " + groups);
        int c = x.dim(1), o = w.dim(0);
        if (c % groups != 0 || o % groups != 0) {
            throw new IllegalArgumentException("conv2d: input channels " + c + " and output channels " + o
                    + " must both be divisible by groups " + groups);
        }
        if (w.dim(1) * groups != c) {
            throw new IllegalArgumentException("conv2d: weight " + w.shape() + " expects " + w.dim(1) * groups
                    + " input channels (" + w.dim(1) + " per group x " + groups + " groups), input " + x.shape() + " has " + c);
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias must be [" + o + "], got shape " + bias.shape());
        }
        int[] kernel = {w.dim(2), w.dim(3)};
        if (kernel[0] < 1 || kernel[1] < 1) throw new IllegalArgumentException("conv2d: empty kernel in weight " + w.shape());
        Window2d win = Window2d.of("conv2d", x.dim(2), x.dim(3), kernel, orOne(stride), padding == null ? new int[] {0} : padding,
                orOne(dilation));
        return new Conv2dShape(x.dim(0), c, o, groups, win);
    }

    private static int[] orOne(int[] v) {
        return v == null ? new int[] {1} : v;
    }

    /** {@code conv2d(x, w, bias)}: [N, C, H, W] -> [N, O, outH, outW]. */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Conv2dShape s = shape(x, w, bias, stride, padding, dilation, groups);
        Tensor out = Tensor.zeros(s.outDims());
        if (out.size() == 0) return out;
        Window2d win = s.window();
        int k = s.patch(), o = s.outChannels();
        boolean pointwise = win.isPointwise();
        // The bias rides along as an extra column of the weight times a row of ones under the im2col
        // matrix, so the GEMM writes finished outputs in one pass.
        boolean biasColumn = bias != null && !pointwise;
        float[] a;
        int aOff, lda;
        if (biasColumn) {
            lda = k + 1;
            a = new float[o * lda];
            float[] wd = w.data(), bd = bias.data();
            for (int r = 0; r < o; r++) {
                System.arraycopy(wd, w.offset() + r * k, a, r * lda, k);
                a[r * lda + k] = bd[bias.offset() + r];
            }
            aOff = 0;
        } else {
            a = w.data();
            aOff = w.offset();
            lda = k;
        }
        ImageBatches.forEachImage(s.batch(), (image, rt, scratch, sums) -> forwardImage(s, x, a, aOff, lda, pointwise ? bias : null, image, out.data(), scratch), null);
        return out;
    }

    private static void forwardImage(Conv2dShape s, Tensor x, float[] a, int aOff, int lda, Tensor pointwiseBias, int image,
                                     float[] out, ImageBatches.Scratch scratch) {
        Window2d win = s.window();
        int cg = s.inPerGroup(), og = s.outPerGroup(), p = win.outPlane();
        for (int g = 0; g < s.groups(); g++) {
            int xOff = x.offset() + (image * s.inChannels() + g * cg) * win.inPlane();
            int cOff = (image * s.outChannels() + g * og) * p;
            int aAt = aOff + g * og * lda;
            if (win.isPointwise()) {
                boolean acc = pointwiseBias != null;
                if (acc) {
                    float[] bd = pointwiseBias.data();
                    for (int r = 0; r < og; r++) Arrays.fill(out, cOff + r * p, cOff + (r + 1) * p, bd[pointwiseBias.offset() + g * og + r]);
                }
                RowMajorGemm.multiply(og, p, lda, a, aAt, lda, x.data(), xOff, p, out, cOff, p, acc);
            } else {
                float[] cols = scratch.buffer(0, lda * p);
                im2col(x.data(), xOff, cg, win, cols);
                if (lda > s.patch()) Arrays.fill(cols, s.patch() * p, lda * p, 1f);
                RowMajorGemm.multiply(og, p, lda, a, aAt, lda, cols, 0, p, out, cOff, p, false);
            }
        }
    }

    /**
     * The gradients of {@link #conv2d} for output gradient {@code grad [N, O, outH, outW]}: to the input
     * (col2im of wᵀ·grad), to the weight (Σ over images of grad·colsᵀ) and to the bias (sums of the output
     * planes), each computed only when asked for (null otherwise).
     */
    public static Tensor[] conv2dBackward(Tensor grad, Tensor x, Tensor w, int[] stride, int[] padding, int[] dilation, int groups,
                                          boolean wantInput, boolean wantWeight, boolean wantBias) {
        Conv2dShape s = shape(x, w, null, stride, padding, dilation, groups);
        if (!Arrays.equals(grad.dims(), s.outDims())) {
            throw new IllegalArgumentException("conv2d backward: gradient shape " + grad.shape() + ", expected "
                    + Arrays.toString(s.outDims()));
        }
        Window2d win = s.window();
        int k = s.patch(), og = s.outPerGroup(), o = s.outChannels();
        Tensor gx = wantInput ? Tensor.zeros(x.dims()) : null;
        // Per group, wᵀ [k, O/g], so that the input gradient's GEMM reads it in place.
        float[] wt = null;
        if (wantInput) {
            wt = new float[o * k];
            float[] wd = w.data();
            for (int g = 0; g < groups; g++) {
                for (int r = 0; r < og; r++) {
                    int src = w.offset() + (g * og + r) * k, dst = g * k * og + r;
                    for (int q = 0; q < k; q++) wt[dst + q * og] = wd[src + q];
                }
            }
        }
        float[] wtFinal = wt;
        // The weight gradient is accumulated transposed, [k, O/g] per group and thread; with a row of ones
        // under the im2col matrix its last row is the bias gradient ([k + 1, O/g]).
        boolean onesRow = wantWeight && wantBias && !win.isPointwise();
        int rows = k + (onesRow ? 1 : 0);
        ImageBatches.Partials partials = new ImageBatches.Partials(wantWeight ? groups * rows * og : 0, wantBias && !onesRow ? o : 0);
        ImageBatches.forEachImage(s.batch(), (image, rt, scratch, sums) -> backwardImage(s, grad, x, wtFinal, rows, image, gx, scratch, sums, rt), partials);
        Tensor[] params = parameterGradients(partials, w.dims(), groups, k, wantWeight, wantBias, onesRow);
        return new Tensor[] {gx, params[0], params[1]};
    }

    /**
     * The weight and bias gradients {gw, gb} (null where not wanted) from the per-thread partial sums: the
     * weight gradient is summed transposed, [k (+1 for the ones row), O/g] per group, and is transposed back
     * into w's layout; with a ones row its last row is the bias gradient.
     */
    static Tensor[] parameterGradients(ImageBatches.Partials partials, int[] wDims, int groups, int k, boolean wantWeight,
                                       boolean wantBias, boolean onesRow) {
        int o = wDims[0], og = o / groups, rows = k + (onesRow ? 1 : 0);
        Tensor gw = null, gb = null;
        if (wantWeight) {
            float[] sum = partials.sumWeight();
            gw = Tensor.zeros(wDims);
            float[] d = gw.data();
            for (int g = 0; g < groups; g++) {
                for (int r = 0; r < og; r++) {
                    int dst = (g * og + r) * k, src = g * rows * og + r;
                    for (int q = 0; q < k; q++) d[dst + q] = sum[src + q * og];
                }
            }
            if (onesRow) {
                gb = Tensor.zeros(o);
                for (int g = 0; g < groups; g++) System.arraycopy(sum, g * rows * og + k * og, gb.data(), g * og, og);
            }
        }
        if (wantBias && !onesRow) gb = Tensor.wrap(partials.sumBias(), o);
        return new Tensor[] {gw, gb};
    }

    private static void backwardImage(Conv2dShape s, Tensor grad, Tensor x, float[] wt, int rows, int image, Tensor gx,
                                      ImageBatches.Scratch scratch, ImageBatches.Sums sums, ParallelRuntime rt) {
        Window2d win = s.window();
        int cg = s.inPerGroup(), og = s.outPerGroup(), k = s.patch(), p = win.outPlane();
        boolean pointwise = win.isPointwise();
        float[] gd = grad.data();
        for (int g = 0; g < s.groups(); g++) {
            int gOff = grad.offset() + (image * s.outChannels() + g * og) * p;
            int xOff = (image * s.inChannels() + g * cg) * win.inPlane();
            if (sums.weight != null) {
                float[] cols;
                int colsOff;
                if (pointwise) {
                    cols = x.data();
                    colsOff = x.offset() + xOff;
                } else {
                    cols = scratch.buffer(0, rows * p);
                    colsOff = 0;
                    im2col(x.data(), x.offset() + xOff, cg, win, cols);
                    if (rows > k) Arrays.fill(cols, k * p, rows * p, 1f);
                }
                // dWᵀ [rows, O/g] += cols [rows, P] · gradᵀ: cols is read in place, only the grad block is packed.
                Gemm.sgemm(false, true, rows, og, p, 1f, cols, colsOff, p, gd, gOff, p, 1f, sums.weight, g * rows * og, og, rt);
            }
            if (sums.bias != null) {
                for (int r = 0; r < og; r++) {
                    float sum = 0f;
                    for (int q = gOff + r * p, end = q + p; q < end; q++) sum += gd[q];
                    sums.bias[g * og + r] += sum;
                }
            }
            if (gx != null) {
                if (pointwise) {
                    RowMajorGemm.multiply(k, p, og, wt, g * k * og, og, gd, gOff, p, gx.data(), xOff, p, false);
                } else {
                    float[] dcols = scratch.buffer(1, k * p);
                    RowMajorGemm.multiply(k, p, og, wt, g * k * og, og, gd, gOff, p, dcols, 0, p, false);
                    Im2col.col2im(dcols, 0, cg, win.height(), win.width(), win.kernelH(), win.kernelW(), win.strideH(), win.strideW(),
                            win.padH(), win.padW(), win.dilationH(), win.dilationW(), win.outH(), win.outW(), gx.data(), xOff);
                }
            }
        }
    }

    private static void im2col(float[] x, int xOff, int channels, Window2d win, float[] cols) {
        Im2col.im2col(x, xOff, channels, win.height(), win.width(), win.kernelH(), win.kernelW(), win.strideH(), win.strideW(),
                win.padH(), win.padW(), win.dilationH(), win.dilationW(), win.outH(), win.outW(), cols, 0);
    }
}
