package dev.sieve.ops;

import dev.sieve.tensor.Tensor;

/**
 * Direct, loop-per-index 2-D convolution and pooling in double, with their gradients: the definitions
 * that {@link Convolutions} and {@link Pooling} must reproduce.
 */
final class ConvReference {
    private ConvReference() {}

    /** One convolution's arguments. */
    record Conv(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        int outH() {
            return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        }

        int outW() {
            return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        }

        int[] stride() {
            return new int[] {sh, sw};
        }

        int[] padding() {
            return new int[] {ph, pw};
        }

        int[] dilation() {
            return new int[] {dh, dw};
        }

        @Override
        public String toString() {
            return "x[" + n + "," + c + "," + h + "," + w + "] w[" + o + "," + c / groups + "," + kh + "," + kw + "] stride " + sh + "x" + sw
                    + " pad " + ph + "x" + pw + " dil " + dh + "x" + dw + " groups " + groups;
        }
    }

    static Tensor conv(Conv s, Tensor x, Tensor w, Tensor bias) {
        int oh = s.outH(), ow = s.outW(), cg = s.c() / s.groups(), og = s.o() / s.groups();
        Tensor y = Tensor.zeros(s.n(), s.o(), oh, ow);
        for (int n = 0; n < s.n(); n++)
            for (int o = 0; o < s.o(); o++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = bias == null ? 0 : bias.get(o);
                        int g = o / og;
                        for (int ci = 0; ci < cg; ci++)
                            for (int i = 0; i < s.kh(); i++)
                                for (int j = 0; j < s.kw(); j++) {
                                    int iy = oy * s.sh() - s.ph() + i * s.dh(), ix = ox * s.sw() - s.pw() + j * s.dw();
                                    if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) continue;
                                    sum += (double) x.get(n, g * cg + ci, iy, ix) * w.get(o, ci, i, j);
                                }
                        y.set((float) sum, n, o, oy, ox);
                    }
        return y;
    }

    /** Gradients {input, weight, bias} of {@link #conv} for output gradient gy. */
    static Tensor[] convBackward(Conv s, Tensor x, Tensor w, Tensor gy) {
        int oh = s.outH(), ow = s.outW(), cg = s.c() / s.groups(), og = s.o() / s.groups();
        double[] gx = new double[x.size()], gw = new double[w.size()], gb = new double[s.o()];
        for (int n = 0; n < s.n(); n++)
            for (int o = 0; o < s.o(); o++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double g = gy.get(n, o, oy, ox);
                        gb[o] += g;
                        int grp = o / og;
                        for (int ci = 0; ci < cg; ci++)
                            for (int i = 0; i < s.kh(); i++)
                                for (int j = 0; j < s.kw(); j++) {
                                    int iy = oy * s.sh() - s.ph() + i * s.dh(), ix = ox * s.sw() - s.pw() + j * s.dw();
                                    if (iy < 0 || iy >= s.h() || ix < 0 || ix >= s.w()) continue;
                                    int xi = ((n * s.c() + grp * cg + ci) * s.h() + iy) * s.w() + ix;
                                    int wi = ((o * cg + ci) * s.kh() + i) * s.kw() + j;
                                    gx[xi] += g * w.get(o, ci, i, j);
                                    gw[wi] += g * x.get(n, grp * cg + ci, iy, ix);
                                }
                    }
        return new Tensor[] {toTensor(gx, x.dims()), toTensor(gw, w.dims()), toTensor(gb, s.o())};
    }

    /** Max pooling with −∞ padding; returns {values, gradient of Σ gy·values w.r.t. x}. */
    static Tensor[] maxPool(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Tensor gy) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        Tensor y = Tensor.zeros(n, c, oh, ow);
        double[] gx = new double[x.size()];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int i = 0; i < kh; i++)
                            for (int j = 0; j < kw; j++) {
                                int iy = oy * sh - ph + i * dh, ix = ox * sw - pw + j * dw;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                float v = x.get(b, ch, iy, ix);
                                if (at < 0 || v > best || Float.isNaN(v)) {
                                    best = v;
                                    at = ((b * c + ch) * h + iy) * w + ix;
                                }
                            }
                        y.set(best, b, ch, oy, ox);
                        if (gy != null && at >= 0) gx[at] += gy.get(b, ch, oy, ox);
                    }
        return new Tensor[] {y, toTensor(gx, x.dims())};
    }

    /** Average pooling; returns {values, gradient of Σ gy·values w.r.t. x}. */
    static Tensor[] avgPool(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, boolean countIncludePad, Tensor gy) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        Tensor y = Tensor.zeros(n, c, oh, ow);
        double[] gx = new double[x.size()];
        for (int b = 0; b < n; b++)
            for (int ch = 0; ch < c; ch++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        int inPadded = 0, inside = 0;
                        double sum = 0;
                        for (int i = 0; i < kh; i++)
                            for (int j = 0; j < kw; j++) {
                                int iy = oy * sh - ph + i, ix = ox * sw - pw + j;
                                if (iy < h + ph && ix < w + pw) inPadded++;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                inside++;
                                sum += x.get(b, ch, iy, ix);
                            }
                        int divisor = countIncludePad ? inPadded : inside;
                        y.set((float) (sum / divisor), b, ch, oy, ox);
                        if (gy == null) continue;
                        for (int i = 0; i < kh; i++)
                            for (int j = 0; j < kw; j++) {
                                int iy = oy * sh - ph + i, ix = ox * sw - pw + j;
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                gx[((b * c + ch) * h + iy) * w + ix] += gy.get(b, ch, oy, ox) / divisor;
                            }
                    }
        return new Tensor[] {y, toTensor(gx, x.dims())};
    }

    private static Tensor toTensor(double[] v, int... dims) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.wrap(f, dims);
    }
}
