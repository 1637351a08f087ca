package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Adam;
import dev.sieve.nn.MSELoss;
import dev.sieve.nn.SparseLinear;
import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseAutoencoderTest {
    /** 16 "images": non-negative mixtures of 6 fixed random patterns, so a 64-wide code can capture them. */
    private static Tensor data() {
        Tensor patterns = Tensor.uniform(1, 0, 1, 6, SparseAutoencoder.IN);
        Tensor weights = Tensor.uniform(2, 0, 1, 16, 6);
        return weights.matmul(patterns).div(3f);
    }

    @Test
    void namesAndShapesMatchThePyTorchModule() {
        SparseAutoencoder m = new SparseAutoencoder(1);
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                "decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias"), List.copyOf(m.stateDict().keySet()));
        assertArrayEquals(new int[] {256, 784}, m.stateDict().get("encoder.0.weight").dims());
        assertArrayEquals(new int[] {64, 256}, m.stateDict().get("encoder.2.weight").dims());
        assertArrayEquals(new int[] {784, 256}, m.stateDict().get("decoder.2.weight").dims());
        Tensor x = Tensor.uniform(3, 0, 1, 2, 28, 28);
        assertArrayEquals(new int[] {2, 784}, m.forward(Variable.constant(x)).dims());
        assertArrayEquals(new int[] {2, 64}, m.encode(Variable.constant(x.reshape(2, 784))).dims());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Variable.constant(Tensor.zeros(2, 783))));
    }

    @Test
    void toSparseKeepsTheDenseModelAndPrunesEveryLinear() {
        SparseAutoencoder dense = new SparseAutoencoder(4);
        SparseAutoencoder sparse = dense.toSparse(Layout.parse("csr"), 0.9);
        assertFalse(dense.isSparse());
        assertTrue(sparse.isSparse());
        assertTrue(sparse.encoder().get(0) instanceof SparseLinear && sparse.decoder().get(2) instanceof SparseLinear);
        assertEquals("encoder.0.weight_values", sparse.stateDict().keySet().iterator().next());
        SparseLinear first = (SparseLinear) sparse.encoder().get(0);
        assertEquals(0.9, first.weight().pattern().sparsity(), 1e-3);
        // The kept weights are the dense model's largest ones.
        Tensor w = ((dev.sieve.nn.Linear) dense.encoder().get(0)).weight().value(), kept = first.weight().matrix().toDense();
        float smallestKept = Float.MAX_VALUE, largestDropped = 0;
        for (int i = 0; i < w.size(); i++) {
            float v = Math.abs(w.data()[i]);
            if (kept.data()[i] != 0) {
                assertEquals(w.data()[i], kept.data()[i]);
                smallestKept = Math.min(smallestKept, v);
            } else {
                largestDropped = Math.max(largestDropped, v);
            }
        }
        assertTrue(largestDropped <= smallestKept);
        SparseAutoencoder twoFour = SparseAutoencoder.sparse(Layout.parse("nm:2:4"), 0.5, 4);
        assertEquals(Layout.parse("nm:2:4"), ((SparseLinear) twoFour.decoder().get(0)).weight().pattern().layout());
    }

    @Test
    void l1PenaltyIsLambdaTimesMeanAbsoluteSum() {
        Variable z = Variable.parameter(Tensor.of(new float[] {1, -2, 0.5f, 0, 3, -1}, 2, 3));
        Variable p = SparseAutoencoder.l1Penalty(z, 0.1);
        assertEquals(0.1 * 7.5 / 2, p.value().item(), 1e-6);
        p.backward();
        assertArrayEquals(new float[] {0.05f, -0.05f, 0.05f, 0, 0.05f, -0.05f}, z.grad().toArray(), 1e-7f);
    }

    @Test
    void reconstructionLossDecreasesDenseAndSparse() {
        Tensor x = data();
        for (String layout : new String[] {"dense", "csr"}) {
            SparseAutoencoder m = layout.equals("dense") ? new SparseAutoencoder(5) : SparseAutoencoder.sparse(Layout.parse(layout), 0.8, 5);
            float[] losses = train(m, x, 15);
            assertTrue(losses[1] < 0.5 * losses[0], layout + ": reconstruction loss " + losses[0] + " -> " + losses[1]);

            // State-dict round trip into a model built the same way (a sparse pattern is fixed by seed,
            // layout and sparsity; the state dict holds the values).
            SparseAutoencoder copy = layout.equals("dense") ? new SparseAutoencoder(77) : SparseAutoencoder.sparse(Layout.parse(layout), 0.8, 5);
            copy.loadStateDict(m.stateDict());
            assertArrayEquals(m.forward(Variable.constant(x)).value().toArray(), copy.forward(Variable.constant(x)).value().toArray(), layout);
        }
    }

    /** Adam with an L1 activity penalty on the code; returns the reconstruction loss before and after. */
    private static float[] train(SparseAutoencoder m, Tensor x, int steps) {
        Adam opt = new Adam(m.parameters(), 2e-3);
        MSELoss mse = new MSELoss();
        Variable input = Variable.constant(x);
        float first = mse.forward(m.forward(input), input).value().item();
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Variable code = m.encode(input);
            Variable loss = Functions.add(mse.forward(m.decode(code), input), SparseAutoencoder.l1Penalty(code, 1e-4));
            loss.backward();
            opt.step();
        }
        return new float[] {first, mse.forward(m.forward(input), input).value().item()};
    }
}
