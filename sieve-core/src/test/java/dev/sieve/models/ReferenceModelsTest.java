package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.io.FormatException;
import dev.sieve.io.Safetensors;
import dev.sieve.nn.Layer;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every reference model: deterministic from its seed, classifies a batch, round-trips through a checkpoint. */
class ReferenceModelsTest {
    @TempDir
    Path tmp;

    static java.util.List<String> names() {
        return ReferenceModels.names();
    }

    static Tensor batch(ReferenceModel ref, int n) {
        int[] ex = ref.exampleDims();
        int[] dims = new int[ex.length + 1];
        dims[0] = n;
        System.arraycopy(ex, 0, dims, 1, ex.length);
        return Tensor.randn(5, dims);
    }

    static Tensor logits(Layer m, Tensor x) {
        try (NoGrad ignored = NoGrad.enter()) {
            m.eval();
            return m.forward(Variable.constant(x.copy())).value();
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void checkpointRoundTripGivesTheSameLogits(String name) throws IOException {
        ReferenceModel ref = ReferenceModels.find(name).orElseThrow();
        Layer a = ref.create(11);
        Tensor x = batch(ref, 3);
        Tensor ya = logits(a, x);
        assertArrayEquals(new int[] {3, 10}, ya.dims(), name);
        assertArrayEquals(ya.toArray(), logits(ref.create(11), x).toArray(), name + ": same seed, same model");

        Path p = tmp.resolve(name + ".safetensors");
        Checkpoints.save(p, name, a, Map.of("note", "test"));
        Checkpoints.Loaded loaded = Checkpoints.load(p);
        assertEquals(name, loaded.reference().name());
        assertEquals("test", loaded.metadata().get("note"));
        assertArrayEquals(ya.toArray(), logits(loaded.model(), x).toArray(), name + ": logits after the round trip");
        try (Safetensors st = Safetensors.open(p)) {
            assertEquals(a.stateDict().keySet(), new java.util.HashSet<>(st.names()), name + ": PyTorch state-dict names");
        }
    }

    @Test
    void sparseLinearWeightsAreStoredInTheirLayoutAndComeBack() throws IOException {
        Mlp m = new Mlp(3);
        ((dev.sieve.nn.Linear) m.namedModules().get("fc1")).sparsify(dev.sieve.sparse.Sparsifiers.forLayout(dev.sieve.sparse.Layout.parse("csr"), 0.9));
        ((dev.sieve.nn.Linear) m.namedModules().get("fc2")).sparsify(dev.sieve.sparse.Sparsifiers.forLayout(dev.sieve.sparse.Layout.parse("nm:2:4"), 0.5));
        Tensor x = Tensor.randn(8, 4, Mlp.IN);
        Tensor y = logits(m, x);
        Path p = tmp.resolve("sparse.safetensors");
        Checkpoints.save(p, "mlp", m);
        try (Safetensors st = Safetensors.open(p)) {
            assertTrue(st.names().containsAll(java.util.List.of("fc1.weight.crow_indices", "fc1.weight.col_indices", "fc1.weight.values",
                    "fc1.bias", "fc2.bias", "fc3.weight")), st.names().toString());
            assertTrue(st.names().stream().noneMatch(n -> n.contains("weight_values")), st.names().toString());
            assertTrue(st.metadata().get("fc1.weight").contains("\"csr\""), st.metadata().toString());
        }
        Checkpoints.Loaded loaded = Checkpoints.load(p);
        var fc1 = (dev.sieve.nn.Linear) loaded.model().namedModules().get("fc1");
        assertTrue(fc1.isSparse());
        assertEquals("csr", fc1.sparseWeight().pattern().layout().toString());
        assertArrayEquals(y.toArray(), logits(loaded.model(), x).toArray());
    }

    @Test
    void checkpointsWithoutAKnownModelAreFormatErrors() throws IOException {
        Path none = tmp.resolve("none.safetensors");
        Safetensors.write(none, Map.of("w", Tensor.zeros(1)), Map.of());
        assertTrue(assertThrows(FormatException.class, () -> Checkpoints.load(none)).getMessage().contains("not a Sieve reference-model"));
        Path unknown = tmp.resolve("unknown.safetensors");
        Safetensors.write(unknown, Map.of("w", Tensor.zeros(1)), Map.of("model", "resnet"));
        assertTrue(assertThrows(FormatException.class, () -> Checkpoints.load(unknown)).getMessage().contains("unknown model \"resnet\""));
        Path wrong = tmp.resolve("wrong.safetensors");
        Safetensors.write(wrong, Map.of("fc1.weight", Tensor.zeros(1)), Map.of("model", "mlp"));
        assertTrue(assertThrows(FormatException.class, () -> Checkpoints.load(wrong)).getMessage().contains("does not fit model mlp"));
    }
}
