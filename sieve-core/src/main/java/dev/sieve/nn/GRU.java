package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.RecurrentResult;
import dev.sieve.autograd.Variable;

/**
 * A multi-layer GRU with PyTorch's semantics ({@code torch.nn.GRU}): gates r, z, n stacked along the
 * {@code 3·hidden} rows of the weights,
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)   z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r·(W_hn h + b_hn))
 *   h' = (1 − z)·n + z·h
 * </pre>
 * Parameters {@code weight_ih_l{k} [3H, in]}, {@code weight_hh_l{k} [3H, H]}, {@code bias_ih_l{k}},
 * {@code bias_hh_l{k} [3H]} (suffix {@code _reverse} for the backward direction), all initialised
 * U(−1/√H, 1/√H) like PyTorch. Input {@code [T, B, in]}, or {@code [B, T, in]} when batch-first, or
 * unbatched {@code [T, in]}; initial state {@code [L·D, B, H]}, zeros when absent. The result's cell
 * state is null.
 */
public final class GRU extends RnnBase {
    /** One layer, time-major, with biases; initialised from the global generator. */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, false, true);
    }

    public GRU(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, 0, false, Init.nextSeed());
    }

    public GRU(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, long seed) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, 0, false, seed);
    }

    public GRU(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, double dropout, boolean bidirectional) {
        this(inputSize, hiddenSize, numLayers, batchFirst, bias, dropout, bidirectional, Init.nextSeed());
    }

    /**
     * @param dropout probability of dropping outputs of every layer but the last, in training mode
     * @param bidirectional adds a reverse direction per layer; outputs are concatenated (forward first)
     */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, double dropout, boolean bidirectional,
               long seed) {
        super("GRU", 3, inputSize, hiddenSize, numLayers, batchFirst, bias, dropout, bidirectional, seed);
    }

    /** Runs from a zero initial state. */
    public RnnOutput forward(Variable x) {
        return forward(x, null);
    }

    /** Runs from initial state h0 ({@code [L·D, B, H]}, or null for zeros). */
    public RnnOutput forward(Variable x, Variable h0) {
        return run(x, h0, null, false);
    }

    @Override
    RecurrentResult layer(Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh, Variable bHh, boolean reverse) {
        return Functions.gruLayer(x, h0, wIh, wHh, bIh, bHh, reverse);
    }
}
