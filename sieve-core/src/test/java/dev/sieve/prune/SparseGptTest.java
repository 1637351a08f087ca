package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ops.MatMul;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** SparseGPT's factor, saliency and OBS update on a layer whose inputs are strongly correlated. */
class SparseGptTest {
    static final int TOKENS = 512, IN = 64, OUT = 32;

    /** X = Z·A + small noise with Z [tokens, 8]: 64 features driven by 8 factors. */
    static Tensor correlatedInputs(long seed) {
        Tensor z = Tensor.randn(seed, TOKENS, 8), a = Tensor.randn(seed + 1, 8, IN);
        Tensor x = MatMul.matmul(z, a);
        Tensor noise = Tensor.randn(seed + 2, TOKENS, IN);
        float[] v = x.data(), n = noise.data();
        for (int i = 0; i < v.length; i++) v[i] += 0.05f * n[i];
        return x;
    }

    /** ‖X·Wᵀ − X·Ŵᵀ‖_F. */
    static double error(Tensor x, Tensor w, Tensor pruned) {
        Tensor d = MatMul.matmul(x, w.sub(pruned).t());
        double s = 0;
        for (float f : d.toArray()) s += (double) f * f;
        return Math.sqrt(s);
    }

    static SparseGpt.Factor factorOf(Tensor x) {
        SparseGpt.Hessian h = new SparseGpt.Hessian(IN);
        h.add(x.slice(0, 0, TOKENS / 2));
        h.add(x.slice(0, TOKENS / 2, TOKENS)); // accumulates across batches
        assertEquals(TOKENS, h.samples());
        return SparseGpt.factor(h, SparseGpt.DEFAULT_DAMPING);
    }

    @Test
    void factorIsTheUpperCholeskyFactorOfTheInverse() {
        int n = 7;
        Tensor b = Tensor.randn(3, 20, n);
        Tensor h = MatMul.matmul(b.t(), b);
        double[] hd = new double[n * n];
        for (int i = 0; i < hd.length; i++) hd[i] = h.data()[i];
        SparseGpt.Factor f = SparseGpt.factor(hd, n, 0.0);
        for (int i = 0; i < n; i++) {
            assertTrue(f.diagonal(i) > 0);
            for (int j = 0; j < i; j++) assertEquals(0.0, f.get(i, j), 0.0, "upper triangular");
        }
        // UᵀU·H = I
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    double utu = 0;
                    for (int m = 0; m < n; m++) utu += f.get(m, i) * f.get(m, k);
                    s += utu * hd[k * n + j];
                }
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-6, "(UᵀU·H)[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void beatsMagnitudeAtTheSameSparsity() {
        Tensor x = correlatedInputs(11), w = Tensor.randn(12, OUT, IN);
        SparseGpt.Factor f = factorOf(x);
        for (Target target : new Target[] {Targets.unstructured(0.5), Targets.unstructuredPerRow(0.75), Targets.nm(2, 4)}) {
            Tensor magnitude = w.copy();
            Masks.apply(magnitude, target.mask(Scores.magnitude().create(w.dims()).scores(w), target.sparsity()));
            Tensor obs = w.copy();
            Tensor keep = target.mask(SparseGpt.saliency(obs, f), target.sparsity());
            Tensor finalMask = SparseGpt.prune(obs, f, keep, s -> target.mask(s, target.sparsity()), 16);
            assertEquals(target.sparsity(), Masks.sparsity(finalMask), 1e-9, target.toString());
            assertEquals(target.sparsity(), zeros(obs), 1e-9, target + ": pruned weights are 0");
            double em = error(x, w, magnitude), eo = error(x, w, obs);
            assertTrue(eo < 0.5 * em, target + ": SparseGPT error " + eo + " vs magnitude " + em);
        }
    }

    @Test
    void theObsUpdateAloneHelpsOnTheMagnitudeMask() {
        Tensor x = correlatedInputs(21), w = Tensor.randn(22, OUT, IN);
        SparseGpt.Factor f = factorOf(x);
        Tensor keep = Targets.unstructured(0.5).mask(Scores.magnitude().create(w.dims()).scores(w), 0.5);
        Tensor magnitude = w.copy();
        Masks.apply(magnitude, keep);
        for (int block : new int[] {1, 16, 128}) {
            Tensor obs = w.copy();
            Tensor used = SparseGpt.prune(obs, f, keep, null, block);
            assertEquals(keep.shape(), used.shape());
            assertTrue(java.util.Arrays.equals(keep.toArray(), used.toArray()), "without reselection the mask is kept");
            double em = error(x, w, magnitude), eo = error(x, w, obs);
            assertTrue(eo < 0.75 * em, "block " + block + ": OBS error " + eo + " vs magnitude " + em);
        }
        // The blocked (lazy) update is the same computation as column by column.
        Tensor a = w.copy(), b = w.copy();
        SparseGpt.prune(a, f, keep, null, 1);
        SparseGpt.prune(b, f, keep, null, 128);
        float[] av = a.toArray(), bv = b.toArray();
        for (int i = 0; i < av.length; i++) assertEquals(av[i], bv[i], 1e-3f * Math.max(1f, Math.abs(av[i])), "element " + i);
    }

    @Test
    void deadInputColumnsAreZeroedNotNaN() {
        Tensor x = correlatedInputs(31);
        float[] v = x.data();
        for (int t = 0; t < TOKENS; t++) v[t * IN + 5] = 0f; // feature 5 never fires
        SparseGpt.Factor f = factorOf(x);
        assertTrue(f.isDead(5));
        Tensor w = Tensor.randn(32, OUT, IN);
        Tensor keep = Targets.unstructured(0.5).mask(SparseGpt.saliency(w, f), 0.5);
        SparseGpt.prune(w, f, keep, null, 128);
        for (int r = 0; r < OUT; r++) assertEquals(0f, w.get(r, 5));
        for (float e : w.toArray()) assertTrue(Float.isFinite(e));
        assertNotNull(SparseGpt.saliency(w, f));
    }

    static double zeros(Tensor t) {
        int z = 0;
        for (float f : t.toArray()) if (f == 0f) z++;
        return (double) z / t.size();
    }
}
