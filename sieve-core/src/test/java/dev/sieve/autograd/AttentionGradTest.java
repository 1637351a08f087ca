package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the attention ops, and the fused op against its composition. */
class AttentionGradTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private static Tensor randn(long seed, int... dims) {
        return Tensor.randn(seed, dims);
    }

    /** [L, S] with −∞ above the diagonal (each query sees keys up to its own position). */
    private static Tensor causal(int n) {
        Tensor m = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) m.set(NEG_INF, i, j);
        return m;
    }

    @Test
    void permuteAndNarrow() {
        check("permute", v -> Functions.permute(v[0], 2, 0, 3, 1), randn(1, 2, 3, 4, 2));
        check("narrow middle", v -> Functions.narrow(v[0], 1, 1, 2), randn(2, 2, 4, 3));
        check("narrow leading", v -> Functions.narrow(v[0], 0, 2, 1), randn(3, 3, 5));
        check("narrow last", v -> Functions.narrow(v[0], -1, 0, 3), randn(4, 2, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> Functions.permute(Variable.constant(randn(5, 2, 3)), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Functions.narrow(Variable.constant(randn(5, 2, 3)), 1, 2, 2));
    }

    @Test
    void attentionWeightsGradients() {
        check("weights", v -> Functions.attentionWeights(v[0], v[1], null, 0.5f), randn(11, 2, 3, 4), randn(12, 2, 5, 4));
        check("weights causal", v -> Functions.attentionWeights(v[0], v[1], causal(4), 0.7f), randn(13, 3, 4, 2), randn(14, 3, 4, 2));
    }

    @Test
    void fusedAttentionGradients() {
        check("sdpa", v -> Functions.scaledDotProductAttention(v[0], v[1], v[2], null, 0.5f),
                randn(21, 2, 3, 4), randn(22, 2, 5, 4), randn(23, 2, 5, 3));
        check("sdpa causal 4-d", v -> Functions.scaledDotProductAttention(v[0], v[1], v[2], causal(3), 0.6f),
                randn(24, 2, 2, 3, 2), randn(25, 2, 2, 3, 2), randn(26, 2, 2, 3, 2));
        // key padding: batch 0 ignores its last key, batch 1 its first two; broadcast over heads and queries
        Tensor pad = Tensor.zeros(2, 1, 1, 4);
        pad.set(NEG_INF, 0, 0, 0, 3);
        pad.set(NEG_INF, 1, 0, 0, 0);
        pad.set(NEG_INF, 1, 0, 0, 1);
        check("sdpa key padding", v -> Functions.scaledDotProductAttention(v[0], v[1], v[2], pad, 0.5f),
                randn(27, 2, 3, 2, 2), randn(28, 2, 3, 4, 2), randn(29, 2, 3, 4, 3));
    }

    @Test
    void fusedEqualsComposition() {
        Tensor q = randn(31, 2, 3, 5, 4), k = randn(32, 2, 3, 6, 4), v = randn(33, 2, 3, 6, 2);
        Tensor mask = Tensor.uniform(34, -1f, 1f, 5, 6);
        Variable[] a = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable[] b = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable fused = Functions.scaledDotProductAttention(a[0], a[1], a[2], mask, 0.5f);
        Variable scores = Functions.mul(Functions.matmul(b[0], Functions.transpose(b[1], -1, -2)), Variable.constant(Tensor.full(0.5f, 1)));
        scores = Functions.add(scores, Variable.constant(mask));
        Variable composed = Functions.matmul(Functions.softmax(scores, -1), b[2]);
        assertClose(composed.value(), fused.value(), 1e-5f);
        Tensor seed = randn(35, fused.dims());
        fused.backward(seed);
        composed.backward(seed);
        for (int i = 0; i < 3; i++) assertClose(b[i].grad(), a[i].grad(), 1e-5f);
    }

    @Test
    void maskShapesAreChecked() {
        Variable q = Variable.constant(randn(41, 2, 3, 4)), k = Variable.constant(randn(42, 2, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> Functions.attentionWeights(q, k, Tensor.zeros(3, 4), 1f));
        assertThrows(IllegalArgumentException.class, () -> Functions.attentionWeights(q, k, Tensor.zeros(3, 3, 5), 1f));
        assertThrows(IllegalArgumentException.class, () -> Functions.attentionWeights(q, Variable.constant(randn(43, 2, 5, 3)), null, 1f));
        Variable w = Functions.attentionWeights(q, k, Tensor.zeros(2, 1, 5), 1f);
        assertArrayEquals(new int[] {2, 3, 5}, w.dims());
    }

    @Test
    void fullyMaskedRowIsNaNLikePyTorch() {
        Tensor mask = Tensor.zeros(2, 3);
        for (int j = 0; j < 3; j++) mask.set(NEG_INF, 1, j);
        Variable w = Functions.attentionWeights(Variable.constant(randn(51, 2, 4)), Variable.constant(randn(52, 3, 4)), mask, 1f);
        assertTrue(Float.isNaN(w.value().get(1, 0)));
        float sum = 0;
        for (int j = 0; j < 3; j++) sum += w.value().get(0, j);
        assertEquals(1f, sum, 1e-6f);
    }

    private static void assertClose(Tensor expected, Tensor actual, float tol) {
        assertArrayEquals(expected.dims(), actual.dims());
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[expected.offset() + i], a = actual.data()[actual.offset() + i];
            assertEquals(e, a, tol * Math.max(1f, Math.abs(e)), "element " + i);
        }
    }
}
