package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorMath.L;
import static dev.sieve.kernel.panama.VectorMath.S;

import dev.sieve.kernel.NormalizationKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/** Vector API implementations of {@link NormalizationKernels}; masked tails, fixed summation order. */
final class PanamaNormalizationKernels implements NormalizationKernels {

    @Override
    public void softmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        FloatVector max = FloatVector.broadcast(S, VectorMath.max(x, xOff, n));
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xOff + i).sub(max));
            e.intoArray(out, outOff + i);
            acc = acc.add(e);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, x, xOff + i, m).sub(max));
            e.intoArray(out, outOff + i, m);
            acc = acc.add(e, m);
        }
        // Divide rather than multiply by 1/sum: one rounding instead of two, and division is cheap next to exp.
        FloatVector sum = FloatVector.broadcast(S, VectorMath.sumLanes(acc));
        i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, out, outOff + i).div(sum).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, out, outOff + i, m).div(sum).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        FloatVector max = FloatVector.broadcast(S, VectorMath.max(x, xOff, n));
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(S, x, xOff + i).sub(max)));
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            acc = acc.add(VectorMath.exp(FloatVector.fromArray(S, x, xOff + i, m).sub(max)), m);
        }
        // (x - max) - logSum, not x - (max + logSum): the sum max + logSum would round at the scale of max.
        FloatVector logSum = FloatVector.broadcast(S, (float) Math.log(VectorMath.sumLanes(acc)));
        i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sub(max).sub(logSum).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).sub(max).sub(logSum).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, int gammaOff, float[] beta, int betaOff,
                          float eps, float[] out, int outOff, int n) {
        if (n == 0) return;
        float meanValue = VectorMath.sum(x, xOff, n) / n;
        FloatVector mean = FloatVector.broadcast(S, meanValue);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, xOff + i).sub(mean);
            acc = d.fma(d, acc);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector d = FloatVector.fromArray(S, x, xOff + i, m).sub(mean);
            acc = acc.add(d.mul(d), m);
        }
        float var = VectorMath.sumLanes(acc) / n;
        FloatVector rstd = FloatVector.broadcast(S, (float) (1 / Math.sqrt((double) var + eps)));
        i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector y = FloatVector.fromArray(S, x, xOff + i).sub(mean).mul(rstd);
            if (gamma != null) y = y.mul(FloatVector.fromArray(S, gamma, gammaOff + i));
            if (beta != null) y = y.add(FloatVector.fromArray(S, beta, betaOff + i));
            y.intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector y = FloatVector.fromArray(S, x, xOff + i, m).sub(mean).mul(rstd);
            if (gamma != null) y = y.mul(FloatVector.fromArray(S, gamma, gammaOff + i, m));
            if (beta != null) y = y.add(FloatVector.fromArray(S, beta, betaOff + i, m));
            y.intoArray(out, outOff + i, m);
        }
    }
}
