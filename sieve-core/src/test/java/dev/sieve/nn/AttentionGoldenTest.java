package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.golden.Goldens;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LayerNorm, Softmax, MultiheadAttention, TransformerEncoderLayer and TransformerEncoder against PyTorch
 * (scripts/goldens/gen_attention.py): forward, gradients to every input and parameter, and the graph-free
 * inference path on the same inputs.
 */
class AttentionGoldenTest {
    /** Deeper compositions (attention + norms) accumulate more float rounding than one Linear. */
    private static final double ATOL = 2e-5, RTOL = 2e-4;

    @Test
    void layerNorm() {
        Goldens g = Goldens.load("attention_layernorm");
        LayerNorm ln = new LayerNorm(new int[] {3, 4}, 1e-5f, true);
        ln.loadStateDict(params(g, ln));
        Variable x = Variable.parameter(g.get("x"));
        Variable y = ln.forward(x);
        assertClose("y", g.get("y"), y.value());
        y.backward(g.get("grad_y"));
        assertClose("grad x", g.get("grad_x"), x.grad());
        assertGrads(g, ln);
    }

    @Test
    void softmax() {
        Goldens g = Goldens.load("attention_softmax");
        Variable x = Variable.parameter(g.get("x"));
        Variable y = new Softmax(1).forward(x);
        assertClose("y", g.get("y"), y.value());
        y.backward(g.get("grad_y"));
        assertClose("grad x", g.get("grad_x"), x.grad());
    }

    @Test
    void multiheadAttentionWithKeyPaddingMask() {
        checkMha("attention_mha_kpm", false, true, true);
    }

    @Test
    void multiheadAttentionBatchFirstCausal() {
        checkMha("attention_mha_causal", true, true, true);
    }

    @Test
    void multiheadCrossAttentionWithoutBias() {
        checkMha("attention_mha_cross", true, false, false);
    }

    private void checkMha(String name, boolean batchFirst, boolean bias, boolean self) {
        Goldens g = Goldens.load(name);
        MultiheadAttention m = new MultiheadAttention(8, 2, 0.0, bias, batchFirst, 3);
        m.loadStateDict(params(g, m));
        boolean[][] kpm = g.has("key_padding_mask") ? bools(g.ints("key_padding_mask")) : null;
        Tensor mask = g.has("attn_mask") ? g.get("attn_mask") : null;
        Variable q = Variable.parameter(g.get("query"));
        Variable k = self ? q : Variable.parameter(g.get("key"));
        Variable v = self ? q : Variable.parameter(g.get("value"));
        MultiheadAttention.Output out = m.forward(q, k, v, kpm, mask, true);
        assertClose("y", g.get("y"), out.output().value(), ATOL, RTOL);
        assertClose("weights", g.get("weights"), out.weights().value(), ATOL, RTOL);
        Variable loss = Functions.add(Functions.sum(Functions.mul(out.output(), Variable.constant(g.get("grad_y")))),
                Functions.sum(Functions.mul(out.weights(), Variable.constant(g.get("grad_weights")))));
        loss.backward();
        assertClose("grad query", g.get("grad_query"), q.grad(), ATOL, RTOL);
        if (!self) {
            assertClose("grad key", g.get("grad_key"), k.grad(), ATOL, RTOL);
            assertClose("grad value", g.get("grad_value"), v.grad(), ATOL, RTOL);
        }
        assertGrads(g, m);

        // The fused path (no weights) gives the same output.
        Variable q2 = Variable.constant(g.get("query"));
        Variable k2 = self ? q2 : Variable.constant(g.get("key")), v2 = self ? q2 : Variable.constant(g.get("value"));
        MultiheadAttention.Output fused = m.forward(q2, k2, v2, kpm, mask, false);
        assertNull(fused.weights());
        assertClose("y (fused)", g.get("y"), fused.output().value(), ATOL, RTOL);
    }

    @Test
    void encoderLayerPostNorm() {
        checkEncoderLayer("attention_encoder_post", false, TransformerEncoderLayer.Activation.RELU, false, 1e-5f);
    }

    @Test
    void encoderLayerPreNorm() {
        checkEncoderLayer("attention_encoder_pre", true, TransformerEncoderLayer.Activation.GELU, true, 1e-6f);
    }

    private void checkEncoderLayer(String name, boolean normFirst, TransformerEncoderLayer.Activation act, boolean batchFirst, float eps) {
        Goldens g = Goldens.load(name);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.0, act, eps, batchFirst, normFirst, 5);
        layer.loadStateDict(params(g, layer));
        boolean[][] kpm = g.has("key_padding_mask") ? bools(g.ints("key_padding_mask")) : null;
        Tensor mask = g.has("attn_mask") ? g.get("attn_mask") : null;
        Variable x = Variable.parameter(g.get("x"));
        Variable y = layer.forward(x, mask, kpm);
        assertClose("y", g.get("y"), y.value(), ATOL, RTOL);
        y.backward(g.get("grad_y"));
        assertClose("grad x", g.get("grad_x"), x.grad(), ATOL, RTOL);
        assertGrads(g, layer);

        layer.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            assertClose("y (inference path)", g.get("y"), layer.forward(Variable.constant(g.get("x")), mask, kpm).value(), ATOL, RTOL);
        }
    }

    @Test
    void encoderStackWithFinalNorm() {
        Goldens g = Goldens.load("attention_encoder_stack");
        List<TransformerEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            layers.add(new TransformerEncoderLayer(8, 2, 16, 0.0, TransformerEncoderLayer.Activation.GELU, 1e-5f, true, false, i));
        }
        TransformerEncoder enc = new TransformerEncoder(layers, new LayerNorm(8));
        assertEquals(List.of("layers.0.self_attn.in_proj_weight", "layers.0.self_attn.in_proj_bias",
                "layers.0.self_attn.out_proj.weight", "layers.0.self_attn.out_proj.bias", "layers.0.linear1.weight",
                "layers.0.linear1.bias", "layers.0.linear2.weight", "layers.0.linear2.bias", "layers.0.norm1.weight",
                "layers.0.norm1.bias", "layers.0.norm2.weight", "layers.0.norm2.bias"),
                List.copyOf(enc.stateDict().keySet()).subList(0, 12), "PyTorch's state-dict order");
        enc.loadStateDict(params(g, enc));
        Variable x = Variable.parameter(g.get("x"));
        Variable y = enc.forward(x);
        assertClose("y", g.get("y"), y.value(), ATOL, RTOL);
        y.backward(g.get("grad_y"));
        assertClose("grad x", g.get("grad_x"), x.grad(), ATOL, RTOL);
        assertGrads(g, enc);
        enc.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            assertClose("y (inference path)", g.get("y"), enc.forward(Variable.constant(g.get("x"))).value(), ATOL, RTOL);
        }
    }

    /** The golden's {@code param.<name>} tensor for every parameter name of {@code m} (missing ones fail the load). */
    static Map<String, Tensor> params(Goldens g, Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String k : m.stateDict().keySet()) out.put(k, g.get("param." + k));
        return out;
    }

    private static void assertGrads(Goldens g, Module m) {
        for (var e : m.namedParameters().entrySet()) {
            assertClose("grad " + e.getKey(), g.get("grad." + e.getKey()), e.getValue().grad(), ATOL, RTOL);
        }
    }

    static boolean[][] bools(IntTensor t) {
        int rows = t.shape().dim(0), cols = t.shape().dim(1);
        boolean[][] b = new boolean[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) b[i][j] = t.get(i, j) != 0;
        return b;
    }
}
