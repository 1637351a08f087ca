package dev.sieve.autograd;

import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;

/**
 * Batch normalisation over axis 1 (channels) of {@code [N, C, *]}, as {@code torch.nn.functional.batch_norm},
 * and its gradient.
 *
 * <p>The tensor is viewed as {@code [N, C, L]} (L = product of the trailing dimensions, 1 for {@code [N, C]}):
 * every channel's statistics run over its {@code M = N·L} elements. Channels are independent, so threads
 * take whole ranges of channels and each channel's sums are accumulated by one thread in a fixed order (in
 * double): results do not depend on the thread count.
 */
final class BatchNormalization {
    /** Elements per thread chunk (~0.1 ms of work here): smaller chunks measured slower on 2 threads than 1. */
    private static final long GRAIN = 1 << 16;

    private BatchNormalization() {}

    /**
     * Training: normalises with the batch mean and biased variance, and, when the running buffers are
     * given, updates them in place: {@code r = (1 − momentum)·r + momentum·s} with the batch mean and the
     * <em>unbiased</em> variance (M / (M − 1) times the biased one), as PyTorch. Evaluation: normalises with
     * the running statistics (both required). {@code weight} and {@code bias} ([C]) may be null.
     *
     * <p>Backward, with x̂ = (x − μ)·r and r = 1/√(σ² + eps) per channel: training,
     * {@code dx = γ·r·(dy − Σdy/M − x̂·Σ(dy·x̂)/M)} (the batch statistics depend on x); evaluation,
     * {@code dx = γ·r·dy}. In both, {@code dγ = Σ dy·x̂} and {@code dβ = Σ dy} over the channel's elements.
     */
    static Variable batchNorm(Variable x, Tensor runningMean, Tensor runningVar, Variable weight, Variable bias,
                              boolean training, double momentum, double eps) {
        Tensor xv = x.value();
        if (xv.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: input must be [N, C, ...] (rank >= 2), got " + xv.shape());
        }
        int n = xv.dim(0), c = xv.dim(1);
        int l = xv.shape().product(2, xv.rank());
        long m = (long) n * l;
        checkChannelTensor("running mean", runningMean, c);
        checkChannelTensor("running variance", runningVar, c);
        checkChannelTensor("weight", weight == null ? null : weight.value(), c);
        checkChannelTensor("bias", bias == null ? null : bias.value(), c);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: give both running mean and running variance, or neither");
        }
        if (!(eps >= 0)) throw new IllegalArgumentException("batchNorm: eps must be >= 0, got " + eps);
        if (training && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchNorm: momentum must be in [0, 1], got " + momentum);
        }
        if (training && m <= 1) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input shape "
                    + xv.shape());
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException("batchNorm: evaluation mode normalises with the running statistics, but none were given");
        }

        double[] mean = new double[c], var = new double[c];
        if (training) {
            batchStatistics(xv, n, c, l, mean, var);
            if (runningMean != null) updateRunning(runningMean, runningVar, mean, var, m, momentum);
        } else {
            float[] rm = runningMean.data(), rv = runningVar.data();
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = rm[runningMean.offset() + ch];
                var[ch] = rv[runningVar.offset() + ch];
            }
        }
        double[] rstd = new double[c];
        for (int ch = 0; ch < c; ch++) rstd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
        Tensor gamma = weight == null ? null : weight.value(), beta = bias == null ? null : bias.value();
        Tensor y = normalize(xv, n, c, l, mean, rstd, gamma, beta);
        return Variable.result(training ? "batchNorm" : "batchNormEval", y,
                g -> backward(g, xv, n, c, l, mean, rstd, gamma, training, x, weight, bias), x, weight, bias);
    }

    /** Per-channel mean and biased variance, two passes in double. */
    private static void batchStatistics(Tensor xv, int n, int c, int l, double[] mean, double[] var) {
        float[] xd = xv.data();
        int xo = xv.offset();
        double m = (double) n * l;
        forChannels(n, c, l, (from, to) -> {
            for (int b = 0; b < n; b++) {
                for (int ch = from; ch < to; ch++) mean[ch] += sum(xd, xo + (b * c + ch) * l, l);
            }
            for (int ch = from; ch < to; ch++) mean[ch] /= m;
            double[] sq = new double[to - from];
            for (int b = 0; b < n; b++) {
                for (int ch = from; ch < to; ch++) sq[ch - from] += centeredSquares(xd, xo + (b * c + ch) * l, l, mean[ch]);
            }
            for (int ch = from; ch < to; ch++) var[ch] = sq[ch - from] / m;
        });
    }

    private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] mean, double[] var, long m,
                                      double momentum) {
        float[] rm = runningMean.data(), rv = runningVar.data();
        int mo = runningMean.offset(), vo = runningVar.offset();
        double unbias = (double) m / (m - 1);
        for (int ch = 0; ch < mean.length; ch++) {
            rm[mo + ch] = (float) ((1 - momentum) * rm[mo + ch] + momentum * mean[ch]);
            rv[vo + ch] = (float) ((1 - momentum) * rv[vo + ch] + momentum * var[ch] * unbias);
        }
    }

    /**
     * y = (x − μ)·(r·γ) + β with per-channel μ, scale and shift. Centring first (rather than folding μ into
     * the shift) avoids cancellation when |μ| is large beside the spread.
     */
    private static Tensor normalize(Tensor xv, int n, int c, int l, double[] mean, double[] rstd, Tensor gamma, Tensor beta) {
        float[] center = new float[c], scale = new float[c], shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double gm = gamma == null ? 1.0 : gamma.data()[gamma.offset() + ch];
            center[ch] = (float) mean[ch];
            scale[ch] = (float) (gm * rstd[ch]);
            shift[ch] = beta == null ? 0f : beta.data()[beta.offset() + ch];
        }
        Tensor y = Tensor.zeros(xv.dims());
        float[] xd = xv.data(), yd = y.data();
        int xo = xv.offset();
        forChannels(n, c, l, (from, to) -> {
            for (int b = 0; b < n; b++) {
                for (int ch = from; ch < to; ch++) {
                    int base = (b * c + ch) * l;
                    float mu = center[ch], s = scale[ch], t = shift[ch];
                    for (int i = 0; i < l; i++) yd[base + i] = (xd[xo + base + i] - mu) * s + t;
                }
            }
        });
        return y;
    }

    private static Tensor[] backward(Tensor g, Tensor xv, int n, int c, int l, double[] mean, double[] rstd, Tensor gamma,
                                     boolean training, Variable x, Variable weight, Variable bias) {
        float[] xd = xv.data(), gd = g.data();
        int xo = xv.offset(), go = g.offset();
        double[] sumDy = new double[c], sumDyXhat = new double[c];
        forChannels(n, c, l, (from, to) -> {
            for (int b = 0; b < n; b++) {
                for (int ch = from; ch < to; ch++) {
                    int base = (b * c + ch) * l;
                    sumDy[ch] += sum(gd, go + base, l);
                    sumDyXhat[ch] += centeredDot(gd, go + base, xd, xo + base, l, mean[ch]);
                }
            }
            for (int ch = from; ch < to; ch++) sumDyXhat[ch] *= rstd[ch];
        });
        Tensor gx = null;
        if (x.requiresGrad()) {
            gx = Tensor.zeros(xv.dims());
            float[] gxd = gx.data();
            double m = (double) n * l;
            forChannels(n, c, l, (from, to) -> {
                for (int ch = from; ch < to; ch++) {
                    double gm = gamma == null ? 1.0 : gamma.data()[gamma.offset() + ch];
                    double k = gm * rstd[ch];
                    // dx = k·dy − a·(x − μ) + t with a = k·r·Σ(dy·x̂)/M and t = −k·Σdy/M (0 in evaluation).
                    double a = training ? k * rstd[ch] * sumDyXhat[ch] / m : 0;
                    double t = training ? -k * sumDy[ch] / m : 0;
                    float kf = (float) k, af = (float) a, tf = (float) t, mu = (float) mean[ch];
                    for (int b = 0; b < n; b++) {
                        int base = (b * c + ch) * l;
                        for (int i = 0; i < l; i++) gxd[base + i] = kf * gd[go + base + i] - af * (xd[xo + base + i] - mu) + tf;
                    }
                }
            });
        }
        Tensor gw = weight != null && weight.requiresGrad() ? toTensor(sumDyXhat) : null;
        Tensor gb = bias != null && bias.requiresGrad() ? toTensor(sumDy) : null;
        return new Tensor[] {gx, gw, gb};
    }

    // Run sums in double with four partial sums: one chain of dependent double adds is latency bound
    // (~4 cycles each); four independent ones keep both FP pipes busy. The order depends only on n.

    private static double sum(float[] x, int off, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += x[off + i];
            s1 += x[off + i + 1];
            s2 += x[off + i + 2];
            s3 += x[off + i + 3];
        }
        for (; i < n; i++) s0 += x[off + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ (x − mu)². */
    private static double centeredSquares(float[] x, int off, int n, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            double d0 = x[off + i] - mu, d1 = x[off + i + 1] - mu, d2 = x[off + i + 2] - mu, d3 = x[off + i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = x[off + i] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ g·(x − mu). */
    private static double centeredDot(float[] g, int gOff, float[] x, int xOff, int n, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += g[gOff + i] * (x[xOff + i] - mu);
            s1 += g[gOff + i + 1] * (x[xOff + i + 1] - mu);
            s2 += g[gOff + i + 2] * (x[xOff + i + 2] - mu);
            s3 += g[gOff + i + 3] * (x[xOff + i + 3] - mu);
        }
        for (; i < n; i++) s0 += g[gOff + i] * (x[xOff + i] - mu);
        return (s0 + s1) + (s2 + s3);
    }

    private static void forChannels(int n, int c, int l, dev.sieve.parallel.ParallelRuntime.RangeBody body) {
        long perChannel = Math.max(1L, (long) n * l);
        int grain = (int) Math.max(1, Math.min(c, GRAIN / perChannel));
        Parallel.runtime().forRange(c, grain, body);
    }

    private static void checkChannelTensor(String what, Tensor t, int c) {
        if (t != null && (t.rank() != 1 || t.dim(0) != c)) {
            throw new IllegalArgumentException("batchNorm: " + what + " has shape " + t.shape() + ", expected [" + c + "] (one per channel)");
        }
    }

    private static Tensor toTensor(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.wrap(f, v.length);
    }
}
