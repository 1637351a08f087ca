package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Init;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LayerNorm;
import dev.sieve.nn.Linear;
import dev.sieve.nn.TransformerEncoder;
import dev.sieve.nn.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference vision transformer for 28x28 images (Fashion-MNIST): the image is cut into 16 patches of
 * 7x7 (row-major patch order, each patch's pixels row-major), each patch embedded by {@code Linear(49, 64)},
 * a learned positional embedding added, two pre-norm encoder layers (4 heads, feed-forward 128, GELU, no
 * dropout), the tokens mean-pooled, layer-normed, and classified by {@code Linear(64, 10)}.
 *
 * <p>Parameter names match the PyTorch module with attributes {@code pos_embed} ({@code [1, 16, 64]},
 * init N(0, 0.02²)), {@code patch_embed} (Linear), {@code encoder} ({@code nn.TransformerEncoder} of
 * batch-first, norm-first layers: {@code encoder.layers.0.self_attn.in_proj_weight}, ...), {@code norm}
 * and {@code head}. Input {@code [n, 784]}, {@code [n, 28, 28]} or {@code [n, 1, 28, 28]}; output logits
 * {@code [n, 10]}.
 */
public final class TransformerClassifier extends Layer {
    public static final int IMAGE = 28, PATCH = 7, GRID = IMAGE / PATCH, PATCHES = GRID * GRID, PATCH_DIM = PATCH * PATCH;
    public static final int D_MODEL = 64, HEADS = 4, FEEDFORWARD = 128, LAYERS = 2, CLASSES = 10;

    private final Variable posEmbed;
    private final Linear patchEmbed, head;
    private final TransformerEncoder encoder;
    private final LayerNorm norm;

    /** Initialised from the global generator ({@code Init.manualSeed}). */
    public TransformerClassifier() {
        this(Init.nextSeed());
    }

    /** Deterministic initialisation from {@code seed}. */
    public TransformerClassifier(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        this.posEmbed = registerParameter("pos_embed", Variable.parameter(Init.normal(seeds.nextLong(), 0, 0.02, 1, PATCHES, D_MODEL)));
        this.patchEmbed = registerModule("patch_embed", new Linear(PATCH_DIM, D_MODEL, true, seeds.nextLong()));
        List<TransformerEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < LAYERS; i++) {
            layers.add(new TransformerEncoderLayer(D_MODEL, HEADS, FEEDFORWARD, 0.0, TransformerEncoderLayer.Activation.GELU,
                    LayerNorm.DEFAULT_EPS, true, true, seeds.nextLong()));
        }
        this.encoder = registerModule("encoder", new TransformerEncoder(layers, null));
        this.norm = registerModule("norm", new LayerNorm(D_MODEL));
        this.head = registerModule("head", new Linear(D_MODEL, CLASSES, true, seeds.nextLong()));
    }

    @Override
    public Variable forward(Variable x) {
        int[] d = x.dims();
        int pixels = 1;
        for (int i = 1; i < d.length; i++) pixels *= d[i];
        if (d.length < 2 || d.length > 4 || pixels != IMAGE * IMAGE) {
            throw new IllegalArgumentException("TransformerClassifier expects [n, 784], [n, 28, 28] or [n, 1, 28, 28], got "
                    + x.shape());
        }
        int n = d[0];
        // [n, 28, 28] as [n, gridRow, patchRow, gridCol, patchCol] -> [n, gridRow, gridCol, patchRow, patchCol]
        Variable patches = Functions.permute(Functions.reshape(x, n, GRID, PATCH, GRID, PATCH), 0, 1, 3, 2, 4);
        Variable tokens = Functions.add(patchEmbed.forward(Functions.reshape(patches, n, PATCHES, PATCH_DIM)), posEmbed);
        Variable h = encoder.forward(tokens);
        return head.forward(norm.forward(Functions.mean(h, 1, false)));
    }

    public TransformerEncoder encoder() {
        return encoder;
    }
}
