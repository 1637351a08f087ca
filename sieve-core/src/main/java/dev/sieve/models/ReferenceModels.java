package dev.sieve.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reference image classifiers for Fashion-MNIST (28x28 grey images, 10 classes), by CLI name. */
public final class ReferenceModels {
    private static final Map<String, ReferenceModel> MODELS = new LinkedHashMap<>();

    static {
        add(new ReferenceModel("mlp", "MLP 784-300-100-10, ReLU", new int[] {Mlp.IN}, Mlp::new));
        add(new ReferenceModel("cnn", "CNN conv32-pool-conv64-pool-fc128 (3x3 convolutions, ReLU, 2x2 max pooling)",
                new int[] {1, 28, 28}, Cnn::new));
        add(new ReferenceModel("lstm", "LSTM over image rows (28 steps of 28 pixels, hidden 128) + Linear(128, 10)",
                new int[] {28, 28}, LstmClassifier::new));
        add(new ReferenceModel("transformer", "Transformer encoder over 16 patches of 7x7 (d 64, 2 layers, 4 heads) + Linear(64, 10)",
                new int[] {1, 28, 28}, TransformerClassifier::new));
    }

    private ReferenceModels() {}

    private static void add(ReferenceModel m) {
        MODELS.put(m.name(), m);
    }

    /** The model called {@code name}, if there is one. */
    public static Optional<ReferenceModel> find(String name) {
        return Optional.ofNullable(MODELS.get(name));
    }

    /** All names, in a stable order. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }
}
