package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import java.util.Arrays;

/**
 * 2-D convolution over {@code [N, C, H, W]} inputs, as {@code torch.nn.Conv2d}: weight
 * {@code [out, in/groups, kh, kw]}, optional bias {@code [out]}; kernel, stride, padding and dilation are one
 * value or a (height, width) pair. PyTorch's default init: weight ~ kaiming_uniform(a = √5) = U(±1/√fanIn)
 * and bias ~ U(±1/√fanIn), with fanIn = in/groups · kh · kw.
 */
public final class Conv2d extends Layer implements InputObservable {
    private final int in, out, groups;
    private final int[] kernel, stride, padding, dilation;
    private final Variable weight, bias;
    private java.util.function.Consumer<dev.sieve.tensor.Tensor> inputObserver;

    /** Stride 1, no padding, one group, with bias; initialised from the global generator. */
    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, 1, 1, true);
    }

    /** Square kernel, stride, padding and dilation; initialised from the global generator ({@link Init#manualSeed}). */
    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        this(in, out, kernel, stride, padding, dilation, groups, bias, Init.nextSeed());
    }

    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias, long seed) {
        this(in, out, new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {dilation}, groups, bias, seed);
    }

    /** Each of kernel, stride, padding, dilation is one value or a (height, width) pair. */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias, long seed) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Conv2d: in and out channels must be positive: " + in + ", " + out);
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d: in channels " + in + " and out channels " + out + " must be divisible by groups " + groups);
        }
        this.in = in;
        this.out = out;
        this.groups = groups;
        this.kernel = pair("kernel size", kernel, 1);
        this.stride = pair("stride", stride, 1);
        this.padding = pair("padding", padding, 0);
        this.dilation = pair("dilation", dilation, 1);
        int fanIn = in / groups * this.kernel[0] * this.kernel[1];
        double bound = 1.0 / Math.sqrt(fanIn);
        this.weight = registerParameter("weight",
                Variable.parameter(Init.kaimingUniformDefault(seed, fanIn, out, in / groups, this.kernel[0], this.kernel[1])));
        this.bias = bias ? registerParameter("bias", Variable.parameter(Init.uniform(seed ^ 0x9E3779B97F4A7C15L, -bound, bound, out))) : null;
    }

    private static int[] pair(String what, int[] v, int min) {
        if (v == null || v.length < 1 || v.length > 2 || Arrays.stream(v).anyMatch(x -> x < min)) {
            throw new IllegalArgumentException("Conv2d: " + what + " must be one value or a (height, width) pair, each >= " + min
                    + ", got " + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    /** {@code [N, in, H, W]} -> {@code [N, out, outH, outW]}. */
    @Override
    public Variable forward(Variable x) {
        observeInput(x);
        return Functions.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * Sets (or clears) a function called with each input's patches as a {@code [N·outH·outW, in·kh·kw]}
     * matrix, the rows the weight's 2-D view {@code [out, in·kh·kw]} multiplies (column
     * {@code (c·kh + i)·kw + j} is channel c at kernel tap (i, j), zero in the padding). One group only:
     * a grouped convolution's weight sees a different patch matrix per group.
     */
    @Override
    public void setInputObserver(java.util.function.Consumer<dev.sieve.tensor.Tensor> observer) {
        if (observer != null && groups != 1)
            throw new UnsupportedOperationException("Conv2d: input patches are observed for one group only, this layer has " + groups);
        this.inputObserver = observer;
    }

    /**
     * Shows {@code x} to the input observer, if any. {@link #forward} calls it; a model that runs this layer's
     * weight through a fused operation instead (convolution, ReLU and pooling in one) calls it itself.
     */
    public void observeInput(Variable x) {
        if (inputObserver == null) return;
        dev.sieve.tensor.Tensor v = x.value();
        if (v.rank() != 4 || v.dim(1) != in)
            throw new IllegalArgumentException("Conv2d(" + in + ", " + out + "): input " + x.shape() + " must be [N, " + in + ", H, W]");
        dev.sieve.kernel.conv.Window2d win = dev.sieve.kernel.conv.Window2d.of("Conv2d", v.dim(2), v.dim(3), kernel, stride, padding, dilation);
        int n = v.dim(0), cols = in * kernel[0] * kernel[1], positions = win.outPlane();
        long total = (long) n * positions * cols;
        if (total > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("Conv2d: the patch matrix of input " + x.shape() + " has " + total + " entries, too many to observe");
        float[] patches = new float[(int) total];
        float[] image = new float[cols * positions];
        for (int b = 0; b < n; b++) {
            dev.sieve.kernel.conv.Im2col.im2col(v.data(), v.offset() + b * in * win.inPlane(), in, win.height(), win.width(),
                    win.kernelH(), win.kernelW(), win.strideH(), win.strideW(), win.padH(), win.padW(),
                    win.dilationH(), win.dilationW(), win.outH(), win.outW(), image, 0);
            int base = b * positions * cols;
            for (int c = 0; c < cols; c++) {
                int from = c * positions;
                for (int p = 0; p < positions; p++) patches[base + p * cols + c] = image[from + p];
            }
        }
        inputObserver.accept(dev.sieve.tensor.Tensor.wrap(patches, n * positions, cols));
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null. */
    public Variable bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    public int groups() {
        return groups;
    }

    public int[] kernelSize() {
        return kernel.clone();
    }

    public int[] stride() {
        return stride.clone();
    }

    public int[] padding() {
        return padding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }
}
