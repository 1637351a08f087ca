package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stack of {@link TransformerEncoderLayer}s with an optional final {@link LayerNorm}, as
 * {@code torch.nn.TransformerEncoder(encoder_layer, num_layers, norm)}: parameters are named
 * {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight}.
 *
 * <p>Under {@link dev.sieve.autograd.NoGrad} with dropout inactive the whole stack runs on the inference
 * path ({@link #inference()}); {@link #inference(Sparsifier)} gives the same computation with every
 * Linear weight pruned into a sparse layout.
 */
public class TransformerEncoder extends Layer {
    private final List<TransformerEncoderLayer> layers;
    private final LayerNorm norm;
    private EncoderInference inference;

    /**
     * {@code numLayers} copies of {@code layer} (same parameters, as PyTorch's deepcopy; {@code layer} itself
     * is not used), then {@code norm} (may be null).
     */
    public TransformerEncoder(TransformerEncoderLayer layer, int numLayers, LayerNorm norm) {
        this(copies(layer, numLayers), norm);
    }

    /** The given layers in order, then {@code norm} (may be null). */
    public TransformerEncoder(List<TransformerEncoderLayer> layers, LayerNorm norm) {
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("a transformer encoder needs at least one layer");
        TransformerEncoderLayer first = layers.get(0);
        for (TransformerEncoderLayer l : layers) {
            if (l.dModel() != first.dModel() || l.nhead() != first.nhead() || l.batchFirst() != first.batchFirst()) {
                throw new IllegalArgumentException("encoder layers must share dModel, nhead and batchFirst: " + first.dModel() + "/"
                        + first.nhead() + "/" + first.batchFirst() + " vs " + l.dModel() + "/" + l.nhead() + "/" + l.batchFirst());
            }
        }
        if (norm != null && (norm.normalizedShape().length != 1 || norm.normalizedShape()[0] != first.dModel())) {
            throw new IllegalArgumentException("final norm must normalise the last dimension of size " + first.dModel());
        }
        this.layers = List.copyOf(layers);
        registerModule("layers", new Sequential(layers.toArray(new Layer[0])));
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    private static List<TransformerEncoderLayer> copies(TransformerEncoderLayer layer, int numLayers) {
        if (numLayers < 1) throw new IllegalArgumentException("numLayers must be >= 1, got " + numLayers);
        SplittableRandom seeds = new SplittableRandom(Init.nextSeed());
        List<TransformerEncoderLayer> out = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) out.add(layer.copy(seeds.nextLong()));
        return out;
    }

    @Override
    public Variable forward(Variable src) {
        return forward(src, null, null);
    }

    /** As {@link TransformerEncoderLayer#forward(Variable, Tensor, boolean[][])}, through every layer, then the norm. */
    public Variable forward(Variable src, Tensor mask, boolean[][] srcKeyPaddingMask) {
        boolean fast = true;
        for (TransformerEncoderLayer l : layers) fast &= l.usesInferencePath();
        if (fast) {
            if (inference == null) inference = EncoderInference.dense(layers, norm);
            return Variable.constant(inference.forward(src.value(), layers.get(0).batchFirst(), mask, srcKeyPaddingMask));
        }
        Variable x = src;
        for (TransformerEncoderLayer l : layers) x = l.forward(x, mask, srcKeyPaddingMask);
        return norm == null ? x : norm.forward(x);
    }

    /** The inference path over the live dense parameters (later parameter updates are seen). */
    public EncoderInference inference() {
        return EncoderInference.dense(layers, norm);
    }

    /**
     * The inference path with every Linear weight ({@code in_proj_weight}, {@code out_proj}, {@code linear1},
     * {@code linear2} of each layer) pruned by {@code sparsifier} and run by the sparse kernels. A snapshot:
     * the modules' parameters are not changed, and later changes to them are not seen.
     */
    public EncoderInference inference(Sparsifier<? extends SparseMatrix> sparsifier) {
        if (sparsifier == null) throw new IllegalArgumentException("sparsifier is null; use inference() for dense weights");
        return EncoderInference.sparse(layers, norm, sparsifier);
    }

    public List<TransformerEncoderLayer> layers() {
        return layers;
    }

    /** The final norm, or null. */
    public LayerNorm norm() {
        return norm;
    }
}
