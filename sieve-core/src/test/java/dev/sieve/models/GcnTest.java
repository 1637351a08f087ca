package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.GraphConv;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GcnTest {
    private static final int COMMUNITIES = 3, PER_COMMUNITY = 40, NODES = COMMUNITIES * PER_COMMUNITY, FEATURES = 8;
    private static final int LABELLED_PER_CLASS = 4;

    /** A stochastic block model: edges inside a community with probability 0.2, across with 0.01. */
    private static CsrMatrix blockModel(SplittableRandom r) {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
            for (int j = i + 1; j < NODES; j++) {
                double p = i / PER_COMMUNITY == j / PER_COMMUNITY ? 0.2 : 0.01;
                if (r.nextDouble() < p) {
                    edges.add(new int[] {i, j});
                    edges.add(new int[] {j, i});
                }
            }
        int[] rows = new int[edges.size()], cols = new int[edges.size()];
        float[] ones = new float[edges.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = edges.get(k)[0];
            cols[k] = edges.get(k)[1];
            ones[k] = 1f;
        }
        return new CooMatrix(NODES, NODES, rows, cols, ones).toCsr();
    }

    /**
     * Features too noisy to classify a node alone: N(0, 1) with the community's mean shifted by 0.6 in one
     * coordinate, so the graph (averaging over neighbours) is what makes the task solvable.
     */
    private static Tensor features(SplittableRandom r) {
        Tensor x = Tensor.zeros(NODES, FEATURES);
        for (int i = 0; i < NODES; i++) {
            for (int f = 0; f < FEATURES; f++) x.set((float) gaussian(r), i, f);
            x.set(x.get(i, i / PER_COMMUNITY) + 0.6f, i, i / PER_COMMUNITY);
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void parameterNamesMatchPyTorchGeometric() {
        Gcn m = new Gcn(FEATURES, 16, COMMUNITIES, 1);
        assertEquals(List.of("conv1.bias", "conv1.lin.weight", "conv2.bias", "conv2.lin.weight"), List.copyOf(m.stateDict().keySet()));
        assertArrayEquals(new int[] {16, FEATURES}, m.stateDict().get("conv1.lin.weight").dims());
        assertArrayEquals(new int[] {COMMUNITIES, 16}, m.stateDict().get("conv2.lin.weight").dims());
        assertThrows(IllegalStateException.class, () -> m.forward(Variable.constant(Tensor.zeros(4, FEATURES))));
    }

    @Test
    void learnsStochasticBlockModelCommunitiesFromAFewLabels() {
        SplittableRandom r = new SplittableRandom(42);
        CsrMatrix aHat = GraphConv.normalizedAdjacency(blockModel(r), true);
        Tensor x = features(r);
        int[] labels = new int[NODES];
        for (int i = 0; i < NODES; i++) labels[i] = i / PER_COMMUNITY;
        // Semi-supervised, as Kipf & Welling: the loss sees the first few nodes of each community only.
        int[] train = new int[COMMUNITIES * LABELLED_PER_CLASS];
        for (int c = 0; c < COMMUNITIES; c++)
            for (int k = 0; k < LABELLED_PER_CLASS; k++) train[c * LABELLED_PER_CLASS + k] = c * PER_COMMUNITY + k;
        int[] trainLabels = new int[train.length];
        for (int k = 0; k < train.length; k++) trainLabels[k] = labels[train[k]];

        Gcn model = new Gcn(aHat, FEATURES, 16, COMMUNITIES, 0.5, 7);
        Adam opt = new Adam(model.parameters(), 0.03, 0.9, 0.999, 1e-8, 5e-4);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Variable features = Variable.constant(x);
        model.train();
        for (int epoch = 0; epoch < 40; epoch++) {
            opt.zeroGrad();
            Variable logits = model.forward(features);
            ce.forward(Functions.cat(0, rowsOf(logits, train)), trainLabels).backward();
            opt.step();
        }
        model.eval();
        Tensor logits = model.forward(features).value();
        int correct = 0, unlabelled = 0;
        for (int i = 0; i < NODES; i++) {
            if (i % PER_COMMUNITY < LABELLED_PER_CLASS) continue;
            unlabelled++;
            if (logits.row(i).argmax() == labels[i]) correct++;
        }
        double accuracy = (double) correct / unlabelled;
        assertTrue(accuracy >= 0.9, "accuracy on unlabelled nodes " + accuracy);

        // State-dict round trip: a differently seeded model with this state gives the same logits.
        Gcn copy = new Gcn(FEATURES, 16, COMMUNITIES, 99);
        copy.loadStateDict(model.stateDict());
        copy.eval();
        assertArrayEquals(logits.toArray(), copy.forward(aHat, features).value().toArray());
    }

    private static Variable[] rowsOf(Variable x, int[] rows) {
        Variable[] out = new Variable[rows.length];
        for (int k = 0; k < rows.length; k++) out[k] = Functions.narrow(x, 0, rows[k], 1);
        return out;
    }

    @Test
    void featuresAloneDoNotSolveTheTask() {
        // The best per-node guess (the largest shifted coordinate) gets 66 of 120 (55%); the GCN above
        // gets 98-99% of the unlabelled nodes.
        SplittableRandom r = new SplittableRandom(42);
        blockModel(r);
        Tensor x = features(r);
        int correct = 0;
        for (int i = 0; i < NODES; i++) {
            int best = 0;
            for (int c = 1; c < COMMUNITIES; c++) if (x.get(i, c) > x.get(i, best)) best = c;
            if (best == i / PER_COMMUNITY) correct++;
        }
        assertTrue(correct < 0.65 * NODES, "per-node features classify " + correct + " of " + NODES);
    }
}
