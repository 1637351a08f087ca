package dev.sieve.kernel.conv;

/**
 * The lowering of a 2-D convolution to a matrix product, for one image: {@code im2col} copies the
 * input patches into a {@code [C·kh·kw, outH·outW]} matrix (row {@code (c·kh + i)·kw + j} holds input
 * channel c shifted by kernel tap (i, j), zeros where the tap falls in the padding), so a weight
 * {@code [O, C·kh·kw]} times it is the output {@code [O, outH·outW]} already in NCHW order;
 * {@code col2im} is its adjoint, summing such a matrix back into the image.
 *
 * <p>Every output row of the matrix is split into the run of positions whose tap lands inside the
 * image (a straight copy, or a strided gather when strideW > 1) and the zero runs before and after it,
 * so the loops carry no per-element bounds checks.
 */
public final class Im2col {
    private Im2col() {}

    /**
     * Fills {@code cols[colsOff ..]} ({@code channels·kh·kw} rows of {@code outH·outW}) from the
     * {@code channels} planes of {@code h x w} at {@code x[xOff ..]}.
     */
    public static void im2col(float[] x, int xOff, int channels, int h, int w, int kh, int kw,
                              int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW,
                              float[] cols, int colsOff) {
        int outPlane = outH * outW;
        int row = colsOff;
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * h * w;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, row += outPlane) {
                    int shiftX = j * dw - pw;
                    int ox0 = firstInside(shiftX, sw, outW), ox1 = endInside(shiftX, sw, w, ox0, outW);
                    if (sh == 1 && sw == 1 && outW == w) {
                        shiftedPlane(x, plane, h, w, i * dh - ph, shiftX, ox0, ox1, outH, cols, row);
                        continue;
                    }
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh - ph + i * dh;
                        int to = row + oy * outW;
                        if (iy < 0 || iy >= h || ox0 >= ox1) {
                            java.util.Arrays.fill(cols, to, to + outW, 0f);
                            continue;
                        }
                        if (ox0 > 0) java.util.Arrays.fill(cols, to, to + ox0, 0f);
                        int from = plane + iy * w + shiftX;
                        if (sw == 1) {
                            System.arraycopy(x, from + ox0, cols, to + ox0, ox1 - ox0);
                        } else {
                            for (int ox = ox0; ox < ox1; ox++) cols[to + ox] = x[from + ox * sw];
                        }
                        if (ox1 < outW) java.util.Arrays.fill(cols, to + ox1, to + outW, 0f);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every entry of {@code cols} to the image position it was
     * copied from ({@code dx[dxOff ..]}, {@code channels} planes of {@code h x w}); padding taps are dropped.
     * May overwrite the entries of {@code cols} that belong to padding taps (a scratch matrix).
     */
    public static void col2im(float[] cols, int colsOff, int channels, int h, int w, int kh, int kw,
                              int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW,
                              float[] dx, int dxOff) {
        int outPlane = outH * outW;
        int row = colsOff;
        for (int c = 0; c < channels; c++) {
            int plane = dxOff + c * h * w;
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++, row += outPlane) {
                    int shiftX = j * dw - pw;
                    int ox0 = firstInside(shiftX, sw, outW), ox1 = endInside(shiftX, sw, w, ox0, outW);
                    if (ox0 >= ox1) continue;
                    if (sh == 1 && sw == 1 && outW == w) {
                        addShiftedPlane(cols, row, h, w, i * dh - ph, shiftX, ox0, ox1, outH, dx, plane);
                        continue;
                    }
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh - ph + i * dh;
                        if (iy < 0 || iy >= h) continue;
                        int from = row + oy * outW;
                        int to = plane + iy * w + shiftX;
                        if (sw == 1) {
                            for (int ox = ox0; ox < ox1; ox++) dx[to + ox] += cols[from + ox];
                        } else {
                            for (int ox = ox0; ox < ox1; ox++) dx[to + ox * sw] += cols[from + ox];
                        }
                    }
                }
            }
        }
    }

    /**
     * One im2col row when stride is 1 and output rows are as wide as input rows ("same" padding): the
     * row is the input plane shifted by (shiftY, shiftX), so the rows with a tap inside the image are one
     * contiguous copy; the columns that copy wrapped in from a neighbouring row are then zeroed.
     */
    private static void shiftedPlane(float[] x, int plane, int h, int w, int shiftY, int shiftX, int ox0, int ox1, int outH,
                                     float[] cols, int row) {
        int oy0 = firstInside(shiftY, 1, outH), oy1 = endInside(shiftY, 1, h, oy0, outH);
        if (oy0 >= oy1 || ox0 >= ox1) {
            java.util.Arrays.fill(cols, row, row + outH * w, 0f);
            return;
        }
        java.util.Arrays.fill(cols, row, row + oy0 * w + ox0, 0f);
        int from = oy0 * w + ox0, to = (oy1 - 1) * w + ox1;
        System.arraycopy(x, plane + (oy0 + shiftY) * w + shiftX + ox0, cols, row + from, to - from);
        java.util.Arrays.fill(cols, row + to, row + outH * w, 0f);
        if (ox0 > 0 || ox1 < w) {
            for (int oy = oy0; oy < oy1; oy++) {
                int r = row + oy * w;
                for (int ox = 0; ox < ox0; ox++) cols[r + ox] = 0f;
                for (int ox = ox1; ox < w; ox++) cols[r + ox] = 0f;
            }
        }
    }

    /**
     * The adjoint of {@link #shiftedPlane}: zeroes the entries of the cols row whose tap falls outside the
     * image (they are discarded anyway), then adds the block as one contiguous run, so the entries that
     * wrap into a neighbouring row add exactly zero.
     */
    private static void addShiftedPlane(float[] cols, int row, int h, int w, int shiftY, int shiftX, int ox0, int ox1, int outH,
                                        float[] dx, int plane) {
        int oy0 = firstInside(shiftY, 1, outH), oy1 = endInside(shiftY, 1, h, oy0, outH);
        if (oy0 >= oy1) return;
        if (ox0 > 0 || ox1 < w) {
            for (int oy = oy0; oy < oy1; oy++) {
                int r = row + oy * w;
                for (int ox = 0; ox < ox0; ox++) cols[r + ox] = 0f;
                for (int ox = ox1; ox < w; ox++) cols[r + ox] = 0f;
            }
        }
        int from = oy0 * w + ox0, n = (oy1 - 1) * w + ox1 - from;
        int src = row + from, dst = plane + (oy0 + shiftY) * w + shiftX + ox0;
        for (int q = 0; q < n; q++) dx[dst + q] += cols[src + q];
    }

    /** First output column whose tap {@code ox·stride + shift} is >= 0 (at most {@code outW}). */
    static int firstInside(int shift, int stride, int outW) {
        if (shift >= 0) return 0;
        return Math.min(outW, (-shift + stride - 1) / stride);
    }

    /** One past the last output column whose tap {@code ox·stride + shift} is < w (at least {@code from}). */
    static int endInside(int shift, int stride, int w, int from, int outW) {
        int room = w - shift; // tap < w  <=>  ox·stride < room
        if (room <= 0) return from;
        int end = (room + stride - 1) / stride;
        return Math.max(from, Math.min(outW, end));
    }
}
