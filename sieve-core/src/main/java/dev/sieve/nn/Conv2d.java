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
public final class Conv2d extends Layer {
    private final int in, out, groups;
    private final int[] kernel, stride, padding, dilation;
    private final Variable weight, bias;

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
        return Functions.conv2d(x, weight, bias, stride, padding, dilation, groups);
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
