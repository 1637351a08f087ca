package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One transformer encoder block, as {@code torch.nn.TransformerEncoderLayer(d_model, nhead,
 * dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first)}:
 * <pre>
 *   post-norm (default): x = norm1(x + sa(x));        x = norm2(x + ff(x))
 *   pre-norm:            x = x + sa(norm1(x));        x = x + ff(norm2(x))
 *   sa(x) = dropout1(self_attn(x, x, x))              ff(x) = dropout2(linear2(dropout(act(linear1(x)))))
 * </pre>
 * Children and parameter names are PyTorch's: {@code self_attn.in_proj_weight}, {@code self_attn.in_proj_bias},
 * {@code self_attn.out_proj.weight/bias}, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}
 * (and parameterless {@code dropout}, {@code dropout1}, {@code dropout2}).
 *
 * <p>Under {@link NoGrad}, in eval mode (or with dropout 0), forward takes the inference path
 * ({@link EncoderInference}): the same arithmetic on raw buffers, with no graph.
 */
public final class TransformerEncoderLayer extends Layer {
    public enum Activation { RELU, GELU }

    private final int dModel, nhead, dimFeedforward;
    private final double dropoutP;
    private final Activation activation;
    private final boolean batchFirst, normFirst;
    private final MultiheadAttention selfAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2;
    private final LayerNorm norm1, norm2;
    private EncoderInference inference;

    /** Initialised from the global generator ({@link Init#manualSeed}). */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, Activation activation,
                                   float layerNormEps, boolean batchFirst, boolean normFirst) {
        this(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, Init.nextSeed());
    }

    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, Activation activation,
                                   float layerNormEps, boolean batchFirst, boolean normFirst, long seed) {
        if (dimFeedforward <= 0) throw new IllegalArgumentException("dimFeedforward must be positive: " + dimFeedforward);
        if (activation == null) throw new IllegalArgumentException("activation is null (RELU or GELU)");
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropoutP = dropout;
        this.activation = activation;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        SplittableRandom seeds = new SplittableRandom(seed);
        // registration order = PyTorch's, so named parameters and state dicts list in the same order
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, seeds.nextLong()));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, true, seeds.nextLong()));
        this.dropout = registerModule("dropout", new Dropout(dropout, seeds.nextLong()));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, true, seeds.nextLong()));
        this.norm1 = registerModule("norm1", new LayerNorm(dModel, layerNormEps, true));
        this.norm2 = registerModule("norm2", new LayerNorm(dModel, layerNormEps, true));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout, seeds.nextLong()));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout, seeds.nextLong()));
    }

    /** A layer of the same configuration holding a copy of this one's parameters (PyTorch's deepcopy in TransformerEncoder). */
    public TransformerEncoderLayer copy(long seed) {
        TransformerEncoderLayer c = new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropoutP, activation, norm1.eps(),
                batchFirst, normFirst, seed);
        c.loadStateDict(stateDict());
        c.train(isTraining());
        return c;
    }

    @Override
    public Variable forward(Variable src) {
        return forward(src, null, null);
    }

    /**
     * {@code src} is {@code [L, N, E]} ({@code [N, L, E]} with batchFirst) or unbatched {@code [L, E]};
     * {@code srcMask} an additive {@code [L, L]} or {@code [N·H, L, L]} mask and {@code srcKeyPaddingMask}
     * boolean {@code [N][L]} (true = padding), either may be null.
     */
    public Variable forward(Variable src, Tensor srcMask, boolean[][] srcKeyPaddingMask) {
        if (usesInferencePath()) {
            if (inference == null) inference = EncoderInference.dense(List.of(this), null);
            return Variable.constant(inference.forward(src.value(), batchFirst, srcMask, srcKeyPaddingMask));
        }
        Variable x = src;
        if (normFirst) {
            x = Functions.add(x, selfAttentionBlock(norm1.forward(x), srcMask, srcKeyPaddingMask));
            x = Functions.add(x, feedForwardBlock(norm2.forward(x)));
        } else {
            x = norm1.forward(Functions.add(x, selfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
            x = norm2.forward(Functions.add(x, feedForwardBlock(x)));
        }
        return x;
    }

    /** No graph is being recorded and dropout is inactive: the graph-free path gives the same values. */
    boolean usesInferencePath() {
        return !NoGrad.isGradEnabled() && (!isTraining() || dropoutP == 0);
    }

    private Variable selfAttentionBlock(Variable x, Tensor mask, boolean[][] keyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, mask, false).output());
    }

    private Variable feedForwardBlock(Variable x) {
        Variable h = linear1.forward(x);
        h = activation == Activation.RELU ? Functions.relu(h) : Functions.gelu(h);
        return dropout2.forward(linear2.forward(dropout.forward(h)));
    }

    public int dModel() {
        return dModel;
    }

    public int nhead() {
        return nhead;
    }

    public int dimFeedforward() {
        return dimFeedforward;
    }

    public double dropout() {
        return dropoutP;
    }

    public Activation activation() {
        return activation;
    }

    public float layerNormEps() {
        return norm1.eps();
    }

    public boolean batchFirst() {
        return batchFirst;
    }

    public boolean normFirst() {
        return normFirst;
    }

    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    public Linear linear1() {
        return linear1;
    }

    public Linear linear2() {
        return linear2;
    }

    public LayerNorm norm1() {
        return norm1;
    }

    public LayerNorm norm2() {
        return norm2;
    }
}
