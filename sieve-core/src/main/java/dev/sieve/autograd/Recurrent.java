package dev.sieve.autograd;

import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.ops.Reductions;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Tensor;

/**
 * What the fused recurrent layers ({@link RecurrentLstm}, {@link RecurrentGru}) share: argument checks,
 * the time-step bookkeeping, the GEMMs and the split of the batch between threads.
 *
 * <p>Hidden states live in one array of {@code T + 1} slots of {@code [B, H]}: the initial state and the
 * state after each time step. A forward layer keeps the initial state in slot 0 and the state after
 * time t in slot t + 1; a reverse layer (which runs from t = T-1 down to 0) keeps the initial state in
 * slot T and the state after time t in slot t. Either way the output sequence, in time order, is the
 * contiguous slots {@code [outSlot(0), outSlot(0) + T)} and the states each step reads are the
 * contiguous slots {@code [prevSlot(0), prevSlot(0) + T)}, so the weight gradient of the recurrence is
 * one GEMM over all steps.
 */
final class Recurrent {
    /**
     * Batch rows are independent through the whole recurrence, so threads take whole row ranges for all
     * steps (one fork/join per layer rather than one per step); each range runs its GEMMs alone.
     */
    static final ParallelRuntime SERIAL = new ParallelRuntime(1);
    /** Fewest batch rows worth a thread of their own. */
    private static final int MIN_ROWS_PER_THREAD = 8;

    private Recurrent() {}

    /** Sizes of one layer's call, checked against each other. */
    record Dims(int steps, int batch, int input, int hidden) {
        /** Slot holding the state after time {@code t}. */
        int outSlot(int t, boolean reverse) {
            return reverse ? t : t + 1;
        }

        /** Slot holding the state that the step at time {@code t} reads. */
        int prevSlot(int t, boolean reverse) {
            return reverse ? t + 1 : t;
        }

        /** Slot of the initial state. */
        int initialSlot(boolean reverse) {
            return reverse ? steps : 0;
        }

        /** Slot of the final state. */
        int finalSlot(boolean reverse) {
            return reverse ? 0 : steps;
        }

        /** The time step processed {@code s}-th (s = 0, 1, ...). */
        int timeOfStep(int s, boolean reverse) {
            return reverse ? steps - 1 - s : s;
        }
    }

    /**
     * Checks a layer's operands: x {@code [T, B, I]} with T, B ≥ 1; wIh {@code [gates·H, I]}; wHh
     * {@code [gates·H, H]}; biases {@code [gates·H]} or null; initial states {@code [B, H]} or null.
     */
    static Dims check(String op, int gates, Variable x, Variable wIh, Variable wHh, Variable bIh, Variable bHh, Variable... states) {
        if (x == null || wIh == null || wHh == null) throw new IllegalArgumentException(op + ": x, wIh and wHh are required");
        int[] xd = x.dims();
        if (xd.length != 3) throw new IllegalArgumentException(op + ": x must be [T, B, input] (time-major), got shape " + x.shape());
        if (xd[0] < 1 || xd[1] < 1) throw new IllegalArgumentException(op + ": needs at least one time step and one batch row, got shape " + x.shape());
        int[] hh = wHh.dims();
        if (hh.length != 2 || hh[1] < 1 || hh[0] != gates * hh[1]) {
            throw new IllegalArgumentException(op + ": wHh must be [" + gates + "·hidden, hidden], got shape " + wHh.shape());
        }
        int h = hh[1];
        int[] ih = wIh.dims();
        if (ih.length != 2 || ih[0] != gates * h || ih[1] != xd[2]) {
            throw new IllegalArgumentException(op + ": wIh must be [" + gates * h + ", " + xd[2] + "] for x of shape " + x.shape()
                    + " and hidden size " + h + ", got shape " + wIh.shape());
        }
        checkVector(op, "bIh", bIh, gates * h);
        checkVector(op, "bHh", bHh, gates * h);
        for (Variable s : states) {
            if (s != null && (s.dims().length != 2 || s.dims()[0] != xd[1] || s.dims()[1] != h)) {
                throw new IllegalArgumentException(op + ": initial states must be [batch, hidden] = [" + xd[1] + ", " + h + "], got shape " + s.shape());
            }
        }
        return new Dims(xd[0], xd[1], xd[2], h);
    }

    private static void checkVector(String op, String name, Variable v, int n) {
        if (v != null && (v.dims().length != 1 || v.dims()[0] != n)) {
            throw new IllegalArgumentException(op + ": " + name + " must be [" + n + "], got shape " + v.shape());
        }
    }

    /**
     * {@code out [T·B, G] = x [T·B, I] · wᵀ + b1 + b2} for all time steps at once (the input half of every
     * gate does not depend on the recurrence); either bias may be null.
     */
    static float[] project(Tensor x, Tensor w, Variable b1, Variable b2) {
        int rows = x.shape().product(0, x.rank() - 1), in = w.dim(1), g = w.dim(0);
        float[] out = new float[rows * g];
        float beta = 0f;
        if (b1 != null || b2 != null) {
            float[] bias = new float[g];
            addInto(bias, b1);
            addInto(bias, b2);
            for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, out, r * g, g);
            beta = 1f;
        }
        Gemm.sgemm(false, true, rows, g, in, 1f, x.data(), x.offset(), in, w.data(), w.offset(), in, beta, out, 0, g);
        return out;
    }

    private static void addInto(float[] acc, Variable v) {
        if (v == null) return;
        Tensor t = v.value();
        float[] d = t.data();
        for (int i = 0, o = t.offset(); i < acc.length; i++) acc[i] += d[o + i];
    }

    /**
     * W_hhᵀ {@code [H, G]}, row-major: each step's {@code h·W_hhᵀ} then packs its right operand by plain
     * row copies instead of a transposing gather (once per layer call rather than once per step).
     */
    static float[] transposed(Tensor w) {
        return w.t().data();
    }

    /** Copies the initial state (zeros when null) into slot {@code slot} of {@code states}. */
    static void setInitial(float[] states, int slot, Variable initial, int batch, int hidden) {
        if (initial == null) return;
        Tensor t = initial.value();
        System.arraycopy(t.data(), t.offset(), states, slot * batch * hidden, batch * hidden);
    }

    /** Runs {@code body} over batch rows {@code [0, batch)} split between threads. */
    static void overRows(int batch, ParallelRuntime.RangeBody body) {
        Parallel.runtime().forRange(batch, MIN_ROWS_PER_THREAD, body);
    }

    /** {@code grad(x) = d [T·B, G] · w [G, I]}, or null when x needs none. */
    static Tensor inputGrad(Variable x, float[] d, Tensor w) {
        if (!x.requiresGrad()) return null;
        int[] xd = x.dims();
        int rows = xd[0] * xd[1], g = w.dim(0), in = w.dim(1);
        Tensor gx = Tensor.zeros(xd);
        Gemm.sgemm(false, false, rows, in, g, 1f, d, 0, g, w.data(), w.offset(), in, 0f, gx.data(), 0, in);
        return gx;
    }

    /**
     * {@code grad(w) = dᵀ [G, T·B] · a [T·B, K]} for a {@code [G, K]} weight, or null when w needs none.
     * Computed as {@code (aᵀ · d)ᵀ}: a GEMM reading the narrow {@code a} transposed packs K·T·B values,
     * where reading d transposed would pack G·T·B (4x more for an LSTM with K = H) on every thread.
     */
    static Tensor weightGrad(Variable w, float[] d, float[] a, int aOff, int rows) {
        if (!w.requiresGrad()) return null;
        int g = w.dims()[0], k = w.dims()[1];
        Tensor gwT = Tensor.zeros(k, g);
        Gemm.sgemm(true, false, k, g, rows, 1f, a, aOff, k, d, 0, g, 0f, gwT.data(), 0, g);
        return gwT.t();
    }

    /** {@code grad(b) = Σ_rows d [rows, G]}, or null when b is absent or needs none. */
    static Tensor biasGrad(Variable b, float[] d, int rows) {
        if (b == null || !b.requiresGrad()) return null;
        return Reductions.sum(Tensor.wrap(d, rows, b.dims()[0]), 0);
    }

    /** Gradient of an initial state from the per-row buffer, or null when it is absent or needs none. */
    static Tensor stateGrad(Variable state, float[] d, int batch, int hidden) {
        if (state == null || !state.requiresGrad()) return null;
        return Tensor.wrap(d, batch, hidden);
    }

    /**
     * Splits the packed value of a layer ({@code [T + 1, B, H]} hidden slots, followed for an LSTM by one
     * {@code [B, H]} slot with the final cell state) into output, final hidden and final cell state.
     */
    static RecurrentResult split(Variable packed, Dims d, boolean reverse, boolean withCell) {
        int t = d.steps(), b = d.batch(), h = d.hidden();
        Variable output = Indexing.narrow(packed, 0, d.outSlot(0, reverse), t);
        Variable last = Shaping.reshape(Indexing.narrow(packed, 0, d.finalSlot(reverse), 1), b, h);
        Variable cell = withCell ? Shaping.reshape(Indexing.narrow(packed, 0, t + 1, 1), b, h) : null;
        return new RecurrentResult(output, last, cell);
    }
}
