package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nn.LSTM and nn.GRU as modules: names, init, input layouts, states, dropout, threads, errors. */
class RnnModuleTest {
    @Test
    void parameterNamesAndShapesMatchPyTorch() {
        LSTM lstm = new LSTM(5, 3, 2, false, true, 0, true, 1);
        List<String> expected = new ArrayList<>();
        for (String suffix : new String[] {"_l0", "_l0_reverse", "_l1", "_l1_reverse"})
            for (String p : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) expected.add(p + suffix);
        assertEquals(expected, List.copyOf(lstm.stateDict().keySet()));
        var sd = lstm.stateDict();
        assertArrayEquals(new int[] {12, 5}, sd.get("weight_ih_l0").dims());
        assertArrayEquals(new int[] {12, 3}, sd.get("weight_hh_l0_reverse").dims());
        assertArrayEquals(new int[] {12, 6}, sd.get("weight_ih_l1").dims());
        assertArrayEquals(new int[] {12}, sd.get("bias_hh_l1_reverse").dims());

        var gru = new GRU(5, 3, 1, true, false, 1).stateDict();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(gru.keySet()));
        assertArrayEquals(new int[] {9, 5}, gru.get("weight_ih_l0").dims());
    }

    @Test
    void initIsUniformWithinOneOverSqrtHiddenAndSeeded() {
        LSTM a = new LSTM(7, 16, 2, true, true, 3), b = new LSTM(7, 16, 2, true, true, 3);
        double bound = 1 / Math.sqrt(16);
        for (var e : a.stateDict().entrySet()) {
            float[] v = e.getValue().toArray();
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (float f : v) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            assertTrue(min >= -bound && max <= bound, e.getKey() + " outside ±1/√H");
            assertTrue(max - min > bound, e.getKey() + " not spread over the range");
            assertArrayEquals(v, b.stateDict().get(e.getKey()).toArray(), e.getKey() + " differs for the same seed");
        }
        assertFalse(java.util.Arrays.equals(a.stateDict().get("weight_hh_l0").toArray(), a.stateDict().get("weight_hh_l1").toArray()));
    }

    @Test
    void batchFirstAndUnbatchedAgreeWithTimeMajor() {
        Tensor xBatchFirst = Tensor.randn(1, 2, 4, 3);
        Tensor xTimeMajor = xBatchFirst.transpose(0, 1);
        for (boolean lstm : new boolean[] {true, false}) {
            RnnOutput tm = run(lstm, false, 7, xTimeMajor);
            RnnOutput bf = run(lstm, true, 7, xBatchFirst);
            assertArrayEquals(tm.output().value().transpose(0, 1).toArray(), bf.output().value().toArray(), 1e-6f);
            assertArrayEquals(tm.h().value().toArray(), bf.h().value().toArray(), 1e-6f);
            // Batch row 1 on its own, unbatched: [T, I] -> output [T, H], h [L, H].
            RnnOutput one = run(lstm, false, 7, xBatchFirst.row(1));
            assertArrayEquals(new int[] {4, 5}, one.output().dims());
            assertArrayEquals(new int[] {2, 5}, one.h().dims());
            assertArrayEquals(bf.output().value().row(1).toArray(), one.output().value().toArray(), 1e-6f);
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(tm.h().value().row(l).row(1).toArray(), one.h().value().row(l).toArray(), 1e-6f);
            }
            // The last layer's final hidden state is its output at the last step.
            assertArrayEquals(tm.output().value().row(3).toArray(), tm.h().value().row(1).toArray());
        }
    }

    private static RnnOutput run(boolean lstm, boolean batchFirst, long seed, Tensor x) {
        Variable v = Variable.constant(x);
        return lstm ? new LSTM(3, 5, 2, batchFirst, true, seed).forward(v) : new GRU(3, 5, 2, batchFirst, true, seed).forward(v);
    }

    @Test
    void bidirectionalOutputConcatenatesDirections() {
        Tensor x = Tensor.randn(2, 6, 3, 4);
        RnnOutput bi = new GRU(4, 5, 1, false, true, 0, true, 9).forward(Variable.constant(x));
        assertArrayEquals(new int[] {6, 3, 10}, bi.output().dims());
        assertArrayEquals(new int[] {2, 3, 5}, bi.h().dims());
        Tensor out = bi.output().value(), h = bi.h().value();
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(out.get(5, b, j), h.get(0, b, j), "forward final state is the output at t = T-1");
                assertEquals(out.get(0, b, 5 + j), h.get(1, b, j), "reverse final state is the output at t = 0");
            }
        }
    }

    @Test
    void initialStatesAreUsed() {
        LSTM lstm = new LSTM(3, 4, 1, false, true, 5);
        Variable x = Variable.constant(Tensor.randn(3, 2, 2, 3));
        Tensor zeros = lstm.forward(x, Variable.constant(Tensor.zeros(1, 2, 4)), Variable.constant(Tensor.zeros(1, 2, 4))).h().value();
        assertArrayEquals(lstm.forward(x).h().value().toArray(), zeros.toArray());
        Tensor other = lstm.forward(x, null, Variable.constant(Tensor.full(1f, 1, 2, 4))).h().value();
        assertFalse(java.util.Arrays.equals(zeros.toArray(), other.toArray()));
    }

    @Test
    void dropoutOnlyBetweenLayersAndOnlyInTraining() {
        Tensor x = Tensor.randn(4, 5, 3, 4);
        LSTM plain = new LSTM(4, 8, 2, false, true, 0, false, 11);
        LSTM dropped = new LSTM(4, 8, 2, false, true, 0.5, false, 11);
        Tensor expected = plain.forward(Variable.constant(x)).output().value();
        assertFalse(java.util.Arrays.equals(expected.toArray(), dropped.forward(Variable.constant(x)).output().value().toArray()));
        dropped.eval();
        assertArrayEquals(expected.toArray(), dropped.forward(Variable.constant(x)).output().value().toArray());
        // With one layer there is nothing between layers: dropout has no effect.
        LSTM single = new LSTM(4, 8, 1, false, true, 0.5, false, 11);
        LSTM singlePlain = new LSTM(4, 8, 1, false, true, 0, false, 11);
        assertArrayEquals(singlePlain.forward(Variable.constant(x)).output().value().toArray(),
                single.forward(Variable.constant(x)).output().value().toArray());
    }

    @Test
    void sameResultsForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<float[]> one = forwardAndGradients();
            Parallel.setThreads(2);
            List<float[]> two = forwardAndGradients();
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), two.get(i), 1e-6f, "result " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** A batch of 40 rows: several row ranges per thread count. */
    private static List<float[]> forwardAndGradients() {
        List<float[]> out = new ArrayList<>();
        for (boolean lstm : new boolean[] {true, false}) {
            RnnBase m = lstm ? new LSTM(6, 8, 2, true, true, 0, true, 2) : new GRU(6, 8, 2, true, true, 0, true, 2);
            Variable x = Variable.parameter(Tensor.randn(3, 40, 5, 6));
            RnnOutput r = lstm ? ((LSTM) m).forward(x) : ((GRU) m).forward(x);
            Functions.sum(Functions.mul(r.output(), r.output())).backward();
            out.add(r.output().value().toArray());
            out.add(x.grad().toArray());
            for (Variable p : m.parameters()) out.add(p.grad().toArray());
        }
        return out;
    }

    @Test
    void clearErrors() {
        LSTM lstm = new LSTM(3, 4, 2, true, true, 1);
        String features = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Variable.constant(Tensor.zeros(2, 5, 7)))).getMessage();
        assertTrue(features.contains("inputSize 3"), features);
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Variable.constant(Tensor.zeros(3))));
        String state = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Variable.constant(Tensor.zeros(2, 5, 3)), Variable.constant(Tensor.zeros(1, 2, 4)), null)).getMessage();
        assertTrue(state.contains("[2, 2, 4]"), state);
        assertThrows(IllegalArgumentException.class, () -> new LSTM(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new GRU(3, 4, 0, false, true));
        assertThrows(IllegalArgumentException.class, () -> new GRU(3, 4, 2, false, true, 1.5, false, 1));
        Variable x = Variable.constant(Tensor.zeros(2, 1, 3));
        Variable w = Variable.parameter(Tensor.zeros(16, 3)), u = Variable.parameter(Tensor.zeros(16, 4));
        assertThrows(IllegalArgumentException.class, () -> Functions.gruLayer(x, null, w, u, null, null, false));
        assertThrows(IllegalArgumentException.class,
                () -> Functions.lstmLayer(Variable.constant(Tensor.zeros(0, 1, 3)), null, null, w, u, null, null, false));
    }
}
