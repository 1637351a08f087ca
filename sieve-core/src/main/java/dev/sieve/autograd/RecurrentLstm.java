package dev.sieve.autograd;

import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.RecurrentKernels;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.tensor.Tensor;

/**
 * One LSTM layer in one direction as a single autograd node, with PyTorch's equations and gate order
 * (i, f, g, o along the {@code 4H} rows of the weights):
 *
 * <pre>
 *   [i f g o] = x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh      i, f, o through σ, g through tanh
 *   c_t = f·c_{t-1} + i·g        h_t = o·tanh(c_t)
 * </pre>
 *
 * <p>Forward: the input half of the gates for all steps is one GEMM; each step then adds
 * {@code h_{t-1}·W_hhᵀ} (a {@code [rows, H] x [H, 4H]} GEMM) and applies the cell in place. The activated
 * gates, cell states and tanh(c_t) are kept for backward.
 *
 * <p>Backward (BPTT): walking the steps in reverse, the gate pre-activation gradients of each step are
 * computed element-wise and {@code dh_{t-1} = dGates_t·W_hh}. The input and weight gradients then come
 * from three GEMMs over all steps at once: {@code dX = dGates·W_ih}, {@code dW_ih = dGatesᵀ·X},
 * {@code dW_hh = dGatesᵀ·H_prev}; the two bias gradients are the column sums of dGates.
 */
final class RecurrentLstm {
    private static final int GATES = 4;

    private RecurrentLstm() {}

    static RecurrentResult forward(Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh, Variable bHh,
                                   boolean reverse) {
        Recurrent.Dims d = Recurrent.check("lstm", GATES, x, wIh, wHh, bIh, bHh, h0, c0);
        int steps = d.steps(), batch = d.batch(), hidden = d.hidden(), g = GATES * hidden, slot = batch * hidden;
        float[] whhT = Recurrent.transposed(wHh.value());
        float[] gates = Recurrent.project(x.value(), wIh.value(), bIh, bHh);
        // Hidden slots 0..T, then the final cell state: the node's one output, split into three views.
        float[] packed = new float[(steps + 2) * slot];
        float[] cells = new float[(steps + 1) * slot];
        float[] tanhCells = new float[steps * slot];
        Recurrent.setInitial(packed, d.initialSlot(reverse), h0, batch, hidden);
        Recurrent.setInitial(cells, d.initialSlot(reverse), c0, batch, hidden);
        DenseKernels k = VectorizationProvider.get().dense();
        RecurrentKernels cellKernels = VectorizationProvider.get().kernels(RecurrentKernels.class);
        Recurrent.overRows(batch, (b0, b1) -> {
            int rows = b1 - b0;
            for (int s = 0; s < steps; s++) {
                int t = d.timeOfStep(s, reverse);
                int gOff = (t * batch + b0) * g;
                int prev = d.prevSlot(t, reverse) * slot + b0 * hidden, out = d.outSlot(t, reverse) * slot + b0 * hidden;
                Gemm.sgemm(false, false, rows, g, hidden, 1f, packed, prev, hidden, whhT, 0, g,
                        1f, gates, gOff, g, Recurrent.SERIAL);
                for (int r = 0; r < rows; r++) {
                    int go = gOff + r * g;
                    k.unary(UnaryOp.SIGMOID, gates, go, gates, go, 2 * hidden);
                    k.unary(UnaryOp.TANH, gates, go + 2 * hidden, gates, go + 2 * hidden, hidden);
                    k.unary(UnaryOp.SIGMOID, gates, go + 3 * hidden, gates, go + 3 * hidden, hidden);
                    cellKernels.lstmCell(gates, go, cells, prev + r * hidden, out + r * hidden, hidden);
                }
                int tc = t * slot + b0 * hidden;
                k.unary(UnaryOp.TANH, cells, out, tanhCells, tc, rows * hidden);
                for (int r = 0; r < rows; r++) {
                    k.mul(gates, gOff + r * g + 3 * hidden, tanhCells, tc + r * hidden, packed, out + r * hidden, hidden);
                }
            }
        });
        System.arraycopy(cells, d.finalSlot(reverse) * slot, packed, (steps + 1) * slot, slot);
        Variable all = Variable.result("lstm", Tensor.wrap(packed, steps + 2, batch, hidden),
                grad -> backward(grad, d, reverse, gates, cells, tanhCells, packed, x, h0, c0, wIh, wHh, bIh, bHh),
                x, h0, c0, wIh, wHh, bIh, bHh);
        return Recurrent.split(all, d, reverse, true);
    }

    private static Tensor[] backward(Tensor grad, Recurrent.Dims d, boolean reverse, float[] gates, float[] cells, float[] tanhCells,
                                     float[] packed, Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh,
                                     Variable bHh) {
        int steps = d.steps(), batch = d.batch(), hidden = d.hidden(), g = GATES * hidden, slot = batch * hidden;
        float[] gd = grad.data();
        int gBase = grad.offset();
        Tensor whh = wHh.value();
        float[] dGates = new float[steps * batch * g];
        float[] dh0 = new float[slot], dc0 = new float[slot];
        RecurrentKernels cellKernels = VectorizationProvider.get().kernels(RecurrentKernels.class);
        DenseKernels k = VectorizationProvider.get().dense();
        Recurrent.overRows(batch, (b0, b1) -> {
            int rows = b1 - b0;
            float[] dh = new float[rows * hidden];
            float[] dc = new float[rows * hidden];
            System.arraycopy(gd, gBase + (steps + 1) * slot + b0 * hidden, dc, 0, rows * hidden);
            for (int s = steps - 1; s >= 0; s--) {
                int t = d.timeOfStep(s, reverse);
                int out = gBase + d.outSlot(t, reverse) * slot + b0 * hidden;
                k.add(dh, 0, gd, out, dh, 0, rows * hidden);
                int gOff = (t * batch + b0) * g;
                int prev = d.prevSlot(t, reverse) * slot + b0 * hidden;
                int tc = t * slot + b0 * hidden;
                for (int r = 0; r < rows; r++) {
                    cellKernels.lstmCellBackward(gates, gOff + r * g, cells, prev + r * hidden, tanhCells, tc + r * hidden, dh, r * hidden,
                            dc, r * hidden, dGates, hidden);
                }
                Gemm.sgemm(false, false, rows, hidden, g, 1f, dGates, gOff, g, whh.data(), whh.offset(), hidden,
                        0f, dh, 0, hidden, Recurrent.SERIAL);
            }
            System.arraycopy(dh, 0, dh0, b0 * hidden, rows * hidden);
            System.arraycopy(dc, 0, dc0, b0 * hidden, rows * hidden);
        });
        int rows = steps * batch;
        // Both biases enter every gate unchanged, so they share one gradient.
        Tensor dbIh = Recurrent.biasGrad(bIh, dGates, rows);
        Tensor dbHh = dbIh != null && bHh != null && bHh.requiresGrad() ? dbIh.copy() : Recurrent.biasGrad(bHh, dGates, rows);
        return new Tensor[] {
                Recurrent.inputGrad(x, dGates, wIh.value()),
                Recurrent.stateGrad(h0, dh0, batch, hidden),
                Recurrent.stateGrad(c0, dc0, batch, hidden),
                Recurrent.weightGrad(wIh, dGates, x.value().data(), x.value().offset(), rows),
                Recurrent.weightGrad(wHh, dGates, packed, d.prevSlot(0, reverse) * slot, rows),
                dbIh, dbHh};
    }
}
