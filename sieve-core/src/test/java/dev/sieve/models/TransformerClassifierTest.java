package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TransformerClassifier: names and shapes, patch order, input forms, eval path, and that it learns. */
class TransformerClassifierTest {
    @Test
    void namesAndShapes() {
        TransformerClassifier net = new TransformerClassifier(1);
        Map<String, Tensor> state = net.stateDict();
        assertEquals(List.of("pos_embed", "patch_embed.weight", "patch_embed.bias"), List.copyOf(state.keySet()).subList(0, 3));
        assertArrayEquals(new int[] {1, 16, 64}, state.get("pos_embed").dims());
        assertArrayEquals(new int[] {64, 49}, state.get("patch_embed.weight").dims());
        assertArrayEquals(new int[] {192, 64}, state.get("encoder.layers.1.self_attn.in_proj_weight").dims());
        assertArrayEquals(new int[] {128, 64}, state.get("encoder.layers.0.linear1.weight").dims());
        assertArrayEquals(new int[] {10, 64}, state.get("head.weight").dims());
        assertTrue(state.containsKey("norm.bias"));
        assertEquals(3 + 2 * 12 + 4, state.size());
        assertTrue(net.encoder().layers().get(0).normFirst());
    }

    @Test
    void inputFormsAgreeAndEvalPathMatches() {
        TransformerClassifier net = new TransformerClassifier(2);
        Tensor x = Tensor.randn(3, 5, 784);
        Tensor flat = net.forward(Variable.constant(x)).value();
        assertArrayEquals(new int[] {5, 10}, flat.dims());
        assertArrayEquals(flat.toArray(), net.forward(Variable.constant(x.reshape(5, 28, 28))).value().toArray());
        assertArrayEquals(flat.toArray(), net.forward(Variable.constant(x.reshape(5, 1, 28, 28))).value().toArray());
        net.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            float[] fast = net.forward(Variable.constant(x)).value().toArray();
            for (int i = 0; i < fast.length; i++) assertEquals(flat.toArray()[i], fast[i], 1e-4f);
        }
        assertThrows(IllegalArgumentException.class, () -> net.forward(Variable.constant(Tensor.zeros(2, 783))));
    }

    @Test
    void patchesAreSevenBySevenBlocks() {
        // an image whose pixel value is its patch index: the classifier's patch split gives 49 equal values per token
        Tensor img = Tensor.zeros(1, 28, 28);
        for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) img.set((r / 7) * 4 + c / 7, 0, r, c);
        Variable patches = dev.sieve.autograd.Functions.reshape(dev.sieve.autograd.Functions.permute(
                dev.sieve.autograd.Functions.reshape(Variable.constant(img), 1, 4, 7, 4, 7), 0, 1, 3, 2, 4), 1, 16, 49);
        for (int p = 0; p < 16; p++) for (int i = 0; i < 49; i++) assertEquals(p, patches.value().get(0, p, i));
    }

    @Test
    void learnsASmallBatch() {
        TransformerClassifier net = new TransformerClassifier(4);
        Tensor x = Tensor.randn(5, 10, 784);
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) y[i] = i;
        Adam opt = new Adam(net.parameters(), 3e-3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        float first = 0, last = 0;
        for (int step = 0; step < 12; step++) {
            opt.zeroGrad();
            Variable loss = ce.forward(net.forward(Variable.constant(x)), y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.value().item();
            last = loss.value().item();
        }
        assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
    }
}
