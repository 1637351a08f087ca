package dev.sieve.models;

import dev.sieve.nn.Init;
import dev.sieve.nn.TransformerEncoder;
import dev.sieve.nn.TransformerEncoderLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A BERT-shaped encoder stack over hidden states: {@code layers} post-norm transformer blocks of width
 * {@code hidden} with {@code heads} heads, a GELU feed-forward of width {@code intermediate}, and layer norm
 * eps 1e-12 as BERT. {@link Config#BASE} is BERT-base (12 layers, 768, 12 heads, 3072). Embeddings and
 * pooler are not part of it: the input is {@code [batch, seq, hidden]} (batch-first), the output has the
 * same shape.
 *
 * <p>It is a {@link TransformerEncoder}, so parameter names are {@code layers.0.self_attn.in_proj_weight},
 * ..., {@code layers.11.norm2.bias} (PyTorch's {@code nn.TransformerEncoderLayer} names, not Hugging Face's),
 * and {@link #inference()} / {@link #inference(dev.sieve.sparse.Sparsifier)} give the dense and pruned
 * inference paths. Layers are initialised independently (PyTorch's layer init, seeded).
 */
public final class BertEncoder extends TransformerEncoder {
    /** Sizes of the stack. */
    public record Config(int layers, int hidden, int heads, int intermediate, float layerNormEps, double dropout) {
        /** BERT-base: 12 layers, hidden 768, 12 heads, feed-forward 3072, eps 1e-12, dropout 0.1. */
        public static final Config BASE = new Config(12, 768, 12, 3072, 1e-12f, 0.1);
        /** BERT-Tiny (Turc et al., 2019): 2 layers, hidden 128, 2 heads, feed-forward 512. */
        public static final Config TINY = new Config(2, 128, 2, 512, 1e-12f, 0.1);

        public Config {
            if (layers < 1 || hidden < 1 || heads < 1 || intermediate < 1) {
                throw new IllegalArgumentException("BERT config sizes must be positive: layers " + layers + ", hidden " + hidden
                        + ", heads " + heads + ", intermediate " + intermediate);
            }
            if (hidden % heads != 0) throw new IllegalArgumentException("hidden " + hidden + " is not divisible by heads " + heads);
        }

        /** A smaller stack of the same shape rules (for tests): intermediate = 4 · hidden, BERT's eps and dropout. */
        public static Config small(int layers, int hidden, int heads) {
            return new Config(layers, hidden, heads, 4 * hidden, BASE.layerNormEps(), BASE.dropout());
        }
    }

    private final Config config;

    /** BERT-base, initialised from the global generator. */
    public BertEncoder() {
        this(Config.BASE, Init.nextSeed());
    }

    /** BERT-base, initialised from {@code seed}. */
    public BertEncoder(long seed) {
        this(Config.BASE, seed);
    }

    public BertEncoder(Config config, long seed) {
        super(layers(config, seed), null);
        this.config = config;
    }

    private static List<TransformerEncoderLayer> layers(Config c, long seed) {
        if (c == null) throw new IllegalArgumentException("config is null");
        SplittableRandom seeds = new SplittableRandom(seed);
        List<TransformerEncoderLayer> out = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            out.add(new TransformerEncoderLayer(c.hidden(), c.heads(), c.intermediate(), c.dropout(),
                    TransformerEncoderLayer.Activation.GELU, c.layerNormEps(), true, false, seeds.nextLong()));
        }
        return out;
    }

    public Config config() {
        return config;
    }
}
