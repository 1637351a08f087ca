package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/**
 * Layer normalisation over the trailing {@code normalizedShape} dimensions, as {@code torch.nn.LayerNorm}:
 * y = (x − mean) / √(biased variance + eps) · weight + bias. With {@code elementwiseAffine} the parameters
 * {@code weight} (init ones) and {@code bias} (init zeros) have the normalized shape; without, there are none.
 */
public final class LayerNorm extends Layer {
    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final int[] normalizedShape;
    private final float eps;
    private final Variable weight, bias;

    /** Normalises the last dimension of size {@code normalizedSize}, eps 1e-5, with weight and bias. */
    public LayerNorm(int normalizedSize) {
        this(new int[] {normalizedSize}, DEFAULT_EPS, true);
    }

    public LayerNorm(int normalizedSize, float eps, boolean elementwiseAffine) {
        this(new int[] {normalizedSize}, eps, elementwiseAffine);
    }

    public LayerNorm(int[] normalizedShape, float eps, boolean elementwiseAffine) {
        if (normalizedShape == null || normalizedShape.length == 0)
            throw new IllegalArgumentException("LayerNorm needs a non-empty normalized shape");
        for (int d : normalizedShape) {
            if (d <= 0) throw new IllegalArgumentException("LayerNorm: normalized shape " + Shape.of(normalizedShape) + " has a non-positive dimension");
        }
        if (!(eps >= 0)) throw new IllegalArgumentException("LayerNorm: eps must be >= 0, got " + eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Variable.parameter(Tensor.full(1f, normalizedShape))) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Variable.parameter(Tensor.zeros(normalizedShape))) : null;
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    public float eps() {
        return eps;
    }

    /** The scale (ones at init), or null without elementwise affine. */
    public Variable weight() {
        return weight;
    }

    /** The shift (zeros at init), or null without elementwise affine. */
    public Variable bias() {
        return bias;
    }
}
