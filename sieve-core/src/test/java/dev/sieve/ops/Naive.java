package dev.sieve.ops;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/** Index-by-index reference computations for the op tests: slow, simple, obviously right. */
final class Naive {
    private Naive() {}

    /** The multi-index of row-major position {@code flat} in {@code dims}. */
    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    /** Element of {@code t} seen through broadcasting at output index {@code outIdx}. */
    static float broadcastGet(Tensor t, int[] outIdx) {
        int lead = outIdx.length - t.rank();
        int[] idx = new int[t.rank()];
        for (int i = 0; i < idx.length; i++) idx[i] = t.dim(i) == 1 ? 0 : outIdx[lead + i];
        return t.get(idx);
    }

    interface FloatOp {
        float apply(float a, float b);
    }

    static Tensor broadcastBinary(Tensor a, Tensor b, Shape out, FloatOp op) {
        Tensor r = Tensor.zeros(out.dims());
        int[] dims = out.dims();
        for (int f = 0; f < out.size(); f++) {
            int[] idx = unravel(f, dims);
            r.set(op.apply(broadcastGet(a, idx), broadcastGet(b, idx)), idx);
        }
        return r;
    }

    /** C = A·B for 2-D arrays in double, plus the sum of |a||b| terms per element (for error bounds). */
    static double[][] matmul(float[] a, int aOff, float[] b, int bOff, int m, int n, int k, double[] absOut) {
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = (double) a[aOff + i * k + p] * b[bOff + p * n + j];
                    s += t;
                    abs += Math.abs(t);
                }
                c[i][j] = s;
                if (absOut != null) absOut[i * n + j] = abs;
            }
        }
        return c;
    }
}
