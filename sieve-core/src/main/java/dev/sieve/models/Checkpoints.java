package dev.sieve.models;

import dev.sieve.io.FormatException;
import dev.sieve.io.Safetensors;
import dev.sieve.io.SafetensorsSparse;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;
import dev.sieve.nn.Module;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;

/**
 * Reference-model checkpoints: the state dict as safetensors with PyTorch's parameter names (so
 * {@code safetensors.torch.load_file} + {@code load_state_dict} works on the matching PyTorch module),
 * plus metadata {@code "format": "pt"} and {@code "model": <reference model name>} so Sieve can rebuild the
 * model without being told what it is.
 *
 * <p>A {@link Linear} whose weight is sparse is stored by the sparse-safetensors convention
 * ({@link SafetensorsSparse}: e.g. {@code fc1.weight.crow_indices}, {@code .col_indices}, {@code .values}
 * and a {@code __metadata__} entry {@code fc1.weight} giving layout and shape), not as its training-time
 * {@code weight_values}; loading switches that layer of the rebuilt model to the stored layout.
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
        Map<String, Tensor> state = module.stateDict();
        for (Map.Entry<String, Module> e : module.namedModules().entrySet()) {
            if (e.getValue() instanceof Linear l && l.isSparse()) {
                String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
                state.remove(prefix + "weight_values");
                SafetensorsSparse.put(b, prefix + "weight", l.sparseWeight().matrix());
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) b.put(e.getKey(), e.getValue());
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
            Set<String> sparseArrays = loadSparseWeights(st, model, path);
            LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
            for (String k : st.names()) {
                if (sparseArrays.contains(k)) continue;
                if (!st.info(k).dtype().isFloatingPoint()) {
                    state.put(k, st.intTensor(k).toFloatTensor());
                } else {
                    state.put(k, st.tensor(k));
                }
            }
            for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
                if (e.getValue() instanceof Linear l && l.isSparse()) {
                    // Already holds the stored values (useSparseWeight); loading them again keeps the dict complete.
                    state.put((e.getKey().isEmpty() ? "" : e.getKey() + ".") + "weight_values", l.sparseWeight().values().value());
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

    /**
     * Switches every Linear whose weight the file stores sparse ({@code <prefix>weight} metadata naming a
     * layout) to that weight; returns the names of the arrays consumed.
     */
    private static Set<String> loadSparseWeights(Safetensors st, Module model, Path path) throws FormatException {
        Set<String> consumed = new HashSet<>();
        Map<String, Module> modules = model.namedModules();
        for (String key : st.metadata().keySet()) {
            if (!(key.equals("weight") || key.endsWith(".weight"))) continue;
            String owner = key.equals("weight") ? "" : key.substring(0, key.length() - ".weight".length());
            if (!(modules.get(owner) instanceof Linear linear)) {
                throw new FormatException(path, "sparse tensor \"" + key + "\" does not belong to a Linear layer of the model");
            }
            SparseMatrix w = SafetensorsSparse.get(st, key);
            try {
                linear.useSparseWeight(w);
            } catch (IllegalArgumentException e) {
                throw new FormatException(path, "sparse tensor \"" + key + "\": " + e.getMessage());
            }
            for (String name : st.names()) if (name.startsWith(key + ".")) consumed.add(name);
        }
        return consumed;
    }
}
