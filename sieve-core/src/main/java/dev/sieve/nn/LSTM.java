package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.RecurrentResult;
import dev.sieve.autograd.Variable;

/**
 * A multi-layer LSTM with PyTorch's semantics ({@code torch.nn.LSTM}): gates i, f, g, o stacked along the
 * {@code 4·hidden} rows of the weights,
 * <pre>
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)   f = σ(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg) o = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f·c + i·g                         h' = o·tanh(c')
 * </pre>
 * Parameters {@code weight_ih_l{k} [4H, in]}, {@code weight_hh_l{k} [4H, H]}, {@code bias_ih_l{k}},
 * {@code bias_hh_l{k} [4H]} (suffix {@code _reverse} for the backward direction), all initialised
 * U(−1/√H, 1/√H) like PyTorch. Input {@code [T, B, in]}, or {@code [B, T, in]} when batch-first, or
 * unbatched {@code [T, in]}; initial states {@code [L·D, B, H]}, zeros when absent. Each layer and
 * direction is one fused autograd node (time-step GEMMs forward, BPTT backward).
 */
public final class LSTM extends RnnBase {
    /** One layer, time-major, with biases; initialised from the global generator. */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, false, true);
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, 0, false, Init.nextSeed());
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, long seed) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, 0, false, seed);
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, double dropout, boolean bidirectional) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, dropout, bidirectional, Init.nextSeed());
    }

    /**
     * @param dropout probability of dropping outputs of every layer but the last, in training mode
     * @param bidirectional adds a reverse direction per layer; outputs are concatenated (forward first)
     */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, double dropout, boolean bidirectional,
                long seed) {
        super("LSTM", 4, inputSize, hiddenSize, numLayers, batchFirst, bias, dropout, bidirectional, seed);
    }

    /** Runs from zero initial states. */
    public RnnOutput forward(Variable x) {
        return forward(x, null, null);
    }

    /** Runs from initial states h0, c0 ({@code [L·D, B, H]}, either may be null for zeros). */
    public RnnOutput forward(Variable x, Variable h0, Variable c0) {
        return run(x, h0, c0, true);
    }

    @Override
    RecurrentResult layer(Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh, Variable bHh, boolean reverse) {
        return Functions.lstmLayer(x, h0, c0, wIh, wHh, bIh, bHh, reverse);
    }
}
