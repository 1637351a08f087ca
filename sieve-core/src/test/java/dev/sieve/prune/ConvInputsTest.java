package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.models.Cnn;
import dev.sieve.nn.Conv2d;
import dev.sieve.nn.ReLU;
import dev.sieve.nn.Sequential;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Activation-aware scores (Wanda, SparseGPT) on convolution weights, through the input patches. */
class ConvInputsTest {
    @Test
    void observedPatchesTimesTheWeightViewAreTheConvolution() {
        // Awkward geometry: stride 2 by 1, padding, dilation, a 3x2 kernel, odd sizes.
        Conv2d conv = new Conv2d(3, 5, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 2}, 1, false, 7);
        Tensor x = Tensor.randn(3, 2, 3, 9, 7);
        List<Tensor> seen = new ArrayList<>();
        conv.setInputObserver(t -> seen.add(t.copy()));
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = conv.forward(Variable.constant(x)).value();
        }
        assertEquals(1, seen.size());
        Tensor patches = seen.get(0);
        int n = y.dim(0), out = y.dim(1), positions = y.dim(2) * y.dim(3), cols = 3 * 3 * 2;
        assertArrayEquals(new int[] {n * positions, cols}, patches.dims());
        Tensor w = Masks.matrixView(conv.weight().value());
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                for (int p = 0; p < positions; p++) {
                    double sum = 0;
                    for (int c = 0; c < cols; c++) sum += (double) patches.get(b * positions + p, c) * w.get(o, c);
                    assertEquals(y.data()[((b * out) + o) * positions + p], sum, 1e-4, "image " + b + " channel " + o + " position " + p);
                }
            }
        }
        conv.setInputObserver(null);
        Conv2d grouped = new Conv2d(4, 4, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, 2, true, 1);
        assertThrows(UnsupportedOperationException.class, () -> grouped.setInputObserver(t -> {}));
    }

    @Test
    void wandaPrunesConvWeightsFromTheirPatchNorms() {
        Sequential m = new Sequential(new Conv2d(2, 6, new int[] {3}, new int[] {1}, new int[] {1}, new int[] {1}, 1, true, 3), new ReLU(),
                new Conv2d(6, 4, new int[] {3}, new int[] {2}, new int[] {0}, new int[] {1}, 1, true, 4));
        // Channel 1 of the input is 20x larger than channel 0: Wanda keeps its taps, magnitude would not see it.
        Tensor x = Tensor.randn(11, 8, 2, 10, 10);
        for (int b = 0; b < 8; b++) for (int i = 0; i < 100; i++) x.data()[(b * 2 + 1) * 100 + i] *= 20f;
        Conv2d first = (Conv2d) m.get(0);
        Tensor w0 = Masks.matrixView(first.weight().value()).copy();
        List<Tensor> patches = new ArrayList<>();
        first.setInputObserver(t -> patches.add(t.copy()));
        try (NoGrad ignored = NoGrad.enter()) {
            first.forward(Variable.constant(x));
        }
        first.setInputObserver(null);

        Pruner pruner = Pruner.builder()
                .select("0\\.weight", Scores.wanda(), Targets.unstructuredPerRow(0.5))
                .select("2\\.weight", Scores.sparseGpt(16, 0.01), Targets.unstructured(0.75))
                .build(m);
        pruner.pruneNow(Calibration.inputs(List.of(x)));

        Importance wanda = Scores.wanda().create(w0.dims());
        wanda.observeInput(patches.get(0));
        Tensor expected = Targets.unstructuredPerRow(0.5).mask(wanda.scores(w0), 0.5);
        assertArrayEquals(expected.toArray(), pruner.masks().get("0.weight").toArray());
        // Columns 9..17 are channel 1's taps: every row keeps more of them than of channel 0's.
        Tensor mask = Masks.matrixView(pruner.masks().get("0.weight"));
        for (int r = 0; r < 6; r++) {
            int loud = 0, quiet = 0;
            for (int c = 0; c < 18; c++) {
                if (mask.get(r, c) == 0f) continue;
                if (c >= 9) loud++;
                else quiet++;
            }
            assertTrue(loud > quiet, "row " + r + " keeps " + loud + " loud and " + quiet + " quiet taps");
        }
        assertEquals(0.75, Masks.sparsity(pruner.masks().get("2.weight")), 1e-9);
        pruner.materialize(); // convolutions stay dense with their zeros, observers removed
        assertEquals(0.75, zeros(((Conv2d) m.get(2)).weight().value()), 1e-9);
    }

    @Test
    void theCnnShowsItsFusedFirstConvolutionToWanda() {
        Cnn cnn = new Cnn(5);
        Pruner pruner = Pruner.builder().select("conv1\\.weight|conv2\\.weight", Scores.wanda(), Targets.unstructured(0.5)).build(cnn);
        pruner.pruneNow(Calibration.inputs(List.of(Tensor.uniform(2, 0f, 1f, 4, 1, 28, 28))));
        assertEquals(0.5, pruner.sparsity(), 1e-9);
        assertEquals(0.5, zeros(cnn.namedParameters().get("conv1.weight").value()), 1e-9);
    }

    private static double zeros(Tensor t) {
        int z = 0;
        for (int i = 0; i < t.size(); i++) if (t.data()[t.offset() + i] == 0f) z++;
        return (double) z / t.size();
    }
}
