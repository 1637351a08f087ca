package dev.sieve.kernel;

/**
 * The element-wise parts of the fused LSTM and GRU cells (dev.sieve.autograd.RecurrentLstm,
 * RecurrentGru), one batch row of {@code n} hidden units per call.
 *
 * <p>A row of gates is {@code k·n} contiguous floats starting at {@code go}, one block of n per gate in
 * PyTorch's order: LSTM {@code [i f g o]} (activated), GRU {@code [r z n]}. Every implementation
 * performs the same float multiplications and additions in the same order (no fused multiply-add), so
 * results are bit-identical to {@link ScalarRecurrentKernels}.
 */
public interface RecurrentKernels {

    /** LSTM cell state: {@code c[out+j] = f·c[prev+j] + i·g}. */
    void lstmCell(float[] gates, int go, float[] c, int prev, int out, int n);

    /**
     * LSTM backward through one step for one row. In: dh = dL/dh_t ({@code dh[dhOff..]}), dc = dL/dc_t
     * from later steps ({@code dc[dcOff..]}), the activated gates, c_{t-1} ({@code c[prev..]}) and
     * tanh(c_t) ({@code tanhC[tc..]}). Writes the gate pre-activation gradients to {@code dGates[go..]}
     * (same layout as the gates) and replaces dc by dL/dc_{t-1} through this step:
     * <pre>
     *   dc' = dc + dh·o·(1 − tanh²c)       di = dc'·g·i·(1 − i)      df = dc'·c_{t-1}·f·(1 − f)
     *   dg = dc'·i·(1 − g²)                do = dh·tanh c·o·(1 − o)  dc ← dc'·f
     * </pre>
     */
    void lstmCellBackward(float[] gates, int go, float[] c, int prev, float[] tanhC, int tc, float[] dh, int dhOff,
                          float[] dc, int dcOff, float[] dGates, int n);

    /** GRU new-gate pre-activation: {@code gates[n block] += r·hiddenHalf[n block]} (both rows at go). */
    void gruNewGate(float[] gates, float[] hiddenHalf, int go, int n);

    /** GRU state update {@code h[out+j] = n + z·(h[prev+j] − n)}, i.e. (1 − z)·n + z·h. */
    void gruUpdate(float[] gates, int go, float[] h, int prev, int out, int n);

    /**
     * GRU backward through one step for one row. In: dh = dL/dh_t ({@code dh[dhOff..]}), the activated
     * r, z, n at go, the hidden half {@code W_hh·h + b_hh} at go, h_{t-1} ({@code h[prev..]}). Writes
     * the gradients of the input half and the hidden half of the pre-activations at go and replaces dh
     * by its direct part z·dh:
     * <pre>
     *   dn = dh·(1 − z)·(1 − n²)   dr = dn·hn·r·(1 − r)   dz = dh·(h_{t-1} − n)·z·(1 − z)
     *   input half [dr dz dn]      hidden half [dr dz dn·r]
     * </pre>
     */
    void gruCellBackward(float[] gates, float[] hiddenHalf, int go, float[] h, int prev, float[] dh, int dhOff,
                         float[] dInputHalf, float[] dHiddenHalf, int n);
}
