package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sieve.autograd.Variable;
import dev.sieve.golden.Goldens;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d/2d, Embedding and GraphConv against PyTorch 1.13 (scripts/goldens/gen_norm_embed_gcn.py):
 * forward, every gradient, the updated running statistics and the evaluation-mode forward.
 */
class NormEmbedGcnGoldenTest {
    private static final Goldens BN = Goldens.load("batchnorm");

    @Test
    void batchNorm1dOnMatrices() {
        checkBatchNorm("bn1d.", new BatchNorm1d(4), 1);
    }

    @Test
    void batchNorm1dOnSequences() {
        checkBatchNorm("bn1d3.", new BatchNorm1d(3), 1);
    }

    @Test
    void batchNorm2d() {
        checkBatchNorm("bn2d.", new BatchNorm2d(3), 1);
    }

    @Test
    void cumulativeAverageOverTwoSteps() {
        checkBatchNorm("cumulative.", new BatchNorm1d(3, 1e-5, null, true, true), 2);
    }

    @Test
    void withoutAffineOrRunningStatistics() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, false, false);
        assertEquals(0, bn.stateDict().size());
        assertNull(bn.weight());
        checkBatchNorm("plain.", bn, 1);
    }

    private static void checkBatchNorm(String p, BatchNormBase bn, int steps) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        if (bn.weight() != null) {
            state.put("weight", BN.get(p + "weight"));
            state.put("bias", BN.get(p + "bias"));
        }
        if (bn.runningMean() != null) {
            state.put("running_mean", BN.get(p + "running_mean0"));
            state.put("running_var", BN.get(p + "running_var0"));
            state.put("num_batches_tracked", BN.ints(p + "num_batches_tracked0").toFloatTensor());
        }
        bn.loadStateDict(state);
        bn.train();
        for (int step = 0; step < steps; step++) {
            String s = step == 0 ? "" : Integer.toString(step + 1);
            bn.zeroGrad();
            Variable x = Variable.parameter(BN.get(p + "x" + s));
            Variable y = bn.forward(x);
            assertClose(p + "y" + s, BN.get(p + "y" + s), y.value());
            y.backward(BN.get(p + "grad_y" + s));
            assertClose(p + "grad_x" + s, BN.get(p + "grad_x" + s), x.grad());
            if (bn.weight() != null) {
                assertClose(p + "grad_weight" + s, BN.get(p + "grad_weight" + s), bn.weight().grad());
                assertClose(p + "grad_bias" + s, BN.get(p + "grad_bias" + s), bn.bias().grad());
            }
        }
        if (bn.runningMean() != null) {
            assertClose(p + "running_mean", BN.get(p + "running_mean"), bn.runningMean());
            assertClose(p + "running_var", BN.get(p + "running_var"), bn.runningVar());
            assertEquals(BN.ints(p + "num_batches_tracked").getFlat(0), bn.numBatchesTracked());
            assertEquals(0, bn.stateDict().get("num_batches_tracked").rank(), "num_batches_tracked is a scalar like PyTorch's");
        }
        bn.eval();
        Variable xe = Variable.parameter(BN.get(p + "x_eval"));
        Variable ye = bn.forward(xe);
        assertClose(p + "y_eval", BN.get(p + "y_eval"), ye.value());
        ye.backward(BN.get(p + "grad_y_eval"));
        assertClose(p + "grad_x_eval", BN.get(p + "grad_x_eval"), xe.grad());
    }

    @Test
    void embeddingWithAndWithoutPadding() {
        Goldens g = Goldens.load("embedding");
        for (String p : new String[] {"pad.", "nopad."}) {
            Tensor w = g.get(p + "weight");
            Embedding e = p.equals("pad.") ? new Embedding(10, 4, 2, 1) : new Embedding(6, 3, 1);
            assertEquals(w.shape(), e.weight().shape());
            e.loadStateDict(Map.of("weight", w));
            IntTensor idx = g.ints(p + "indices");
            Variable y = e.forward(idx);
            assertClose(p + "y", g.get(p + "y"), y.value(), 0, 0);
            y.backward(g.get(p + "grad_y"));
            assertClose(p + "grad_weight", g.get(p + "grad_weight"), e.weight().grad());
        }
    }

    @Test
    void graphConvInCsrCscAndCoo() {
        Goldens g = Goldens.load("gcn");
        for (String p : new String[] {"sym.", "dir."}) {
            Tensor h = g.get(p + "h"), w = g.get(p + "weight");
            CsrMatrix aHat = GraphConv.normalizedAdjacency(CsrMatrix.fromDense(g.get(p + "adjacency")), true);
            assertClose(p + "a_hat", g.get(p + "a_hat"), aHat.toDense(), 1e-6, 1e-5);
            SparseMatrix[] layouts = {aHat, CscMatrix.fromDense(aHat.toDense()), CooMatrix.fromDense(aHat.toDense())};
            for (SparseMatrix a : layouts) {
                String what = p + a.layout() + " ";
                GraphConv conv = new GraphConv(w.dim(1), w.dim(0), true, 3).useAdjacency(a);
                conv.loadStateDict(Map.of("lin.weight", w, "bias", g.get(p + "bias")));
                Variable x = Variable.parameter(h.copy());
                Variable y = conv.forward(x);
                assertClose(what + "y", g.get(p + "y"), y.value());
                y.backward(g.get(p + "grad_y"));
                assertClose(what + "grad_h", g.get(p + "grad_h"), x.grad());
                assertClose(what + "grad_weight", g.get(p + "grad_weight"), conv.lin().weight().grad());
                assertClose(what + "grad_bias", g.get(p + "grad_bias"), conv.bias().grad());
            }
        }
    }
}
