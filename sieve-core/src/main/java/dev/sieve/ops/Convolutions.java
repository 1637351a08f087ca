package dev.sieve.ops;

import dev.sieve.kernel.conv.Im2col;
import dev.sieve.kernel.conv.Window2d;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution ({@code torch.nn.functional.conv2d}) on NCHW tensors, and its gradients, lowered to
 * GEMM per image: {@link Im2col} turns one image's group of channels into a {@code [C/g·kh·kw, outH·outW]}
 * matrix, and the group's weight rows {@code [O/g, C/g·kh·kw]} times it is that group's output planes,
 * written in place in NCHW order (no transposes). A 1x1, stride-1, unpadded convolution reads the image
 * itself as that matrix.
 *
 * <p>Threads take whole images when there are at least as many images as threads, each running its GEMMs
 * alone; otherwise the images go one by one and each GEMM is split between the threads. Weight and bias
 * gradients are summed per thread and then over threads in a fixed order, so results depend only on the
 * thread count.
 */
public final class Convolutions {
    /** GEMMs inside a thread that owns whole images run on that thread alone. */
    private static final ParallelRuntime SERIAL = new ParallelRuntime(1);

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
        forEachImage(s, (image, rt, scratch) -> forwardImage(s, x, w, bias, image, out.data(), scratch, rt), null);
        return out;
    }

    private static void forwardImage(Conv2dShape s, Tensor x, Tensor w, Tensor bias, int image, float[] out, Scratch scratch,
                                     ParallelRuntime rt) {
        Window2d win = s.window();
        int cg = s.inPerGroup(), og = s.outPerGroup(), k = s.patch(), p = win.outPlane();
        for (int g = 0; g < s.groups(); g++) {
            int xOff = x.offset() + (image * s.inChannels() + g * cg) * win.inPlane();
            float[] b;
            int bOff;
            if (win.isPointwise() && win.dilationH() == 1 && win.dilationW() == 1) {
                b = x.data();
                bOff = xOff;
            } else {
                b = scratch.cols(k * p);
                bOff = 0;
                im2col(x.data(), xOff, cg, win, b);
            }
            int cOff = (image * s.outChannels() + g * og) * p;
            float beta = 0f;
            if (bias != null) {
                float[] bd = bias.data();
                for (int r = 0; r < og; r++) Arrays.fill(out, cOff + r * p, cOff + (r + 1) * p, bd[bias.offset() + g * og + r]);
                beta = 1f;
            }
            Gemm.sgemm(false, false, og, p, k, 1f, w.data(), w.offset() + g * og * k, k, b, bOff, p, beta, out, cOff, p, rt);
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
        // Per group, wᵀ [k, O/g] so that the input gradient's GEMM reads its A operand in place.
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
        // Weight gradient accumulated transposed, [k, O/g] per group, per thread; bias gradient per thread.
        Partials partials = new Partials(wantWeight ? o * k : 0, wantBias ? o : 0);
        forEachImage(s, (image, rt, scratch) -> backwardImage(s, grad, x, wtFinal, image, gx, scratch, rt), partials);
        Tensor gw = null, gb = null;
        if (wantWeight) {
            float[] sum = partials.sumWeight();
            gw = Tensor.zeros(w.dims());
            float[] d = gw.data();
            for (int g = 0; g < groups; g++) {
                for (int r = 0; r < og; r++) {
                    int dst = (g * og + r) * k, src = g * k * og + r;
                    for (int q = 0; q < k; q++) d[dst + q] = sum[src + q * og];
                }
            }
        }
        if (wantBias) gb = Tensor.wrap(partials.sumBias(), o);
        return new Tensor[] {gx, gw, gb};
    }

    private static void backwardImage(Conv2dShape s, Tensor grad, Tensor x, float[] wt, int image, Tensor gx, Scratch scratch,
                                      ParallelRuntime rt) {
        Window2d win = s.window();
        int cg = s.inPerGroup(), og = s.outPerGroup(), k = s.patch(), p = win.outPlane();
        boolean pointwise = win.isPointwise();
        float[] gd = grad.data();
        for (int g = 0; g < s.groups(); g++) {
            int gOff = grad.offset() + (image * s.outChannels() + g * og) * p;
            int xOff = (image * s.inChannels() + g * cg) * win.inPlane();
            if (scratch.weight != null) {
                float[] cols;
                int colsOff;
                if (pointwise) {
                    cols = x.data();
                    colsOff = x.offset() + xOff;
                } else {
                    cols = scratch.cols(k * p);
                    colsOff = 0;
                    im2col(x.data(), x.offset() + xOff, cg, win, cols);
                }
                // dWᵀ [k, O/g] += cols [k, P] · gradᵀ: cols is read in place, only the small grad block is packed.
                Gemm.sgemm(false, true, k, og, p, 1f, cols, colsOff, p, gd, gOff, p, 1f, scratch.weight, g * k * og, og, rt);
            }
            if (scratch.bias != null) {
                for (int r = 0; r < og; r++) {
                    float sum = 0f;
                    for (int q = gOff + r * p, end = q + p; q < end; q++) sum += gd[q];
                    scratch.bias[g * og + r] += sum;
                }
            }
            if (gx != null) {
                if (pointwise) {
                    Gemm.sgemm(false, false, k, p, og, 1f, wt, g * k * og, og, gd, gOff, p, 0f, gx.data(), xOff, p, rt);
                } else {
                    float[] dcols = scratch.dcols(k * p);
                    Gemm.sgemm(false, false, k, p, og, 1f, wt, g * k * og, og, gd, gOff, p, 0f, dcols, 0, p, rt);
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

    /** Work for one image, given the runtime its GEMMs may use and this thread's scratch space. */
    private interface ImageBody {
        void run(int image, ParallelRuntime rt, Scratch scratch);
    }

    /**
     * Runs {@code body} for every image: threads take contiguous runs of whole images when there are
     * enough images, else images go in order with each GEMM split between threads. With {@code partials},
     * each thread accumulates into its own slot of them.
     */
    private static void forEachImage(Conv2dShape s, ImageBody body, Partials partials) {
        ParallelRuntime rt = Parallel.runtime();
        int n = s.batch(), threads = rt.threads();
        if (threads > 1 && n >= threads) {
            Scratch[] scratch = new Scratch[threads];
            if (partials != null) partials.slots = scratch;
            rt.runChunks(threads, (chunk, chunks) -> {
                Scratch sc = new Scratch(partials);
                scratch[chunk] = sc;
                for (int i = Ranges.start(n, chunks, chunk), end = Ranges.start(n, chunks, chunk + 1); i < end; i++) {
                    body.run(i, SERIAL, sc);
                }
            });
        } else {
            Scratch sc = new Scratch(partials);
            if (partials != null) partials.slots = new Scratch[] {sc};
            for (int i = 0; i < n; i++) body.run(i, rt, sc);
        }
    }

    /** Per-thread buffers: im2col matrices, and the thread's share of the weight and bias gradients. */
    private static final class Scratch {
        private float[] cols, dcols;
        final float[] weight, bias;

        Scratch(Partials partials) {
            weight = partials == null || partials.weightSize == 0 ? null : new float[partials.weightSize];
            bias = partials == null || partials.biasSize == 0 ? null : new float[partials.biasSize];
        }

        float[] cols(int size) {
            if (cols == null || cols.length < size) cols = new float[size];
            return cols;
        }

        float[] dcols(int size) {
            if (dcols == null || dcols.length < size) dcols = new float[size];
            return dcols;
        }
    }

    /** Sizes of the per-thread gradient sums, and the threads' scratch once the work has run. */
    private static final class Partials {
        final int weightSize, biasSize;
        Scratch[] slots;

        Partials(int weightSize, int biasSize) {
            this.weightSize = weightSize;
            this.biasSize = biasSize;
        }

        float[] sumWeight() {
            float[] sum = slots[0].weight;
            for (int t = 1; t < slots.length; t++) add(sum, slots[t].weight);
            return sum;
        }

        float[] sumBias() {
            float[] sum = slots[0].bias;
            for (int t = 1; t < slots.length; t++) add(sum, slots[t].bias);
            return sum;
        }

        private static void add(float[] into, float[] x) {
            for (int i = 0; i < into.length; i++) into[i] += x[i];
        }
    }
}
