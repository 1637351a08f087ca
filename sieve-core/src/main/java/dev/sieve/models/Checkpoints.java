package dev.sieve.models;

import dev.sieve.io.FormatException;
import dev.sieve.io.Safetensors;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Module;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference-model checkpoints: the state dict as safetensors with PyTorch's parameter names (so
 * {@code safetensors.torch.load_file} + {@code load_state_dict} works on the matching PyTorch module),
 * plus metadata {@code "format": "pt"} and {@code "model": <reference model name>} so Sieve can rebuild the
 * model without being told what it is.
 */
public final class Checkpoints {
    /** Metadata key naming the reference model. */
    public static final String MODEL_KEY = "model";

    private Checkpoints() {}

    /** Metadata keys for the input standardisation the model was trained with ((x − mean) / std). */
    public static final String INPUT_MEAN_KEY = "input_mean", INPUT_STD_KEY = "input_std";

    /** A rebuilt model (in eval mode), the reference model it was built from, and the file's metadata. */
    public record Loaded(ReferenceModel reference, Layer model, Map<String, String> metadata) {}

    /** Writes {@code module}'s state dict atomically, tagged with {@code modelName}. */
    public static void save(Path path, String modelName, Module module) throws IOException {
        save(path, modelName, module, Map.of());
    }

    /** As {@link #save(Path, String, Module)}, with extra metadata entries (e.g. {@link #INPUT_MEAN_KEY}). */
    public static void save(Path path, String modelName, Module module, Map<String, String> extraMetadata) throws IOException {
        Safetensors.Builder b = Safetensors.builder();
        for (Map.Entry<String, Tensor> e : module.stateDict().entrySet()) b.put(e.getKey(), e.getValue());
        b.metadata("format", "pt").metadata(MODEL_KEY, modelName);
        for (Map.Entry<String, String> e : extraMetadata.entrySet()) b.metadata(e.getKey(), e.getValue());
        b.write(path);
    }

    /**
     * Rebuilds the reference model named in the checkpoint's metadata and loads its state dict.
     *
     * @throws FormatException if the file is not valid safetensors, names no or an unknown model, or its
     *     tensors do not match that model's state dict (missing, unexpected or mis-shaped entries)
     */
    public static Loaded load(Path path) throws IOException {
        try (Safetensors st = Safetensors.open(path)) {
            String name = st.metadata().get(MODEL_KEY);
            if (name == null) {
                throw new FormatException(path, "no \"" + MODEL_KEY + "\" in the metadata: not a Sieve reference-model checkpoint"
                        + " (reference models: " + String.join(", ", ReferenceModels.names()) + ")");
            }
            ReferenceModel ref = ReferenceModels.find(name).orElseThrow(() -> new FormatException(path,
                    "unknown model \"" + name + "\" (reference models: " + String.join(", ", ReferenceModels.names()) + ")"));
            Layer model = ref.create(0);
            LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
            for (String k : st.names()) {
                if (!st.info(k).dtype().isFloatingPoint()) {
                    state.put(k, st.intTensor(k).toFloatTensor());
                } else {
                    state.put(k, st.tensor(k));
                }
            }
            try {
                model.loadStateDict(state);
            } catch (IllegalArgumentException e) {
                throw new FormatException(path, "does not fit model " + name + ": " + e.getMessage());
            }
            model.eval();
            return new Loaded(ref, model, Map.copyOf(st.metadata()));
        }
    }
}
