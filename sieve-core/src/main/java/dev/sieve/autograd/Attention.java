package dev.sieve.autograd;

import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.ops.DotProductAttention;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * What multi-head attention needs beyond the other groups: permuting axes (splitting and merging
 * heads), narrowing an axis (the q/k/v thirds of a packed projection), the attention weights
 * {@code softmax(scale·Q·Kᵀ + M)}, and the fused {@code softmax(scale·Q·Kᵀ + M)·V}, with their gradients.
 */
final class Attention {
    private static final ParallelRuntime SERIAL = new ParallelRuntime(1);

    private Attention() {}

    static Variable permute(Variable x, int... perm) {
        checkedPermutation(x.value().rank(), perm);
        Tensor y = x.value().permute(perm);
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inverse[perm[i]] = i;
        return Variable.result("permute", y, g -> new Tensor[] {g.permute(inverse)}, x);
    }

    /** Elements {@code [start, start + length)} along {@code axis}; the gradient is zero elsewhere. */
    static Variable narrow(Variable x, int axis, int start, int length) {
        Shape shape = x.shape();
        int a = shape.normalizeAxis(axis);
        int n = shape.dim(a);
        if (start < 0 || length < 0 || start + length > n) {
            throw new IllegalArgumentException("narrow: [" + start + ", " + (start + length) + ") is out of range for axis "
                    + axis + " of " + shape);
        }
        Tensor y = x.value().slice(a, start, start + length);
        int outer = shape.product(0, a), inner = shape.product(a + 1, shape.rank());
        return Variable.result("narrow", y, g -> {
            Tensor gx = Tensor.zeros(shape.dims());
            float[] src = g.data(), dst = gx.data();
            int chunk = length * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(src, g.offset() + o * chunk, dst, (o * n + start) * inner, chunk);
            return new Tensor[] {gx};
        }, x);
    }

    /** {@code softmax(scale·Q·Kᵀ + mask)}; gradients to q and k (the mask is a constant). */
    static Variable attentionWeights(Variable q, Variable k, Tensor mask, float scale) {
        Tensor qv = q.value(), kv = k.value();
        Tensor p = DotProductAttention.weights(qv, kv, mask, scale);
        return Variable.result("attentionWeights", p, g -> {
            Tensor[] qk = scoresBackward(p, g, qv, kv, scale, q.requiresGrad(), k.requiresGrad(), null, null);
            return new Tensor[] {qk[0], qk[1]};
        }, q, k);
    }

    /**
     * {@code softmax(scale·Q·Kᵀ + mask)·V} as one node that keeps only P for the backward pass:
     * dV = Pᵀ·dO, dP = dO·Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)), dQ = scale·dS·K, dK = scale·dSᵀ·Q.
     */
    static Variable scaledDotProductAttention(Variable q, Variable k, Variable v, Tensor mask, float scale) {
        Tensor qv = q.value(), kv = k.value(), vv = v.value();
        DotProductAttention.Result r = DotProductAttention.forward(qv, kv, vv, mask, scale);
        Tensor p = r.weights();
        return Variable.result("scaledDotProductAttention", r.output(), g -> {
            Tensor[] qkv = scoresBackward(p, null, qv, kv, scale, q.requiresGrad(), k.requiresGrad(), g, vv);
            return new Tensor[] {qkv[0], qkv[1], v.requiresGrad() ? qkv[2] : null};
        }, q, k, v);
    }

    /**
     * Per batch index: from dP (given, or dO·Vᵀ when {@code gradOut} is set, which also yields dV = Pᵀ·dO),
     * the softmax backward and dQ, dK. Batch indices are independent and split between threads.
     */
    private static Tensor[] scoresBackward(Tensor p, Tensor gradP, Tensor q, Tensor k, float scale,
                                           boolean needQ, boolean needK, Tensor gradOut, Tensor v) {
        int l = q.dim(-2), d = q.dim(-1), s = k.dim(-2);
        int batches = l * s == 0 ? 0 : p.size() / (l * s);
        int dv = v == null ? 0 : v.dim(-1);
        Tensor gq = needQ ? Tensor.zeros(q.dims()) : null;
        Tensor gk = needK ? Tensor.zeros(k.dims()) : null;
        Tensor gv = gradOut != null ? Tensor.zeros(v.dims()) : null;
        if (batches == 0) return new Tensor[] {gq, gk, gv};
        float[] pd = p.data(), qd = q.data(), kd = k.data();
        long work = (long) l * s * (d + dv);
        Parallel.runtime().forRange(batches, (int) Math.max(1, (1 << 15) / Math.max(1, work)), (from, to) -> {
            float[] ds = new float[l * s];
            for (int b = from; b < to; b++) {
                int pOff = p.offset() + b * l * s;
                if (gradOut != null) {
                    int gOff = gradOut.offset() + b * l * dv, vOff = v.offset() + b * s * dv;
                    Gemm.sgemm(true, false, s, dv, l, 1f, pd, pOff, s, gradOut.data(), gOff, dv, 0f, gv.data(), b * s * dv, dv, SERIAL);
                    Gemm.sgemm(false, true, l, s, dv, 1f, gradOut.data(), gOff, dv, v.data(), vOff, dv, 0f, ds, 0, s, SERIAL);
                } else {
                    System.arraycopy(gradP.data(), gradP.offset() + b * l * s, ds, 0, l * s);
                }
                for (int i = 0; i < l; i++) {
                    int row = i * s;
                    double dot = 0;
                    for (int j = 0; j < s; j++) dot += (double) ds[row + j] * pd[pOff + row + j];
                    float fdot = (float) dot;
                    for (int j = 0; j < s; j++) ds[row + j] = pd[pOff + row + j] * (ds[row + j] - fdot);
                }
                int qOff = q.offset() + b * l * d, kOff = k.offset() + b * s * d;
                if (needQ) Gemm.sgemm(false, false, l, d, s, scale, ds, 0, s, kd, kOff, d, 0f, gq.data(), b * l * d, d, SERIAL);
                if (needK) Gemm.sgemm(true, false, s, d, l, scale, ds, 0, s, qd, qOff, d, 0f, gk.data(), b * s * d, d, SERIAL);
            }
        });
        return new Tensor[] {gq, gk, gv};
    }

    private static void checkedPermutation(int rank, int[] perm) {
        boolean[] seen = new boolean[rank];
        boolean ok = perm.length == rank;
        for (int i = 0; ok && i < perm.length; i++) ok = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]] && (seen[perm[i]] = true);
        if (!ok) throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " is not a permutation of " + rank + " axes");
    }
}
