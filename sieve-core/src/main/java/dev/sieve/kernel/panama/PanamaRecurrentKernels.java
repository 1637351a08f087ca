package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.RecurrentKernels;
import dev.sieve.kernel.ScalarRecurrentKernels;
import jdk.incubator.vector.FloatVector;

/**
 * Vector API implementations of {@link RecurrentKernels}: whole vectors first, then the last units of
 * the row through the scalar reference. Each vector lane performs exactly the scalar operations in
 * the same order (mul and add, never fma), so the results are bit-identical to the reference.
 */
public final class PanamaRecurrentKernels implements RecurrentKernels {

    @Override
    public void lstmCell(float[] gates, int go, float[] c, int prev, int out, int n) {
        int fo = go + n, ggo = go + 2 * n, j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector f = FloatVector.fromArray(S, gates, fo + j), cp = FloatVector.fromArray(S, c, prev + j);
            FloatVector i = FloatVector.fromArray(S, gates, go + j), g = FloatVector.fromArray(S, gates, ggo + j);
            f.mul(cp).add(i.mul(g)).intoArray(c, out + j);
        }
        ScalarRecurrentKernels.lstmCellRange(gates, go, c, prev, out, n, j, n);
    }

    @Override
    public void lstmCellBackward(float[] gates, int go, float[] c, int prev, float[] tanhC, int tc, float[] dh, int dhOff,
                                 float[] dc, int dcOff, float[] dGates, int n) {
        int fo = go + n, ggo = go + 2 * n, oo = go + 3 * n, j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector i = FloatVector.fromArray(S, gates, go + j), f = FloatVector.fromArray(S, gates, fo + j);
            FloatVector g = FloatVector.fromArray(S, gates, ggo + j), o = FloatVector.fromArray(S, gates, oo + j);
            FloatVector t = FloatVector.fromArray(S, tanhC, tc + j), dhj = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector one = FloatVector.broadcast(S, 1f);
            FloatVector dcj = FloatVector.fromArray(S, dc, dcOff + j).add(dhj.mul(o).mul(one.sub(t.mul(t))));
            dcj.mul(g).mul(i).mul(one.sub(i)).intoArray(dGates, go + j);
            dcj.mul(FloatVector.fromArray(S, c, prev + j)).mul(f).mul(one.sub(f)).intoArray(dGates, fo + j);
            dcj.mul(i).mul(one.sub(g.mul(g))).intoArray(dGates, ggo + j);
            dhj.mul(t).mul(o).mul(one.sub(o)).intoArray(dGates, oo + j);
            dcj.mul(f).intoArray(dc, dcOff + j);
        }
        ScalarRecurrentKernels.lstmCellBackwardRange(gates, go, c, prev, tanhC, tc, dh, dhOff, dc, dcOff, dGates, n, j, n);
    }

    @Override
    public void gruNewGate(float[] gates, float[] hiddenHalf, int go, int n) {
        int no = go + 2 * n, j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector r = FloatVector.fromArray(S, gates, go + j), hn = FloatVector.fromArray(S, hiddenHalf, no + j);
            FloatVector.fromArray(S, gates, no + j).add(r.mul(hn)).intoArray(gates, no + j);
        }
        ScalarRecurrentKernels.gruNewGateRange(gates, hiddenHalf, go, n, j, n);
    }

    @Override
    public void gruUpdate(float[] gates, int go, float[] h, int prev, int out, int n) {
        int zo = go + n, no = go + 2 * n, j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector nj = FloatVector.fromArray(S, gates, no + j), z = FloatVector.fromArray(S, gates, zo + j);
            nj.add(z.mul(FloatVector.fromArray(S, h, prev + j).sub(nj))).intoArray(h, out + j);
        }
        ScalarRecurrentKernels.gruUpdateRange(gates, go, h, prev, out, n, j, n);
    }

    @Override
    public void gruCellBackward(float[] gates, float[] hiddenHalf, int go, float[] h, int prev, float[] dh, int dhOff,
                                float[] dInputHalf, float[] dHiddenHalf, int n) {
        int zo = go + n, no = go + 2 * n, j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector r = FloatVector.fromArray(S, gates, go + j), z = FloatVector.fromArray(S, gates, zo + j);
            FloatVector nj = FloatVector.fromArray(S, gates, no + j), dhj = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector one = FloatVector.broadcast(S, 1f);
            FloatVector dn = dhj.mul(one.sub(z)).mul(one.sub(nj.mul(nj)));
            FloatVector dr = dn.mul(FloatVector.fromArray(S, hiddenHalf, no + j)).mul(r).mul(one.sub(r));
            FloatVector dz = dhj.mul(FloatVector.fromArray(S, h, prev + j).sub(nj)).mul(z).mul(one.sub(z));
            dr.intoArray(dInputHalf, go + j);
            dz.intoArray(dInputHalf, zo + j);
            dn.intoArray(dInputHalf, no + j);
            dr.intoArray(dHiddenHalf, go + j);
            dz.intoArray(dHiddenHalf, zo + j);
            dn.mul(r).intoArray(dHiddenHalf, no + j);
            dhj.mul(z).intoArray(dh, dhOff + j);
        }
        ScalarRecurrentKernels.gruCellBackwardRange(gates, hiddenHalf, go, h, prev, dh, dhOff, dInputHalf, dHiddenHalf, n, j, n);
    }
}
