package dev.sieve.autograd;

import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.RecurrentKernels;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.tensor.Tensor;

/**
 * One GRU layer in one direction as a single autograd node, with PyTorch's equations and gate order
 * (r, z, n along the {@code 3H} rows of the weights):
 *
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r·(W_hn h + b_hn))
 *   h' = (1 − z)·n + z·h
 * </pre>
 *
 * <p>Because r multiplies only the hidden half of n, the two halves are kept apart: the input half for
 * all steps is one GEMM ({@code xp}), the hidden half {@code hp = h·W_hhᵀ + b_hh} one GEMM per step, kept
 * for backward. Backward produces separate gradients for the two halves ({@code dXp}, {@code dHp}; they
 * differ only in the n block, by the factor r), then {@code dX = dXp·W_ih}, {@code dW_ih = dXpᵀ·X},
 * {@code dW_hh = dHpᵀ·H_prev} over all steps at once.
 */
final class RecurrentGru {
    private static final int GATES = 3;

    private RecurrentGru() {}

    static RecurrentResult forward(Variable x, Variable h0, Variable wIh, Variable wHh, Variable bIh, Variable bHh, boolean reverse) {
        Recurrent.Dims d = Recurrent.check("gru", GATES, x, wIh, wHh, bIh, bHh, h0);
        int steps = d.steps(), batch = d.batch(), hidden = d.hidden(), g = GATES * hidden, slot = batch * hidden;
        float[] whhT = Recurrent.transposed(wHh.value());
        float[] bias = bHh == null ? null : bHh.value().toArray();
        // Holds the input half x·W_ihᵀ + b_ih, overwritten step by step with the activated r, z, n.
        float[] gates = Recurrent.project(x.value(), wIh.value(), bIh, null);
        float[] hiddenHalf = new float[steps * batch * g];
        float[] packed = new float[(steps + 1) * slot];
        Recurrent.setInitial(packed, d.initialSlot(reverse), h0, batch, hidden);
        DenseKernels k = VectorizationProvider.get().dense();
        RecurrentKernels cellKernels = VectorizationProvider.get().kernels(RecurrentKernels.class);
        Recurrent.overRows(batch, (b0, b1) -> {
            int rows = b1 - b0;
            for (int s = 0; s < steps; s++) {
                int t = d.timeOfStep(s, reverse);
                int gOff = (t * batch + b0) * g;
                int prev = d.prevSlot(t, reverse) * slot + b0 * hidden, out = d.outSlot(t, reverse) * slot + b0 * hidden;
                if (bias != null) for (int r = 0; r < rows; r++) System.arraycopy(bias, 0, hiddenHalf, gOff + r * g, g);
                Gemm.sgemm(false, false, rows, g, hidden, 1f, packed, prev, hidden, whhT, 0, g,
                        bias == null ? 0f : 1f, hiddenHalf, gOff, g, Recurrent.SERIAL);
                for (int r = 0; r < rows; r++) {
                    int go = gOff + r * g;
                    k.add(gates, go, hiddenHalf, go, gates, go, 2 * hidden);
                    k.unary(UnaryOp.SIGMOID, gates, go, gates, go, 2 * hidden);
                    cellKernels.gruNewGate(gates, hiddenHalf, go, hidden);
                    k.unary(UnaryOp.TANH, gates, go + 2 * hidden, gates, go + 2 * hidden, hidden);
                    cellKernels.gruUpdate(gates, go, packed, prev + r * hidden, out + r * hidden, hidden);
                }
            }
        });
        Variable all = Variable.result("gru", Tensor.wrap(packed, steps + 1, batch, hidden),
                grad -> backward(grad, d, reverse, gates, hiddenHalf, packed, x, h0, wIh, wHh, bIh, bHh),
                x, h0, wIh, wHh, bIh, bHh);
        return Recurrent.split(all, d, reverse, false);
    }

    private static Tensor[] backward(Tensor grad, Recurrent.Dims d, boolean reverse, float[] gates, float[] hiddenHalf, float[] packed,
                                     Variable x, Variable h0, Variable wIh, Variable wHh, Variable bIh, Variable bHh) {
        int steps = d.steps(), batch = d.batch(), hidden = d.hidden(), g = GATES * hidden, slot = batch * hidden;
        float[] gd = grad.data();
        int gBase = grad.offset();
        Tensor whh = wHh.value();
        float[] dInputHalf = new float[steps * batch * g];
        float[] dHiddenHalf = new float[steps * batch * g];
        float[] dh0 = new float[slot];
        RecurrentKernels cellKernels = VectorizationProvider.get().kernels(RecurrentKernels.class);
        DenseKernels k = VectorizationProvider.get().dense();
        Recurrent.overRows(batch, (b0, b1) -> {
            int rows = b1 - b0;
            float[] dh = new float[rows * hidden];
            for (int s = steps - 1; s >= 0; s--) {
                int t = d.timeOfStep(s, reverse);
                int out = gBase + d.outSlot(t, reverse) * slot + b0 * hidden;
                k.add(dh, 0, gd, out, dh, 0, rows * hidden);
                int gOff = (t * batch + b0) * g;
                int prev = d.prevSlot(t, reverse) * slot + b0 * hidden;
                for (int r = 0; r < rows; r++) {
                    cellKernels.gruCellBackward(gates, hiddenHalf, gOff + r * g, packed, prev + r * hidden, dh, r * hidden,
                            dInputHalf, dHiddenHalf, hidden);
                }
                Gemm.sgemm(false, false, rows, hidden, g, 1f, dHiddenHalf, gOff, g, whh.data(), whh.offset(), hidden,
                        1f, dh, 0, hidden, Recurrent.SERIAL);
            }
            System.arraycopy(dh, 0, dh0, b0 * hidden, rows * hidden);
        });
        int rows = steps * batch;
        return new Tensor[] {
                Recurrent.inputGrad(x, dInputHalf, wIh.value()),
                Recurrent.stateGrad(h0, dh0, batch, hidden),
                Recurrent.weightGrad(wIh, dInputHalf, x.value().data(), x.value().offset(), rows),
                Recurrent.weightGrad(wHh, dHiddenHalf, packed, d.prevSlot(0, reverse) * slot, rows),
                Recurrent.biasGrad(bIh, dInputHalf, rows),
                Recurrent.biasGrad(bHh, dHiddenHalf, rows)};
    }
}
