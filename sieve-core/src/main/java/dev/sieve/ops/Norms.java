package dev.sieve.ops;

import dev.sieve.kernel.NormalizationKernels;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/** Normalisation layers' forward computations. */
public final class Norms {
    /** PyTorch's default epsilon for layer norm. */
    public static final float DEFAULT_EPS = 1e-5f;

    private Norms() {}

    /** Layer norm over the trailing dimensions {@code normalizedShape}, without affine parameters. */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, float eps) {
        return layerNorm(x, normalizedShape, null, null, eps);
    }

    /**
     * Layer norm as {@code torch.nn.functional.layer_norm}: each slice over the trailing dimensions
     * {@code normalizedShape} is shifted to mean 0 and scaled by 1/sqrt(biased variance + eps), then
     * multiplied by {@code gamma} and shifted by {@code beta} (each of shape {@code normalizedShape},
     * or null to skip).
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor gamma, Tensor beta, float eps) {
        Shape norm = Shape.of(normalizedShape);
        int lead = x.rank() - norm.rank();
        if (lead < 0 || !Arrays.equals(Arrays.copyOfRange(x.dims(), lead, x.rank()), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: normalized shape " + norm + " is not the trailing dimensions of input shape " + x.shape());
        }
        checkParameter("gamma", gamma, norm);
        checkParameter("beta", beta, norm);
        if (!(eps >= 0)) throw new IllegalArgumentException("layerNorm: eps must be >= 0, got " + eps);
        Tensor out = Tensor.zeros(x.dims());
        int n = norm.size();
        if (out.size() == 0) return out;
        int rows = x.size() / n;
        float[] xd = x.data(), od = out.data();
        float[] gd = gamma == null ? null : gamma.data(), bd = beta == null ? null : beta.data();
        int xOff = x.offset(), gOff = gamma == null ? 0 : gamma.offset(), bOff = beta == null ? 0 : beta.offset();
        NormalizationKernels k = VectorizationProvider.get().normalization();
        Work.rows(rows, n, Work.COSTLY, (from, to) -> {
            for (int r = from; r < to; r++) k.layerNorm(xd, xOff + r * n, gd, gOff, bd, bOff, eps, od, r * n, n);
        });
        return out;
    }

    private static void checkParameter(String name, Tensor p, Shape norm) {
        if (p != null && !p.shape().equals(norm)) {
            throw new IllegalArgumentException("layerNorm: " + name + " has shape " + p.shape() + ", expected the normalized shape " + norm);
        }
    }
}
