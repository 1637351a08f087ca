package dev.sieve.models;

import dev.sieve.nn.Layer;
import java.util.function.LongFunction;

/**
 * A reference model that the CLI can build by name: how to construct it from a seed, and the shape of one
 * input example (without the batch dimension) it is trained and run on.
 *
 * @param name the CLI name ({@code mlp}, {@code cnn}, ...), also stored in checkpoint metadata
 * @param description one line for help and reports
 * @param exampleDims shape of one example, e.g. {@code [784]} or {@code [1, 28, 28]}
 * @param factory builds the model, deterministically from the seed
 */
public record ReferenceModel(String name, String description, int[] exampleDims, LongFunction<Layer> factory) {
    public ReferenceModel {
        exampleDims = exampleDims.clone();
    }

    @Override
    public int[] exampleDims() {
        return exampleDims.clone();
    }

    /** A fresh model initialised from {@code seed}. */
    public Layer create(long seed) {
        return factory.apply(seed);
    }
}
