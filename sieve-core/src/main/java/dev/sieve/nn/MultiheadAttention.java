package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.ops.DotProductAttention;
import dev.sieve.ops.Elementwise;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Multi-head attention as {@code torch.nn.MultiheadAttention(embed_dim, num_heads, dropout, bias, batch_first)}
 * (key and value of the embedding size; no add_bias_kv / add_zero_attn).
 *
 * <p>Parameters, named and initialised as PyTorch: {@code in_proj_weight [3E, E]} (the q, k, v projections
 * stacked; xavier_uniform), {@code in_proj_bias [3E]} (zeros), and the child {@code out_proj}, a
 * {@link Linear} with PyTorch's Linear init whose bias is then zeroed.
 *
 * <p>Inputs are {@code [L, N, E]} ({@code [N, L, E]} with batchFirst), or unbatched {@code [L, E]}. Masks:
 * {@code keyPaddingMask} is boolean {@code [N][S]}, true where a key is padding and must be ignored;
 * {@code attnMask} is an additive float mask {@code [L, S]} or {@code [N·H, L, S]} (−∞ where attention is
 * not allowed; see {@link #causalMask} and {@link #boolMask}). A query row whose every key is masked comes
 * out NaN, as in PyTorch.
 *
 * <p>When query, key and value are the same variable (self-attention) the three projections are one GEMM
 * on {@code in_proj_weight}. Without needed weights and without active dropout the attention runs as one
 * fused op ({@link Functions#scaledDotProductAttention}).
 */
public final class MultiheadAttention extends Module {
    /** The attention output (the layout of the query) and, if asked for, the weights averaged over heads. */
    public record Output(Variable output, Variable weights) {}

    private final int embedDim, numHeads, headDim;
    private final double dropout;
    private final boolean batchFirst;
    private final Variable inProjWeight, inProjBias;
    private final Linear outProj;
    private final SplittableRandom dropoutRng;

    /** No dropout, with biases, sequence-first; initialised from the global generator. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, false);
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst) {
        this(embedDim, numHeads, dropout, bias, batchFirst, Init.nextSeed());
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, long seed) {
        if (embedDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("embedDim and numHeads must be positive: " + embedDim + ", " + numHeads);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embedDim " + embedDim + " is not divisible by numHeads " + numHeads);
        }
        if (!(dropout >= 0 && dropout <= 1)) throw new IllegalArgumentException("dropout must be in [0, 1]: " + dropout);
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = embedDim / numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        SplittableRandom seeds = new SplittableRandom(seed);
        // xavier_uniform_ on [3E, E]: fan_in = E, fan_out = 3E, as PyTorch computes them for the packed weight
        this.inProjWeight = registerParameter("in_proj_weight",
                Variable.parameter(Init.xavierUniform(seeds.nextLong(), embedDim, 3 * embedDim, 1.0, 3 * embedDim, embedDim)));
        this.inProjBias = bias ? registerParameter("in_proj_bias", Variable.parameter(Tensor.zeros(3 * embedDim))) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, seeds.nextLong()));
        if (bias) Arrays.fill(outProj.bias().value().data(), 0f);
        this.dropoutRng = new SplittableRandom(seeds.nextLong());
    }

    /** {@link #forward(Variable, Variable, Variable, boolean[][], Tensor, boolean)} without masks, with weights. */
    public Output forward(Variable query, Variable key, Variable value) {
        return forward(query, key, value, null, null, true);
    }

    /**
     * Attention of {@code query} over {@code key}/{@code value}. Returns the output (shaped like the query)
     * and, when {@code needWeights}, the attention weights averaged over heads, {@code [N, L, S]}
     * ({@code [L, S]} unbatched); PyTorch returns them after dropout, and so does this.
     */
    public Output forward(Variable query, Variable key, Variable value, boolean[][] keyPaddingMask, Tensor attnMask,
                          boolean needWeights) {
        boolean self = query == key && key == value;
        int rank = query.value().rank();
        if (rank != 2 && rank != 3) throw new IllegalArgumentException("MultiheadAttention: query must be [L, N, E], [N, L, E] or [L, E], got " + query.shape());
        if (key.value().rank() != rank || value.value().rank() != rank) {
            throw new IllegalArgumentException("MultiheadAttention: query " + query.shape() + ", key " + key.shape() + " and value "
                    + value.shape() + " must have the same rank");
        }
        boolean batched = rank == 3;
        Variable q = toBatchFirst(query, batched), k = self ? q : toBatchFirst(key, batched), v = self ? q : toBatchFirst(value, batched);
        int n = q.dims()[0], l = q.dims()[1], s = k.dims()[1];
        if (q.dims()[2] != embedDim || k.dims()[2] != embedDim || v.dims()[2] != embedDim) {
            throw new IllegalArgumentException("MultiheadAttention: inputs must end in the embedding size " + embedDim + ", got query "
                    + query.shape() + ", key " + key.shape() + ", value " + value.shape());
        }
        if (k.dims()[0] != n || v.dims()[0] != n || v.dims()[1] != s) {
            throw new IllegalArgumentException("MultiheadAttention: batch or sequence sizes differ: query " + query.shape() + ", key "
                    + key.shape() + ", value " + value.shape());
        }
        Tensor mask = combinedMask(attnMask, keyPaddingMask, n, numHeads, l, s);

        Variable[] qkv = self ? projectPacked(q, n, l) : new Variable[] {
                project(q, 0, n, l), project(k, 1, n, s), project(v, 2, n, s)};
        float scale = DotProductAttention.defaultScale(headDim);
        boolean dropoutActive = isTraining() && dropout > 0;
        Variable heads;
        Variable weights = null;
        if (needWeights || dropoutActive) {
            Variable p = Functions.attentionWeights(qkv[0], qkv[1], mask, scale);
            if (dropoutActive) p = Functions.mul(p, Variable.constant(dropoutMask(p.dims())));
            heads = Functions.matmul(p, qkv[2]);
            if (needWeights) weights = Functions.mean(p, 1, false);
        } else {
            heads = Functions.scaledDotProductAttention(qkv[0], qkv[1], qkv[2], mask, scale);
        }
        // [N, H, L, d] -> [N, L, H, d] -> [N, L, E]
        Variable merged = Functions.reshape(Functions.permute(heads, 0, 2, 1, 3), n, l, embedDim);
        Variable out = outProj.forward(merged);
        if (!batched) {
            out = Functions.reshape(out, l, embedDim);
            if (weights != null) weights = Functions.reshape(weights, l, s);
        } else if (!batchFirst) {
            out = Functions.transpose(out, 0, 1);
        }
        return new Output(out, weights);
    }

    private Variable toBatchFirst(Variable x, boolean batched) {
        if (!batched) return Functions.reshape(x, 1, x.dims()[0], x.dims()[1]);
        return batchFirst ? x : Functions.transpose(x, 0, 1);
    }

    /** Self-attention: one product with the packed weight, split into q, k, v of [N, H, L, d]. */
    private Variable[] projectPacked(Variable x, int n, int l) {
        Variable y = Functions.linear(x, inProjWeight, inProjBias);
        Variable split = Functions.permute(Functions.reshape(y, n, l, 3, numHeads, headDim), 2, 0, 3, 1, 4);
        Variable[] out = new Variable[3];
        for (int i = 0; i < 3; i++) out[i] = Functions.reshape(Functions.narrow(split, 0, i, 1), n, numHeads, l, headDim);
        return out;
    }

    /** The {@code part}-th (q, k or v) projection on its own: [N, len, E] -> [N, H, len, d]. */
    private Variable project(Variable x, int part, int n, int len) {
        Variable w = Functions.narrow(inProjWeight, 0, part * embedDim, embedDim);
        Variable b = inProjBias == null ? null : Functions.narrow(inProjBias, 0, part * embedDim, embedDim);
        Variable y = Functions.linear(x, w, b);
        return Functions.permute(Functions.reshape(y, n, len, numHeads, headDim), 0, 2, 1, 3);
    }

    private Tensor dropoutMask(int[] dims) {
        Tensor m = Tensor.zeros(dims);
        float[] d = m.data();
        float keep = dropout >= 1 ? 0f : (float) (1.0 / (1.0 - dropout));
        for (int i = 0; i < d.length; i++) d[i] = dropoutRng.nextDouble() >= dropout ? keep : 0f;
        return m;
    }

    /**
     * The additive mask {@code [N or 1, H or 1, L or 1, S]} that {@code attnMask} ([L, S] or [N·H, L, S]) and
     * the boolean key padding mask ([N][S]) together make, or null when both are null.
     */
    static Tensor combinedMask(Tensor attnMask, boolean[][] keyPaddingMask, int n, int heads, int l, int s) {
        Tensor m = null;
        if (attnMask != null) {
            if (attnMask.rank() == 2 && attnMask.dim(0) == l && attnMask.dim(1) == s) {
                m = attnMask.reshape(1, 1, l, s);
            } else if (attnMask.rank() == 3 && attnMask.dim(0) == n * heads && attnMask.dim(1) == l && attnMask.dim(2) == s) {
                m = attnMask.reshape(n, heads, l, s);
            } else {
                throw new IllegalArgumentException("attention mask has shape " + attnMask.shape() + ", expected [" + l + ", " + s
                        + "] or [" + n * heads + ", " + l + ", " + s + "] (N·heads, L, S)");
            }
        }
        if (keyPaddingMask != null) {
            if (keyPaddingMask.length != n) {
                throw new IllegalArgumentException("key padding mask has " + keyPaddingMask.length + " rows, expected the batch size " + n);
            }
            Tensor pad = Tensor.zeros(n, 1, 1, s);
            float[] pd = pad.data();
            for (int i = 0; i < n; i++) {
                if (keyPaddingMask[i] == null || keyPaddingMask[i].length != s) {
                    throw new IllegalArgumentException("key padding mask row " + i + " has "
                            + (keyPaddingMask[i] == null ? "no" : keyPaddingMask[i].length) + " entries, expected the key length " + s);
                }
                for (int j = 0; j < s; j++) if (keyPaddingMask[i][j]) pd[i * s + j] = Float.NEGATIVE_INFINITY;
            }
            m = m == null ? pad : Elementwise.add(m, pad);
        }
        return m;
    }

    /** {@code [size, size]}: 0 on and below the diagonal, −∞ above (each position attends to itself and earlier ones). */
    public static Tensor causalMask(int size) {
        if (size < 0) throw new IllegalArgumentException("mask size must be >= 0, got " + size);
        Tensor m = Tensor.zeros(size, size);
        float[] d = m.data();
        for (int i = 0; i < size; i++) Arrays.fill(d, i * size + i + 1, (i + 1) * size, Float.NEGATIVE_INFINITY);
        return m;
    }

    /** A boolean mask ({@code [L][S]}, true = not allowed, as PyTorch's bool attn_mask) as an additive float mask. */
    public static Tensor boolMask(boolean[][] disallowed) {
        int l = disallowed.length, s = l == 0 ? 0 : disallowed[0].length;
        Tensor m = Tensor.zeros(l, s);
        float[] d = m.data();
        for (int i = 0; i < l; i++) {
            if (disallowed[i].length != s) throw new IllegalArgumentException("boolean mask rows differ in length: " + s + " and " + disallowed[i].length);
            for (int j = 0; j < s; j++) if (disallowed[i][j]) d[i * s + j] = Float.NEGATIVE_INFINITY;
        }
        return m;
    }

    public int embedDim() {
        return embedDim;
    }

    public int numHeads() {
        return numHeads;
    }

    public double dropout() {
        return dropout;
    }

    public boolean batchFirst() {
        return batchFirst;
    }

    public Variable inProjWeight() {
        return inProjWeight;
    }

    /** The packed q/k/v bias, or null without biases. */
    public Variable inProjBias() {
        return inProjBias;
    }

    public Linear outProj() {
        return outProj;
    }
}
