package dev.sieve.kernel;

/**
 * Scalar reference implementations of {@link RecurrentKernels}. The static {@code ...Range} methods
 * cover units {@code [from, to)} of a row of {@code n} units; the vector kernels finish their rows
 * with them, so a unit's result never depends on where it falls.
 */
public class ScalarRecurrentKernels implements RecurrentKernels {

    @Override
    public void lstmCell(float[] gates, int go, float[] c, int prev, int out, int n) {
        lstmCellRange(gates, go, c, prev, out, n, 0, n);
    }

    public static void lstmCellRange(float[] gates, int go, float[] c, int prev, int out, int n, int from, int to) {
        int f = go + n, g = go + 2 * n;
        for (int j = from; j < to; j++) c[out + j] = gates[f + j] * c[prev + j] + gates[go + j] * gates[g + j];
    }

    @Override
    public void lstmCellBackward(float[] gates, int go, float[] c, int prev, float[] tanhC, int tc, float[] dh, int dhOff,
                                 float[] dc, int dcOff, float[] dGates, int n) {
        lstmCellBackwardRange(gates, go, c, prev, tanhC, tc, dh, dhOff, dc, dcOff, dGates, n, 0, n);
    }

    public static void lstmCellBackwardRange(float[] gates, int go, float[] c, int prev, float[] tanhC, int tc, float[] dh, int dhOff,
                                             float[] dc, int dcOff, float[] dGates, int n, int from, int to) {
        int fo = go + n, ggo = go + 2 * n, oo = go + 3 * n;
        for (int j = from; j < to; j++) {
            float i = gates[go + j], f = gates[fo + j], g = gates[ggo + j], o = gates[oo + j];
            float t = tanhC[tc + j], dhj = dh[dhOff + j];
            float dcj = dc[dcOff + j] + dhj * o * (1f - t * t);
            dGates[go + j] = dcj * g * i * (1f - i);
            dGates[fo + j] = dcj * c[prev + j] * f * (1f - f);
            dGates[ggo + j] = dcj * i * (1f - g * g);
            dGates[oo + j] = dhj * t * o * (1f - o);
            dc[dcOff + j] = dcj * f;
        }
    }

    @Override
    public void gruNewGate(float[] gates, float[] hiddenHalf, int go, int n) {
        gruNewGateRange(gates, hiddenHalf, go, n, 0, n);
    }

    public static void gruNewGateRange(float[] gates, float[] hiddenHalf, int go, int n, int from, int to) {
        int no = go + 2 * n;
        for (int j = from; j < to; j++) gates[no + j] = gates[no + j] + gates[go + j] * hiddenHalf[no + j];
    }

    @Override
    public void gruUpdate(float[] gates, int go, float[] h, int prev, int out, int n) {
        gruUpdateRange(gates, go, h, prev, out, n, 0, n);
    }

    public static void gruUpdateRange(float[] gates, int go, float[] h, int prev, int out, int n, int from, int to) {
        int z = go + n, no = go + 2 * n;
        for (int j = from; j < to; j++) {
            float nj = gates[no + j];
            h[out + j] = nj + gates[z + j] * (h[prev + j] - nj);
        }
    }

    @Override
    public void gruCellBackward(float[] gates, float[] hiddenHalf, int go, float[] h, int prev, float[] dh, int dhOff,
                                float[] dInputHalf, float[] dHiddenHalf, int n) {
        gruCellBackwardRange(gates, hiddenHalf, go, h, prev, dh, dhOff, dInputHalf, dHiddenHalf, n, 0, n);
    }

    public static void gruCellBackwardRange(float[] gates, float[] hiddenHalf, int go, float[] h, int prev, float[] dh, int dhOff,
                                            float[] dInputHalf, float[] dHiddenHalf, int n, int from, int to) {
        int zo = go + n, no = go + 2 * n;
        for (int j = from; j < to; j++) {
            float r = gates[go + j], z = gates[zo + j], nj = gates[no + j];
            float dhj = dh[dhOff + j];
            float dn = dhj * (1f - z) * (1f - nj * nj);
            float dr = dn * hiddenHalf[no + j] * r * (1f - r);
            float dz = dhj * (h[prev + j] - nj) * z * (1f - z);
            dInputHalf[go + j] = dr;
            dInputHalf[zo + j] = dz;
            dInputHalf[no + j] = dn;
            dHiddenHalf[go + j] = dr;
            dHiddenHalf[zo + j] = dz;
            dHiddenHalf[no + j] = dn * r;
            dh[dhOff + j] = dhj * z;
        }
    }
}
