package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, initialisation, shapes, masks and modes of the transformer modules (numerics: AttentionGoldenTest). */
class TransformerModulesTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void layerNormParameters() {
        LayerNorm ln = new LayerNorm(6);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, ln.weight().value().toArray());
        assertArrayEquals(new float[6], ln.bias().value().toArray());
        assertEquals(1e-5f, ln.eps());
        LayerNorm plain = new LayerNorm(new int[] {2, 3}, 1e-6f, false);
        assertTrue(plain.namedParameters().isEmpty());
        assertNull(plain.weight());
        Tensor y = plain.forward(Variable.constant(Tensor.randn(1, 4, 2, 3))).value();
        float mean = 0;
        for (int i = 0; i < 6; i++) mean += y.get(1, i / 3, i % 3);
        assertEquals(0f, mean, 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, -1f, true));
        assertThrows(IllegalArgumentException.class, () -> ln.forward(Variable.constant(Tensor.zeros(2, 5))));
    }

    @Test
    void softmaxModule() {
        Tensor y = new Softmax(-1).forward(Variable.constant(Tensor.randn(2, 3, 5))).value();
        float s = 0;
        for (int j = 0; j < 5; j++) s += y.get(2, j);
        assertEquals(1f, s, 1e-6f);
        assertEquals(-1, new Softmax(-1).dim());
    }

    @Test
    void multiheadAttentionNamesAndInit() {
        int e = 32;
        MultiheadAttention m = new MultiheadAttention(e, 4, 0.0, true, false, 7);
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"), List.copyOf(m.stateDict().keySet()));
        assertArrayEquals(new int[] {3 * e, e}, m.inProjWeight().dims());
        assertMaxAbs(m.inProjWeight().value(), Math.sqrt(6.0 / (e + 3 * e)));
        assertMaxAbs(m.outProj().weight().value(), 1.0 / Math.sqrt(e));
        assertArrayEquals(new float[3 * e], m.inProjBias().value().toArray());
        assertArrayEquals(new float[e], m.outProj().bias().value().toArray());
        assertArrayEquals(m.inProjWeight().value().toArray(), new MultiheadAttention(e, 4, 0.0, true, false, 7).inProjWeight().value().toArray());
        MultiheadAttention noBias = new MultiheadAttention(e, 4, 0.0, false, true, 7);
        assertEquals(List.of("in_proj_weight", "out_proj.weight"), List.copyOf(noBias.stateDict().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3));
        assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(8, 2, 1.5, true, false));
    }

    @Test
    void layoutsAgree() {
        MultiheadAttention seqFirst = new MultiheadAttention(8, 2, 0.0, true, false, 3);
        MultiheadAttention batchFirst = new MultiheadAttention(8, 2, 0.0, true, true, 3);
        Tensor x = Tensor.randn(4, 5, 3, 8); // [L, N, E]
        Variable a = Variable.constant(x);
        Tensor ySeq = seqFirst.forward(a, a, a).output().value();
        Variable b = Variable.constant(x.transpose(0, 1));
        MultiheadAttention.Output yb = batchFirst.forward(b, b, b);
        assertClose(ySeq.transpose(0, 1), yb.output().value(), 1e-5f);
        assertArrayEquals(new int[] {3, 5, 5}, yb.weights().dims());
        // unbatched [L, E] is the batch of one
        Variable u = Variable.constant(x.transpose(0, 1).row(1).copy());
        MultiheadAttention.Output yu = batchFirst.forward(u, u, u);
        assertArrayEquals(new int[] {5, 8}, yu.output().dims());
        assertArrayEquals(new int[] {5, 5}, yu.weights().dims());
        assertClose(yb.output().value().row(1), yu.output().value(), 1e-5f);
        // self-attention through the packed projection equals three separate projections
        Variable c = Variable.constant(x.transpose(0, 1));
        Tensor separate = batchFirst.forward(b, c, Variable.constant(x.transpose(0, 1))).output().value();
        assertClose(yb.output().value(), separate, 1e-5f);
    }

    @Test
    void masksAndWeights() {
        MultiheadAttention m = new MultiheadAttention(8, 2, 0.0, true, true, 4);
        Variable x = Variable.constant(Tensor.randn(5, 2, 4, 8));
        boolean[][] kpm = {{false, false, true, false}, {false, false, false, false}};
        MultiheadAttention.Output o = m.forward(x, x, x, kpm, MultiheadAttention.causalMask(4), true);
        Tensor w = o.weights().value();
        for (int i = 0; i < 4; i++) {
            float sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += w.get(0, i, j);
                if (j > i || j == 2) assertEquals(0f, w.get(0, i, j), "masked weight " + i + "," + j);
            }
            assertEquals(1f, sum, 1e-5f);
        }
        // a 3-D mask per (batch, head), and the boolean form, equal the 2-D additive mask
        Tensor perHead = Tensor.zeros(4, 4, 4);
        for (int bh = 0; bh < 4; bh++) for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) perHead.set(NEG_INF, bh, i, j);
        assertClose(o.output().value(), m.forward(x, x, x, kpm, perHead, false).output().value(), 1e-6f);
        boolean[][] upper = new boolean[4][4];
        for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) upper[i][j] = true;
        assertArrayEquals(MultiheadAttention.causalMask(4).toArray(), MultiheadAttention.boolMask(upper).toArray());
        assertThrows(IllegalArgumentException.class, () -> m.forward(x, x, x, new boolean[3][4], null, false));
        assertThrows(IllegalArgumentException.class, () -> m.forward(x, x, x, new boolean[][] {{false}, {false}}, null, false));
        assertThrows(IllegalArgumentException.class, () -> m.forward(x, x, x, null, Tensor.zeros(4, 5), false));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Variable.constant(Tensor.zeros(2, 4, 6)), x, x, null, null, false));
    }

    @Test
    void attentionDropoutOnlyInTraining() {
        MultiheadAttention m = new MultiheadAttention(8, 2, 0.5, true, true, 5);
        Variable x = Variable.constant(Tensor.randn(6, 2, 4, 8));
        Tensor train = m.forward(x, x, x, null, null, false).output().value();
        m.eval();
        Tensor eval1 = m.forward(x, x, x, null, null, false).output().value();
        Tensor eval2 = m.forward(x, x, x, null, null, true).output().value();
        assertClose(eval1, eval2, 1e-6f);
        assertNotEquals(eval1.get(0, 0, 0), train.get(0, 0, 0));
    }

    @Test
    void encoderLayerNamesAndPaths() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(16, 4, 32, 0.0, TransformerEncoderLayer.Activation.GELU, 1e-5f,
                true, false, 9);
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
                "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"),
                List.copyOf(layer.stateDict().keySet()));
        Tensor x = Tensor.randn(10, 3, 7, 16);
        Tensor graph = layer.forward(Variable.parameter(x)).value();
        Tensor fast;
        try (NoGrad ignored = NoGrad.enter()) {
            assertTrue(layer.usesInferencePath());
            fast = layer.forward(Variable.constant(x)).value();
        }
        assertClose(graph, fast, 1e-5f);
        TransformerEncoderLayer copy = layer.copy(1);
        assertArrayEquals(layer.linear1().weight().value().toArray(), copy.linear1().weight().value().toArray());
        assertThrows(IllegalArgumentException.class, () -> layer.forward(Variable.constant(Tensor.zeros(2, 3, 15))));
    }

    @Test
    void dropoutInTrainingKeepsTheGraphPathUnderNoGrad() {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.5, TransformerEncoderLayer.Activation.RELU, 1e-5f,
                false, true, 11);
        try (NoGrad ignored = NoGrad.enter()) {
            assertFalse(layer.usesInferencePath());
            layer.eval();
            assertTrue(layer.usesInferencePath());
        }
    }

    @Test
    void encoderClonesItsTemplateLayer() {
        TransformerEncoderLayer template = new TransformerEncoderLayer(8, 2, 16, 0.1, TransformerEncoderLayer.Activation.RELU, 1e-5f,
                false, false, 12);
        TransformerEncoder enc = new TransformerEncoder(template, 3, null);
        assertEquals(3, enc.layers().size());
        assertEquals(36, enc.stateDict().size());
        assertTrue(enc.stateDict().containsKey("layers.2.norm2.bias"));
        for (TransformerEncoderLayer l : enc.layers()) {
            assertArrayEquals(template.selfAttn().inProjWeight().value().toArray(), l.selfAttn().inProjWeight().value().toArray());
        }
        assertThrows(IllegalArgumentException.class, () -> new TransformerEncoder(List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new TransformerEncoder(template, 2, new LayerNorm(9)));
    }

    @Test
    void encoderTrainsOnATinyTask() {
        // the sum of the first feature over the sequence, from a 1-layer encoder + mean pool + linear head
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.0, TransformerEncoderLayer.Activation.RELU, 1e-5f,
                true, true, 13);
        Linear head = new Linear(8, 1, true, 14);
        List<Variable> params = new java.util.ArrayList<>(layer.parameters());
        params.addAll(head.parameters());
        Adam opt = new Adam(params, 2e-2);
        Tensor x = Tensor.randn(15, 16, 5, 8);
        Tensor target = Tensor.zeros(16, 1);
        for (int b = 0; b < 16; b++) {
            float s = 0;
            for (int t = 0; t < 5; t++) s += x.get(b, t, 0);
            target.set(s, b, 0);
        }
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++) {
            opt.zeroGrad();
            Variable pred = head.forward(Functions.mean(layer.forward(Variable.constant(x)), 1, false));
            Variable loss = new MSELoss().forward(pred, Variable.constant(target));
            loss.backward();
            opt.step();
            if (step == 0) first = loss.value().item();
            last = loss.value().item();
        }
        assertTrue(last < 0.5f * first, "loss " + first + " -> " + last);
    }

    private static void assertMaxAbs(Tensor t, double bound) {
        float max = 0;
        for (float v : t.toArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound, "max |w| " + max + " > " + bound);
        assertTrue(max > 0.8 * bound, "max |w| " + max + " far below the bound " + bound + ": not the expected init");
    }

    static void assertClose(Tensor expected, Tensor actual, float tol) {
        assertArrayEquals(expected.dims(), actual.dims());
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[expected.offset() + i], a = actual.data()[actual.offset() + i];
            assertEquals(e, a, tol * Math.max(1f, Math.abs(e)), "element " + i);
        }
    }
}
