package dev.sieve.kernel.conv;

/**
 * Max and average pooling over whole planes ({@code h x w} each, contiguous), with PyTorch's semantics:
 * max pooling pads with −∞, lets NaN win (a later NaN replaces an earlier one), keeps the first of equal
 * maxima and records the argmax as an index into its input plane ({@code y·w + x}); average pooling
 * divides by the window clipped to the padded image ({@code countIncludePad}) or by the number of
 * image elements in it. Callers split the planes between threads.
 */
public final class PoolKernels {
    private PoolKernels() {}

    /**
     * Max pooling of planes {@code [p0, p1)}: {@code out} and {@code argmax} hold {@code outH·outW} per plane.
     * A window with no element inside the image (possible only with dilation) yields −∞ and argmax −1.
     */
    public static void maxPool(float[] x, int xOff, Window2d g, int p0, int p1, float[] out, int outOff, int[] argmax, int argOff) {
        maxPool(x, xOff, g, p0, p1, false, out, outOff, argmax, argOff);
    }

    /**
     * As {@link #maxPool(float[], int, Window2d, int, int, float[], int, int[], int)}; with {@code relu} the
     * result is {@code max(0, window maximum)} and the argmax −1 where nothing in the window exceeds 0.
     */
    public static void maxPool(float[] x, int xOff, Window2d g, int p0, int p1, boolean relu, float[] out, int outOff, int[] argmax,
                               int argOff) {
        int h = g.height(), w = g.width(), outW = g.outW(), outH = g.outH();
        if (!relu && g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0 && g.padW() == 0
                && g.dilationH() == 1 && g.dilationW() == 1) {
            maxPool2x2(x, xOff, h, w, outH, outW, p0, p1, out, outOff, argmax, argOff);
            return;
        }
        int inPlane = h * w, outPlane = outH * outW;
        int kh = g.kernelH(), kw = g.kernelW(), dh = g.dilationH(), dw = g.dilationW();
        for (int p = p0; p < p1; p++) {
            int plane = xOff + p * inPlane;
            int o = outOff + p * outPlane, a = argOff + p * outPlane;
            for (int oy = 0; oy < outH; oy++) {
                int y0 = oy * g.strideH() - g.padH();
                int i0 = Im2col.firstInside(y0, dh, kh), i1 = Im2col.endInside(y0, dh, h, i0, kh);
                for (int ox = 0; ox < outW; ox++, o++, a++) {
                    int x0 = ox * g.strideW() - g.padW();
                    int j0 = Im2col.firstInside(x0, dw, kw), j1 = Im2col.endInside(x0, dw, w, j0, kw);
                    float best = relu ? 0f : Float.NEGATIVE_INFINITY;
                    int at = !relu && i0 < i1 && j0 < j1 ? (y0 + i0 * dh) * w + x0 + j0 * dw : -1;
                    for (int i = i0; i < i1; i++) {
                        int rowAt = (y0 + i * dh) * w + x0;
                        for (int j = j0; j < j1; j++) {
                            int idx = rowAt + j * dw;
                            float v = x[plane + idx];
                            if (v > best || v != v) {
                                best = v;
                                at = idx;
                            }
                        }
                    }
                    out[o] = best;
                    argmax[a] = at;
                }
            }
        }
    }

    /** The common 2x2, stride 2, unpadded case (odd trailing rows and columns are dropped). */
    private static void maxPool2x2(float[] x, int xOff, int h, int w, int outH, int outW, int p0, int p1,
                                   float[] out, int outOff, int[] argmax, int argOff) {
        int inPlane = h * w, outPlane = outH * outW;
        for (int p = p0; p < p1; p++) {
            int plane = xOff + p * inPlane;
            for (int oy = 0; oy < outH; oy++) {
                int r0 = 2 * oy * w, r1 = r0 + w;
                int o = outOff + p * outPlane + oy * outW, a = argOff + p * outPlane + oy * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int c = 2 * ox;
                    int at = r0 + c;
                    float best = x[plane + at];
                    float v = x[plane + r0 + c + 1];
                    if (v > best || v != v) {
                        best = v;
                        at = r0 + c + 1;
                    }
                    v = x[plane + r1 + c];
                    if (v > best || v != v) {
                        best = v;
                        at = r1 + c;
                    }
                    v = x[plane + r1 + c + 1];
                    if (v > best || v != v) {
                        best = v;
                        at = r1 + c + 1;
                    }
                    out[o + ox] = best;
                    argmax[a + ox] = at;
                }
            }
        }
    }

    /** Adds each output gradient of planes {@code [p0, p1)} to its argmax in {@code dx} (which the caller zeroed). */
    public static void maxPoolBackward(float[] grad, int gOff, int[] argmax, int argOff, Window2d g, int p0, int p1,
                                       float[] dx, int dxOff) {
        int inPlane = g.inPlane(), outPlane = g.outPlane();
        for (int p = p0; p < p1; p++) {
            int plane = dxOff + p * inPlane, o = gOff + p * outPlane, a = argOff + p * outPlane;
            for (int q = 0; q < outPlane; q++) {
                int at = argmax[a + q];
                if (at >= 0) dx[plane + at] += grad[o + q];
            }
        }
    }

    /** Average pooling of planes {@code [p0, p1)} (dilation must be 1). */
    public static void avgPool(float[] x, int xOff, Window2d g, boolean countIncludePad, int p0, int p1, float[] out, int outOff) {
        int h = g.height(), w = g.width(), outH = g.outH(), outW = g.outW();
        int inPlane = h * w, outPlane = outH * outW;
        for (int p = p0; p < p1; p++) {
            int plane = xOff + p * inPlane;
            int o = outOff + p * outPlane;
            for (int oy = 0; oy < outH; oy++) {
                int ys = oy * g.strideH() - g.padH(), ye = Math.min(ys + g.kernelH(), h + g.padH());
                int y0 = Math.max(ys, 0), y1 = Math.min(ye, h);
                for (int ox = 0; ox < outW; ox++, o++) {
                    int xs = ox * g.strideW() - g.padW(), xe = Math.min(xs + g.kernelW(), w + g.padW());
                    int x0 = Math.max(xs, 0), x1 = Math.min(xe, w);
                    float sum = 0f;
                    for (int y = y0; y < y1; y++) {
                        int row = plane + y * w;
                        for (int xx = x0; xx < x1; xx++) sum += x[row + xx];
                    }
                    int divisor = countIncludePad ? (ye - ys) * (xe - xs) : (y1 - y0) * (x1 - x0);
                    out[o] = sum / divisor;
                }
            }
        }
    }

    /** Spreads each output gradient of planes {@code [p0, p1)} evenly over its window in {@code dx} (zeroed by the caller). */
    public static void avgPoolBackward(float[] grad, int gOff, Window2d g, boolean countIncludePad, int p0, int p1,
                                       float[] dx, int dxOff) {
        int h = g.height(), w = g.width(), outH = g.outH(), outW = g.outW();
        int inPlane = h * w, outPlane = outH * outW;
        for (int p = p0; p < p1; p++) {
            int plane = dxOff + p * inPlane;
            int o = gOff + p * outPlane;
            for (int oy = 0; oy < outH; oy++) {
                int ys = oy * g.strideH() - g.padH(), ye = Math.min(ys + g.kernelH(), h + g.padH());
                int y0 = Math.max(ys, 0), y1 = Math.min(ye, h);
                for (int ox = 0; ox < outW; ox++, o++) {
                    int xs = ox * g.strideW() - g.padW(), xe = Math.min(xs + g.kernelW(), w + g.padW());
                    int x0 = Math.max(xs, 0), x1 = Math.min(xe, w);
                    int divisor = countIncludePad ? (ye - ys) * (xe - xs) : (y1 - y0) * (x1 - x0);
                    float share = grad[o] / divisor;
                    for (int y = y0; y < y1; y++) {
                        int row = plane + y * w;
                        for (int xx = x0; xx < x1; xx++) dx[row + xx] += share;
                    }
                }
            }
        }
    }
}
