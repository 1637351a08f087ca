package dev.sieve.kernel.conv;

import java.util.Arrays;

/**
 * The sliding-window geometry shared by 2-D convolution and pooling over {@code [N, C, H, W]} inputs:
 * kernel, stride, padding and dilation, each as (height, width), and the output size
 * {@code floor((H + 2·pad − dil·(k − 1) − 1) / stride) + 1} (PyTorch's, without ceil mode).
 *
 * <p>Output position {@code oy} reads input rows {@code oy·strideH − padH + i·dilationH} for
 * {@code i < kernelH}; rows outside {@code [0, H)} are padding.
 */
public record Window2d(int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                       int padH, int padW, int dilationH, int dilationW, int outH, int outW) {

    /** Checks every size (the {@code op} name leads the messages) and computes the output size. */
    public static Window2d of(String op, int height, int width, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int[] k = pair(op, "kernel size", kernel, 1);
        int[] s = pair(op, "stride", stride, 1);
        int[] p = pair(op, "padding", padding, 0);
        int[] d = pair(op, "dilation", dilation, 1);
        int oh = outSize(height, k[0], s[0], p[0], d[0]);
        int ow = outSize(width, k[1], s[1], p[1], d[1]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": input " + height + "x" + width + " is too small for kernel "
                    + k[0] + "x" + k[1] + " with padding " + p[0] + "x" + p[1] + " and dilation " + d[0] + "x" + d[1]
                    + " (output would be " + oh + "x" + ow + ")");
        }
        return new Window2d(height, width, k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], oh, ow);
    }

    private static int outSize(int in, int k, int s, int p, int d) {
        long span = (long) d * (k - 1) + 1;
        long room = in + 2L * p - span;
        return room < 0 ? 0 : (int) (room / s + 1);
    }

    /** A (height, width) pair; a single value applies to both. Values must be at least {@code min}. */
    public static int[] pair(String op, String what, int[] v, int min) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be one value or a (height, width) pair, got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        int[] r = v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
        if (r[0] < min || r[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be >= " + min + ", got " + Arrays.toString(v));
        }
        return r;
    }

    /** Output positions per plane. */
    public int outPlane() {
        return outH * outW;
    }

    /** Input positions per plane. */
    public int inPlane() {
        return height * width;
    }

    /** Kernel taps per channel. */
    public int taps() {
        return kernelH * kernelW;
    }

    /** No padding, stride 1 and a 1x1 kernel: each output plane is its input plane. */
    public boolean isPointwise() {
        return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
    }
}
