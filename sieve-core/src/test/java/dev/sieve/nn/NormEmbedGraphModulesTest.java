package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BatchNorm1d/2d, Embedding and GraphConv as modules: names, init, modes, buffers, errors, gradients. */
class NormEmbedGraphModulesTest {
    // ---- batch norm ---------------------------------------------------------------------------

    @Test
    void batchNormStateDictHasPyTorchNamesAndOrder() {
        BatchNorm2d bn = new BatchNorm2d(3);
        var sd = bn.stateDict();
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"), List.copyOf(sd.keySet()));
        assertArrayEquals(new float[] {1, 1, 1}, sd.get("weight").toArray());
        assertArrayEquals(new float[] {0, 0, 0}, sd.get("bias").toArray());
        assertArrayEquals(new float[] {0, 0, 0}, sd.get("running_mean").toArray());
        assertArrayEquals(new float[] {1, 1, 1}, sd.get("running_var").toArray());
        assertArrayEquals(new int[0], sd.get("num_batches_tracked").dims());
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertEquals(List.of("running_mean", "running_var"), List.copyOf(new BatchNorm1d(2, 1e-5, 0.1, false, true).stateDict().keySet())
                .subList(0, 2));
    }

    @Test
    void evaluationUsesRunningStatisticsAndTrainingUpdatesThem() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.randn(1, 8, 2).mul(3f).add(5f);
        bn.eval();
        Tensor atInit = bn.forward(Variable.constant(x)).value();
        float s = (float) (1 / Math.sqrt(1 + 1e-5));
        assertArrayEquals(x.mul(s).toArray(), atInit.toArray(), 1e-5f, "running mean 0, variance 1 at init");
        assertEquals(0, bn.numBatchesTracked(), "eval does not count batches");
        bn.train();
        try (NoGrad g = NoGrad.enter()) {
            bn.forward(Variable.constant(x)); // like PyTorch, statistics are tracked under no_grad too
        }
        assertEquals(1, bn.numBatchesTracked());
        Tensor mean = x.mean(0);
        assertArrayEquals(mean.mul(0.1f).toArray(), bn.runningMean().toArray(), 1e-5f);
        bn.eval();
        Tensor after = bn.forward(Variable.constant(x)).value();
        assertNotEquals(atInit.get(0, 0), after.get(0, 0));
    }

    @Test
    void nullMomentumIsTheCumulativeAverage() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, null, true, true);
        Tensor sum = Tensor.zeros(3);
        for (int k = 0; k < 4; k++) {
            Tensor x = Tensor.randn(10 + k, 5, 3).add(k);
            bn.forward(Variable.constant(x));
            sum = sum.add(x.mean(0));
        }
        assertEquals(4, bn.numBatchesTracked());
        assertArrayEquals(sum.div(4f).toArray(), bn.runningMean().toArray(), 1e-5f);
    }

    @Test
    void withoutRunningStatisticsEvaluationUsesTheBatch() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, true, false);
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.stateDict().keySet()));
        Tensor x = Tensor.randn(2, 6, 2).add(4f);
        Tensor train = bn.forward(Variable.constant(x)).value();
        bn.eval();
        assertArrayEquals(train.toArray(), bn.forward(Variable.constant(x)).value().toArray());
        assertEquals(0, bn.numBatchesTracked());
    }

    @Test
    void batchNormRejectsBadInputsWithoutCountingThem() {
        BatchNorm1d bn1 = new BatchNorm1d(4);
        assertThrows(IllegalArgumentException.class, () -> bn1.forward(Variable.constant(Tensor.zeros(3, 5))), "wrong channels");
        assertThrows(IllegalArgumentException.class, () -> bn1.forward(Variable.constant(Tensor.zeros(2, 4, 2, 2))), "rank 4");
        assertThrows(IllegalArgumentException.class, () -> bn1.forward(Variable.constant(Tensor.zeros(1, 4))), "one value per channel");
        assertEquals(0, bn1.numBatchesTracked());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2).forward(Variable.constant(Tensor.zeros(2, 2, 3))));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2, 1e-5, 1.5, true, true));
        bn1.eval();
        assertEquals(4, bn1.forward(Variable.constant(Tensor.zeros(1, 4))).value().size(), "one example is fine in eval mode");
    }

    @Test
    void batchNorm2dGradientsThroughALoss() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.loadStateDict(Map.of("weight", Tensor.of(new float[] {0.7f, 1.3f}, 2), "bias", Tensor.of(new float[] {0.1f, -0.2f}, 2),
                "running_mean", Tensor.zeros(2), "running_var", Tensor.full(1f, 2), "num_batches_tracked", Tensor.scalar(0f)));
        Variable x = Variable.parameter(Tensor.randn(3, 2, 2, 2, 3).mul(2f));
        FiniteDiff.check("batchNorm2d", () -> Functions.sum(Functions.tanh(bn.forward(x))), x, bn.weight(), bn.bias());
    }

    // ---- embedding ----------------------------------------------------------------------------

    @Test
    void embeddingInitLooksUpAndZeroesThePaddingRow() {
        Embedding e = new Embedding(200, 50, 7);
        float[] w = e.weight().value().toArray();
        double mean = 0, sq = 0;
        for (float v : w) mean += v;
        mean /= w.length;
        for (float v : w) sq += (v - mean) * (v - mean);
        assertEquals(0, mean, 0.03);
        assertEquals(1, Math.sqrt(sq / w.length), 0.03);
        assertArrayEquals(w, new Embedding(200, 50, 7).weight().value().toArray(), "seeded");
        assertEquals(List.of("weight"), List.copyOf(e.stateDict().keySet()));

        Embedding p = new Embedding(5, 3, -1, 7);
        assertEquals(4, p.paddingIdx().getAsInt(), "negative padding index counts from the end");
        assertArrayEquals(new float[3], p.weight().value().row(4).toArray());
        Variable y = p.forward(4, 0, 4);
        assertArrayEquals(new int[] {3, 3}, y.dims());
        assertArrayEquals(p.weight().value().row(0).toArray(), y.value().row(1).toArray());
        assertArrayEquals(new int[] {2, 2, 3}, p.forward(IntTensor.of(new long[] {1, 2, 3, 4}, 2, 2)).dims());
    }

    @Test
    void paddingRowStaysFixedUnderTraining() {
        Embedding e = new Embedding(6, 4, 0, 3);
        SGD opt = new SGD(e.parameters(), 0.5);
        for (int step = 0; step < 3; step++) {
            opt.zeroGrad();
            Functions.sum(Functions.mul(e.forward(0, 1, 0, 2), e.forward(0, 1, 0, 2))).backward();
            opt.step();
        }
        assertArrayEquals(new float[4], e.weight().value().row(0).toArray());
    }

    @Test
    void embeddingErrorsNameTheProblem() {
        Embedding e = new Embedding(4, 2, 1);
        var ex = assertThrows(IllegalArgumentException.class, () -> e.forward(0, 4));
        assertTrue(ex.getMessage().contains("index 4 at position 1") && ex.getMessage().contains("[0, 4)"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.forward(-1));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, -5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 2, 1));
    }

    // ---- graph convolution --------------------------------------------------------------------

    /** Undirected path 0-1-2-3 plus a self loop of weight 2 on node 3 and an isolated node 4. */
    private static Tensor graph() {
        Tensor a = Tensor.zeros(5, 5);
        for (int[] e : new int[][] {{0, 1}, {1, 2}, {2, 3}}) {
            a.set(1f, e[0], e[1]);
            a.set(1f, e[1], e[0]);
        }
        a.set(2f, 3, 3);
        return a;
    }

    private static Tensor denseNormalized(Tensor a, boolean selfLoops) {
        int n = a.dim(0);
        Tensor t = selfLoops ? a.add(identity(n)) : a.copy();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i] += t.get(i, j);
        Tensor out = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double di = d[i] > 0 ? 1 / Math.sqrt(d[i]) : 0, dj = d[j] > 0 ? 1 / Math.sqrt(d[j]) : 0;
                out.set((float) (di * t.get(i, j) * dj), i, j);
            }
        return out;
    }

    private static Tensor identity(int n) {
        Tensor t = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) t.set(1f, i, i);
        return t;
    }

    @Test
    void normalizedAdjacencyMatchesTheDenseFormula() {
        Tensor a = graph();
        for (boolean loops : new boolean[] {true, false}) {
            CsrMatrix n = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(a), loops);
            assertArrayEquals(denseNormalized(a, loops).toArray(), n.toDense().toArray(), 1e-6f, "self loops " + loops);
            assertArrayEquals(n.toDense().toArray(), GraphConv.normalizedAdjacency(CooMatrix.fromDense(a), loops).toDense().toArray());
        }
        CsrMatrix withLoops = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(a), true);
        assertEquals(CsrMatrix.fromDense(a).nnz() + 4, withLoops.nnz(), "diagonal added where missing, merged where stored");
        assertEquals(1f, withLoops.toDense().get(4, 4), 1e-6f, "isolated node: its own self loop");
        assertEquals(0f, GraphConv.normalizedAdjacency(CsrMatrix.fromDense(a), false).toDense().get(4, 4), "degree 0: zero row");
        assertThrows(IllegalArgumentException.class, () -> GraphConv.normalizedAdjacency(CsrMatrix.fromDense(Tensor.zeros(2, 3)), true));
    }

    @Test
    void graphConvNamesInitAndDenseEquivalence() {
        GraphConv conv = new GraphConv(6, 4, 11);
        assertEquals(List.of("bias", "lin.weight"), List.copyOf(conv.stateDict().keySet()), "PyG GCNConv's names");
        float bound = (float) Math.sqrt(6.0 / (6 + 4));
        float max = 0;
        for (float v : conv.lin().weight().value().toArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.7f * bound, "glorot U(±" + bound + "), max " + max);
        assertArrayEquals(new float[4], conv.bias().value().toArray());

        CsrMatrix aHat = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(graph()), true);
        Tensor dense = aHat.toDense();
        for (int[] io : new int[][] {{6, 4}, {3, 7}}) { // both product orders
            GraphConv g = new GraphConv(io[0], io[1], 5);
            g.bias().value().data()[0] = 0.5f;
            Tensor h = Tensor.randn(6, 5, io[0]);
            Tensor expected = dense.matmul(h.matmul(g.lin().weight().value().t())).add(g.bias().value());
            assertArrayEquals(expected.toArray(), g.forward(aHat, Variable.constant(h)).value().toArray(), 1e-5f);
            Variable hv = Variable.parameter(h);
            g.useAdjacency(aHat);
            FiniteDiff.check("graphConv " + io[0] + "->" + io[1], () -> Functions.sum(Functions.tanh(g.forward(hv))),
                    hv, g.lin().weight(), g.bias());
        }
    }

    @Test
    void graphConvOnADirectedGraphUsesTheTranspose() {
        Tensor a = Tensor.zeros(4, 4);
        a.set(1f, 0, 1);
        a.set(2f, 1, 2);
        a.set(0.5f, 3, 0);
        CsrMatrix aHat = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(a), true);
        GraphConv g = new GraphConv(3, 2, 4).useAdjacency(aHat);
        Variable h = Variable.parameter(Tensor.randn(8, 4, 3));
        FiniteDiff.check("directed", () -> Functions.sum(Functions.tanh(g.forward(h))), h, g.lin().weight(), g.bias());
    }

    @Test
    void graphConvWeightCanBeSparse() {
        CsrMatrix aHat = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(graph()), true);
        GraphConv g = new GraphConv(8, 4, 2).useAdjacency(aHat);
        g.lin().sparsify(Sparsifiers.forLayout(Layout.parse("nm:2:4")));
        assertEquals(List.of("bias", "lin.weight_values"), List.copyOf(g.namedParameters().keySet()));
        Tensor h = Tensor.randn(3, 5, 8);
        Tensor expected = aHat.toDense().matmul(h.matmul(g.lin().denseWeight().t()));
        assertArrayEquals(expected.toArray(), g.forward(Variable.constant(h)).value().toArray(), 1e-5f);
    }

    @Test
    void graphConvErrors() {
        GraphConv g = new GraphConv(3, 2, 1);
        assertThrows(IllegalStateException.class, () -> g.forward(Variable.constant(Tensor.zeros(5, 3))), "no adjacency");
        CsrMatrix a = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(graph()), true);
        assertThrows(IllegalArgumentException.class, () -> g.forward(a, Variable.constant(Tensor.zeros(4, 3))), "node count");
        assertThrows(IllegalArgumentException.class, () -> g.forward(a, Variable.constant(Tensor.zeros(5, 2))), "feature count");
        assertThrows(IllegalArgumentException.class, () -> g.useAdjacency(CsrMatrix.fromDense(Tensor.zeros(2, 3))));
    }
}
