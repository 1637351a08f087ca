package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.NormalizationKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/** Vector API implementations of {@link NormalizationKernels}; masked tails, fixed summation order. */
final class PanamaNormalizationKernels implements NormalizationKernels {

    /**
     * Composed from run stages (see {@link VectorFunctions} for why): out = x - max, out = e^out in
     * place, sum, then divide (rather than multiply by 1/sum: one rounding instead of two).
     */
    @Override
    public void softmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        float max = VectorReductions.max(x, xOff, n);
        VectorFunctions.subtract(x, xOff, max, out, outOff, n);
        VectorFunctions.exp(out, outOff, out, outOff, n);
        VectorFunctions.divide(out, outOff, VectorReductions.sum(out, outOff, n), out, outOff, n);
    }

    /**
     * out = (x - max) - log(sum e^(x - max)). The exponentials go through scratch blocks, since out must
     * keep x - max (x itself may be out). Block sums are added in order, so the total depends only on n.
     * (x - max) - logSum rather than x - (max + logSum): that sum would round at the scale of max.
     */
    @Override
    public void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        float max = VectorReductions.max(x, xOff, n);
        VectorFunctions.subtract(x, xOff, max, out, outOff, n);
        float[] s = VectorFunctions.scratch();
        float sum = 0;
        for (int b = 0; b < n; b += VectorFunctions.BLOCK) {
            int len = Math.min(VectorFunctions.BLOCK, n - b);
            VectorFunctions.exp(out, outOff + b, s, 0, len);
            sum += VectorReductions.sum(s, 0, len);
        }
        VectorFunctions.subtract(out, outOff, (float) Math.log(sum), out, outOff, n);
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, int gammaOff, float[] beta, int betaOff,
                          float eps, float[] out, int outOff, int n) {
        if (n == 0) return;
        float meanValue = VectorReductions.sum(x, xOff, n) / n;
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
        for (int k = VectorReductions.ROTATE.length - 1; k >= 0; k--) acc = acc.add(acc.rearrange(VectorReductions.ROTATE[k]));
        float var = acc.lane(0) / n;
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
