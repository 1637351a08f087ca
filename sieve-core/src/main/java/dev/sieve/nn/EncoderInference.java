package dev.sieve.nn;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.ColumnNormKernels;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.ops.DotProductAttention;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A transformer encoder stack run for inference: no autograd graph, the arithmetic of
 * {@link TransformerEncoderLayer} (eval mode) on raw buffers that are reused from call to call.
 *
 * <p>Activations are kept <em>feature-major</em>, {@code X^T [E, tokens]}, from the first layer to the
 * last: every Linear layer is then {@code Y^T = W · X^T}, which is the form Sieve's sparse kernels compute
 * without transposes, and for dense weights a GEMM that streams W once. Inside a layer:
 * <ul>
 *   <li>q, k and v come from one product with the packed {@code in_proj_weight};</li>
 *   <li>each head reads its rows of that product in place (a head's Qᵀ is a block of rows) and is two
 *       small GEMMs and a row softmax ({@link DotProductAttention#head}); heads run in parallel;</li>
 *   <li>biases are added before a product accumulates onto them, and the residual connection is the
 *       product accumulating onto the running activations, so neither costs a pass of its own;</li>
 *   <li>the first feed-forward product is followed by one parallel pass of bias + activation;</li>
 *   <li>layer norm over features is a reduction down each token's column, vectorised across tokens
 *       ({@link ColumnNormKernels}).</li>
 * </ul>
 * Weights are the modules' live parameter tensors ({@link TransformerEncoder#inference()}), or sparse
 * matrices pruned from them once ({@link TransformerEncoder#inference(Sparsifier)}).
 *
 * <p>Instances are safe to share between threads (buffers are per thread). Optional profiling
 * accumulates wall time per stage ({@link #setProfiling}, {@link #profileMillis}).
 */
public final class EncoderInference {
    /** The stages a forward pass is broken into when profiling. */
    public enum Stage {
        /** Token-major input to feature-major activations and back. */
        LAYOUT,
        QKV_PROJ,
        ATTENTION,
        OUT_PROJ,
        /** The first feed-forward product; without profiling it also adds the bias and applies the activation. */
        FFN1,
        /** Bias and activation after FFN1 (only timed apart when profiling). */
        BIAS_ACTIVATION,
        FFN2,
        NORM
    }

    private final List<LayerWeights> layers;
    private final Norm finalNorm;
    private final int dModel, maxFeedforward;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);
    private final long[] stageNanos = new long[Stage.values().length];
    private volatile boolean profiling;

    private EncoderInference(List<LayerWeights> layers, Norm finalNorm) {
        this.layers = List.copyOf(layers);
        this.finalNorm = finalNorm;
        this.dModel = layers.get(0).dModel;
        int f = 0;
        for (LayerWeights l : layers) f = Math.max(f, l.w1.rows());
        this.maxFeedforward = f;
    }

    /** Over the layers' live parameters. */
    static EncoderInference dense(List<TransformerEncoderLayer> layers, LayerNorm norm) {
        List<LayerWeights> out = new ArrayList<>();
        for (TransformerEncoderLayer l : layers) out.add(LayerWeights.of(l, w -> new Dense(w)));
        return new EncoderInference(out, Norm.of(norm));
    }

    /** With every Linear weight pruned by {@code sparsifier}; biases and norms are copied. */
    static EncoderInference sparse(List<TransformerEncoderLayer> layers, LayerNorm norm, Sparsifier<? extends SparseMatrix> sparsifier) {
        List<LayerWeights> out = new ArrayList<>();
        for (TransformerEncoderLayer l : layers) out.add(LayerWeights.of(l, w -> new Sparse(sparsifier.sparsify(w.copy()))).copied());
        Norm n = Norm.of(norm);
        return new EncoderInference(out, n == null ? null : n.copied());
    }

    /** Number of layers. */
    public int depth() {
        return layers.size();
    }

    /** Stored (nonzero) weight entries of all Linear layers, and their total size, as {nnz, positions}. */
    public long[] linearWeightCounts() {
        long nnz = 0, total = 0;
        for (LayerWeights l : layers) {
            for (Weight w : new Weight[] {l.inProj, l.outProj, l.w1, l.w2}) {
                nnz += w.nnz();
                total += (long) w.rows() * w.cols();
            }
        }
        return new long[] {nnz, total};
    }

    /**
     * Runs the stack on {@code x}: {@code [N, L, E]} when {@code batchFirst}, else {@code [L, N, E]}, or
     * unbatched {@code [L, E]}; masks as in {@link TransformerEncoderLayer#forward(dev.sieve.autograd.Variable, Tensor, boolean[][])}.
     * Returns a new tensor of x's shape.
     */
    public Tensor forward(Tensor x, boolean batchFirst, Tensor attnMask, boolean[][] keyPaddingMask) {
        int rank = x.rank();
        if ((rank != 2 && rank != 3) || x.dim(-1) != dModel) {
            throw new IllegalArgumentException("encoder input must be [N, L, " + dModel + "], [L, N, " + dModel + "] or [L, " + dModel
                    + "], got " + x.shape());
        }
        boolean tokenRowsInOrder = rank == 2 || batchFirst;
        int n = rank == 2 ? 1 : batchFirst ? x.dim(0) : x.dim(1);
        int l = rank == 2 ? x.dim(0) : batchFirst ? x.dim(1) : x.dim(0);
        int tokens = n * l;
        int heads = layers.get(0).heads;
        Tensor mask = MultiheadAttention.combinedMask(attnMask, keyPaddingMask, n, heads, l, l);
        Tensor out = Tensor.zeros(x.dims());
        if (tokens == 0) return out;
        Workspace ws = workspaces.get();
        ws.ensure(dModel, maxFeedforward, tokens, l * l, Parallel.threads());
        ParallelRuntime rt = Parallel.runtime();

        long t0 = System.nanoTime();
        toFeatureMajor(x.data(), x.offset(), ws.x, n, l, tokenRowsInOrder);
        t0 = lap(Stage.LAYOUT, t0);
        for (LayerWeights lw : layers) t0 = layer(lw, ws, n, l, mask, rt, t0);
        if (finalNorm != null) {
            layerNorm(ws.x, ws.x, finalNorm, tokens, rt);
            t0 = lap(Stage.NORM, t0);
        }
        fromFeatureMajor(ws.x, out.data(), n, l, tokenRowsInOrder);
        lap(Stage.LAYOUT, t0);
        return out;
    }

    private long layer(LayerWeights w, Workspace ws, int n, int l, Tensor mask, ParallelRuntime rt, long t0) {
        int tokens = n * l;
        float[] x = ws.x;
        float[] attnIn = x;
        if (w.normFirst) {
            layerNorm(x, ws.h, w.norm1, tokens, rt);
            t0 = lap(Stage.NORM, t0);
            attnIn = ws.h;
        }
        linear(w.inProj, attnIn, ws.qkv, tokens, false, w.inBias, null, rt);
        t0 = lap(Stage.QKV_PROJ, t0);
        attention(w, ws, n, l, mask, rt);
        t0 = lap(Stage.ATTENTION, t0);
        linear(w.outProj, ws.attn, x, tokens, true, w.outBias, null, rt);
        t0 = lap(Stage.OUT_PROJ, t0);
        float[] ffIn = x;
        if (w.normFirst) {
            layerNorm(x, ws.h, w.norm2, tokens, rt);
            ffIn = ws.h;
        } else {
            layerNorm(x, x, w.norm1, tokens, rt);
        }
        t0 = lap(Stage.NORM, t0);
        UnaryOp act = w.activation == TransformerEncoderLayer.Activation.RELU ? UnaryOp.RELU : UnaryOp.GELU_ERF;
        if (profiling) {
            // timed apart: the same work as the fused epilogue, as a pass of its own
            linear(w.w1, ffIn, ws.f, tokens, false, null, null, rt);
            t0 = lap(Stage.FFN1, t0);
            DenseKernels k = VectorizationProvider.get().dense();
            rt.forRange(w.w1.rows(), Math.max(1, 8192 / tokens), (r0, r1) -> epilogue(ws.f, w.b1, act, r0, r1, tokens, k));
            t0 = lap(Stage.BIAS_ACTIVATION, t0);
        } else {
            linear(w.w1, ffIn, ws.f, tokens, false, w.b1, act, rt);
            t0 = lap(Stage.FFN1, t0);
        }
        linear(w.w2, ws.f, x, tokens, true, w.b2, null, rt);
        t0 = lap(Stage.FFN2, t0);
        if (!w.normFirst) {
            layerNorm(x, x, w.norm2, tokens, rt);
            t0 = lap(Stage.NORM, t0);
        }
        return t0;
    }

    /**
     * {@code y = W · x + bias}, or with {@code accumulate} {@code y += W · x + bias} (the residual connection
     * when y holds the running activations), then {@code act} on y when given; all buffers feature-major
     * [features, tokens]. Dense weights: the rows of W (and of y) are split between threads and each runs its
     * own GEMM and then the bias/activation on its rows while they are still in cache; W is streamed once in
     * total. Sparse weights: the layout's SpMM (which splits by nonzeros), then bias/activation by rows.
     */
    private static void linear(Weight w, float[] x, float[] y, int tokens, boolean accumulate, float[] bias, UnaryOp act,
                               ParallelRuntime rt) {
        int out = w.rows(), in = w.cols();
        DenseKernels k = VectorizationProvider.get().dense();
        switch (w) {
            case Dense d -> {
                long flops = 2L * out * in * tokens;
                int parts = flops < (1 << 21) ? 1 : Math.min(rt.threads(), Math.max(1, out / ROW_BLOCK));
                ParallelRuntime gemmRt = parts == 1 ? rt : SERIAL;
                rt.runChunks(parts, (c, cs) -> {
                    int r0 = rowBoundary(out, cs, c), r1 = rowBoundary(out, cs, c + 1);
                    if (r0 >= r1) return;
                    boolean onto = accumulate;
                    if (act == null && bias != null) {
                        // the bias goes in first and the product accumulates onto it
                        for (int o = r0; o < r1; o++) {
                            if (accumulate) k.binaryRunScalar(BinaryOp.ADD, y, o * tokens, bias[o], y, o * tokens, tokens);
                            else Arrays.fill(y, o * tokens, (o + 1) * tokens, bias[o]);
                        }
                        onto = true;
                    }
                    Gemm.sgemm(false, false, r1 - r0, tokens, in, 1f, d.w.data(), d.w.offset() + r0 * in, in, x, 0, tokens,
                            onto ? 1f : 0f, y, r0 * tokens, tokens, gemmRt);
                    if (act != null) epilogue(y, bias, act, r0, r1, tokens, k);
                });
            }
            case Sparse s -> {
                boolean onto = accumulate;
                if (act == null && bias != null) {
                    for (int o = 0; o < out; o++) {
                        if (accumulate) k.binaryRunScalar(BinaryOp.ADD, y, o * tokens, bias[o], y, o * tokens, tokens);
                        else Arrays.fill(y, o * tokens, (o + 1) * tokens, bias[o]);
                    }
                    onto = true;
                }
                SparseOps.spmmInto(s.w, Tensor.wrap(x, 0, Shape.of(in, tokens)), Tensor.wrap(y, 0, Shape.of(out, tokens)), onto, rt);
                if (act != null) rt.forRange(out, Math.max(1, 8192 / tokens), (r0, r1) -> epilogue(y, bias, act, r0, r1, tokens, k));
            }
        }
    }

    /** Rows per thread are multiples of this, so no thread gets a ragged micro-tile in the middle of W. */
    private static final int ROW_BLOCK = 16;

    private static int rowBoundary(int rows, int parts, int part) {
        if (part >= parts) return rows;
        int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
        return Math.min(rows, Ranges.start(blocks, parts, part) * ROW_BLOCK);
    }

    /** {@code y = act(y + bias)} on rows [r0, r1). */
    private static void epilogue(float[] y, float[] bias, UnaryOp act, int r0, int r1, int tokens, DenseKernels k) {
        for (int o = r0; o < r1; o++) {
            int off = o * tokens;
            if (bias != null) k.binaryRunScalar(BinaryOp.ADD, y, off, bias[o], y, off, tokens);
            k.unary(act, y, off, y, off, tokens);
        }
    }

    /** Multi-head attention on the q/k/v rows of {@code ws.qkv} into {@code ws.attn}, heads in parallel. */
    private void attention(LayerWeights w, Workspace ws, int n, int l, Tensor mask, ParallelRuntime rt) {
        int e = dModel, heads = w.heads, d = e / heads, tokens = n * l, units = n * heads;
        float scale = DotProductAttention.defaultScale(d);
        float[] qkv = ws.qkv, attn = ws.attn;
        float[] md = mask == null ? null : mask.data();
        int[] mDims = mask == null ? null : mask.dims();
        int chunks = Math.min(units, rt.threads());
        ParallelRuntime inner = chunks == 1 ? rt : SERIAL;
        rt.runChunks(chunks, (c, cs) -> {
            float[] p = ws.scores[c];
            for (int u = Ranges.start(units, cs, c), end = Ranges.start(units, cs, c + 1); u < end; u++) {
                int b = u / heads, h = u % heads;
                int col = b * l;
                int mOff = 0, mRow = 0;
                if (md != null) {
                    mOff = mask.offset() + ((mDims[0] == 1 ? 0 : b) * mDims[1] + (mDims[1] == 1 ? 0 : h)) * mDims[2] * l;
                    mRow = mDims[2] == 1 ? 0 : l;
                }
                DotProductAttention.head(true, l, l, d, d, scale,
                        qkv, (h * d) * tokens + col, tokens, qkv, (e + h * d) * tokens + col, tokens,
                        qkv, (2 * e + h * d) * tokens + col, tokens, md, mOff, mRow, p, 0,
                        attn, (h * d) * tokens + col, tokens, inner);
            }
        });
    }

    private static final ParallelRuntime SERIAL = new ParallelRuntime(1);

    /** Layer norm of every token's column of {@code x [E, tokens]} into {@code y} (may be x); tokens split between threads. */
    private void layerNorm(float[] x, float[] y, Norm norm, int tokens, ParallelRuntime rt) {
        ColumnNormKernels k = VectorizationProvider.get().kernels(ColumnNormKernels.class);
        rt.forRange(tokens, 16, (t0, t1) -> k.layerNorm(x, t0, tokens, dModel, t1 - t0, norm.gamma, norm.beta, norm.eps, y, t0));
    }

    /** Token-major rows (in (n, l) order, or (l, n) when not) into {@code xT [E, N·L]}, column n·L + l. */
    private void toFeatureMajor(float[] src, int off, float[] xT, int n, int l, boolean inOrder) {
        int e = dModel, tokens = n * l;
        for (int t0 = 0; t0 < tokens; t0 += 16) {
            int t1 = Math.min(tokens, t0 + 16);
            for (int t = t0; t < t1; t++) {
                int row = off + sourceRow(t, n, l, inOrder) * e;
                for (int c = 0; c < e; c++) xT[c * tokens + t] = src[row + c];
            }
        }
    }

    private void fromFeatureMajor(float[] xT, float[] dst, int n, int l, boolean inOrder) {
        int e = dModel, tokens = n * l;
        for (int t = 0; t < tokens; t++) {
            int row = sourceRow(t, n, l, inOrder) * e;
            for (int c = 0; c < e; c++) dst[row + c] = xT[c * tokens + t];
        }
    }

    private static int sourceRow(int t, int n, int l, boolean inOrder) {
        return inOrder ? t : (t % l) * n + t / l;
    }

    // ---- profiling ------------------------------------------------------------------------------

    /** Turns per-stage timing on or off (off by default; it costs two clock reads per stage). */
    public void setProfiling(boolean on) {
        profiling = on;
    }

    public void resetProfile() {
        synchronized (stageNanos) {
            Arrays.fill(stageNanos, 0);
        }
    }

    /** Accumulated milliseconds per stage since the last reset, in stage order. */
    public Map<Stage, Double> profileMillis() {
        Map<Stage, Double> out = new LinkedHashMap<>();
        synchronized (stageNanos) {
            for (Stage s : Stage.values()) out.put(s, stageNanos[s.ordinal()] / 1e6);
        }
        return out;
    }

    private long lap(Stage stage, long since) {
        if (!profiling) return since;
        long now = System.nanoTime();
        synchronized (stageNanos) {
            stageNanos[stage.ordinal()] += now - since;
        }
        return now;
    }

    // ---- weights and buffers --------------------------------------------------------------------

    private sealed interface Weight permits Dense, Sparse {
        int rows();

        int cols();

        long nnz();
    }

    private record Dense(Tensor w) implements Weight {
        public int rows() {
            return w.dim(0);
        }

        public int cols() {
            return w.dim(1);
        }

        public long nnz() {
            long c = 0;
            float[] d = w.data();
            for (int i = 0; i < w.size(); i++) if (d[w.offset() + i] != 0f) c++;
            return c;
        }
    }

    private record Sparse(SparseMatrix w) implements Weight {
        public int rows() {
            return w.rows();
        }

        public int cols() {
            return w.cols();
        }

        public long nnz() {
            return w.nnz();
        }
    }

    private record Norm(float[] gamma, float[] beta, float eps) {
        static Norm of(LayerNorm n) {
            if (n == null) return null;
            return new Norm(n.weight() == null ? null : live(n.weight().value()), n.bias() == null ? null : live(n.bias().value()), n.eps());
        }

        Norm copied() {
            return new Norm(gamma == null ? null : gamma.clone(), beta == null ? null : beta.clone(), eps);
        }
    }

    /** The backing array of a parameter that starts at offset 0 and fills it (true of every module parameter). */
    private static float[] live(Tensor t) {
        if (t.offset() != 0 || t.data().length != t.size()) throw new IllegalStateException("parameter is a view; expected its own storage");
        return t.data();
    }

    private record LayerWeights(int dModel, int heads, boolean normFirst, TransformerEncoderLayer.Activation activation,
                                Weight inProj, float[] inBias, Weight outProj, float[] outBias,
                                Weight w1, float[] b1, Weight w2, float[] b2, Norm norm1, Norm norm2) {
        static LayerWeights of(TransformerEncoderLayer l, java.util.function.Function<Tensor, Weight> weight) {
            MultiheadAttention sa = l.selfAttn();
            return new LayerWeights(l.dModel(), l.nhead(), l.normFirst(), l.activation(),
                    weight.apply(sa.inProjWeight().value()), bias(sa.inProjBias()),
                    weight.apply(sa.outProj().weight().value()), bias(sa.outProj().bias()),
                    weight.apply(l.linear1().weight().value()), bias(l.linear1().bias()),
                    weight.apply(l.linear2().weight().value()), bias(l.linear2().bias()),
                    Norm.of(l.norm1()), Norm.of(l.norm2()));
        }

        private static float[] bias(dev.sieve.autograd.Variable b) {
            return b == null ? null : live(b.value());
        }

        /** Biases and norms copied (a snapshot, like the pruned weights). */
        LayerWeights copied() {
            return new LayerWeights(dModel, heads, normFirst, activation, inProj, clone(inBias), outProj, clone(outBias),
                    w1, clone(b1), w2, clone(b2), norm1.copied(), norm2.copied());
        }

        private static float[] clone(float[] a) {
            return a == null ? null : a.clone();
        }
    }

    /** Per-thread buffers, grown to the largest call seen. */
    private static final class Workspace {
        float[] x = new float[0], h = new float[0], qkv = new float[0], attn = new float[0], f = new float[0];
        float[][] scores = new float[0][];

        void ensure(int e, int ff, int tokens, int scoreSize, int threads) {
            int et = e * tokens;
            if (x.length < et) {
                x = new float[et];
                h = new float[et];
                attn = new float[et];
                qkv = new float[3 * et];
            }
            if (f.length < ff * tokens) f = new float[ff * tokens];
            if (scores.length < threads || scores[0].length < scoreSize) {
                scores = new float[Math.max(threads, scores.length)][];
                for (int i = 0; i < scores.length; i++) scores[i] = new float[Math.max(scoreSize, 1)];
            }
        }
    }
}
