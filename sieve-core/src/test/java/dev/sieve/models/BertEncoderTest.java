package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.EncoderInference;
import dev.sieve.nn.TransformerEncoderLayer;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BertEncoder's shape and names, and its dense and pruned inference paths against the graph path. */
class BertEncoderTest {
    private static final BertEncoder.Config SMALL = BertEncoder.Config.small(2, 16, 4);

    @Test
    void baseConfigAndNames() {
        BertEncoder.Config base = BertEncoder.Config.BASE;
        assertEquals(12, base.layers());
        assertEquals(768, base.hidden());
        assertEquals(12, base.heads());
        assertEquals(3072, base.intermediate());
        assertEquals(1e-12f, base.layerNormEps());
        BertEncoder bert = new BertEncoder(SMALL, 1);
        Map<String, Tensor> state = bert.stateDict();
        assertEquals(24, state.size());
        assertArrayEquals(new int[] {48, 16}, state.get("layers.0.self_attn.in_proj_weight").dims());
        assertArrayEquals(new int[] {64, 16}, state.get("layers.1.linear1.weight").dims());
        TransformerEncoderLayer l = bert.layers().get(1);
        assertEquals(TransformerEncoderLayer.Activation.GELU, l.activation());
        assertTrue(l.batchFirst() && !l.normFirst());
        assertThrows(IllegalArgumentException.class, () -> new BertEncoder.Config(2, 10, 3, 40, 1e-12f, 0.1));
    }

    @Test
    void inferencePathMatchesGraphPath() {
        BertEncoder bert = new BertEncoder(SMALL, 2);
        bert.eval();
        Tensor x = Tensor.randn(3, 2, 7, 16);
        Tensor graph = bert.forward(Variable.parameter(x)).value();
        assertArrayEquals(new int[] {2, 7, 16}, graph.dims());
        try (NoGrad ignored = NoGrad.enter()) {
            assertClose(graph, bert.forward(Variable.constant(x)).value(), 2e-5f);
        }
        assertClose(graph, bert.inference().forward(x, true, null, null), 2e-5f);
    }

    @Test
    void prunedInferenceEqualsDenseOnPrunedWeights() {
        Tensor x = Tensor.randn(4, 2, 5, 16);
        for (String name : new String[] {"csr", "bsr:4x4", "nm:2:4", "tw:16", "nmg:2:4:2"}) {
            Layout layout = Layout.parse(name);
            Sparsifier<? extends SparseMatrix> s = Sparsifiers.forLayout(layout, layout.impliedSparsity().orElse(0.75));
            BertEncoder bert = new BertEncoder(SMALL, 5);
            EncoderInference sparse = bert.inference(s);
            long[] counts = sparse.linearWeightCounts();
            assertTrue(counts[0] < counts[1] * 0.6, name + ": " + counts[0] + " of " + counts[1] + " kept");
            // the same weights pruned in place, run densely
            for (TransformerEncoderLayer l : bert.layers()) {
                for (Variable w : new Variable[] {l.selfAttn().inProjWeight(), l.selfAttn().outProj().weight(), l.linear1().weight(),
                        l.linear2().weight()}) {
                    Tensor pruned = s.sparsify(w.value().copy()).toDense();
                    System.arraycopy(pruned.data(), pruned.offset(), w.value().data(), 0, w.value().size());
                }
            }
            assertClose(bert.inference().forward(x, true, null, null), sparse.forward(x, true, null, null), 2e-5f);
        }
    }

    @Test
    void profilingCountsEveryStage() {
        BertEncoder bert = new BertEncoder(SMALL, 6);
        EncoderInference inf = bert.inference();
        inf.setProfiling(true);
        inf.forward(Tensor.randn(7, 1, 4, 16), true, null, null);
        Map<EncoderInference.Stage, Double> p = inf.profileMillis();
        assertEquals(EncoderInference.Stage.values().length, p.size());
        for (var e : p.entrySet()) assertTrue(e.getValue() > 0, "no time for " + e.getKey());
        inf.resetProfile();
        assertEquals(0.0, inf.profileMillis().get(EncoderInference.Stage.FFN1));
    }

    private static void assertClose(Tensor expected, Tensor actual, float tol) {
        assertArrayEquals(expected.dims(), actual.dims());
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[expected.offset() + i], a = actual.data()[actual.offset() + i];
            assertEquals(e, a, tol * Math.max(1f, Math.abs(e)), "element " + i);
        }
    }
}
