package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.RecurrentResult;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What {@link LSTM} and {@link GRU} share: PyTorch's parameters and their names, the stacking of layers
 * and directions, batch-first and unbatched inputs, initial states, and dropout between layers. Each
 * layer and direction runs as one fused autograd node ({@link Functions#lstmLayer},
 * {@link Functions#gruLayer}).
 */
abstract class RnnBase extends Module {
    private final String kind;
    private final int inputSize, hiddenSize, numLayers, directions;
    private final boolean batchFirst, bias;
    private final double dropout;
    private final SplittableRandom dropoutRng;
    /** Per layer and direction (index layer·D + direction): w_ih, w_hh, b_ih, b_hh (biases may be null). */
    private final Variable[][] weights;

    RnnBase(String kind, int gates, int inputSize, int hiddenSize, int numLayers, boolean batchFirst, boolean bias, double dropout,
            boolean bidirectional, long seed) {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException(kind + ": inputSize, hiddenSize and numLayers must be positive, got "
                    + inputSize + ", " + hiddenSize + ", " + numLayers);
        }
        if (!(dropout >= 0 && dropout <= 1)) throw new IllegalArgumentException(kind + ": dropout must be in [0, 1], got " + dropout);
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.directions = bidirectional ? 2 : 1;
        this.batchFirst = batchFirst;
        this.bias = bias;
        this.dropout = dropout;
        SplittableRandom seeds = new SplittableRandom(seed);
        this.dropoutRng = seeds.split();
        // PyTorch's reset_parameters: every weight and bias ~ U(-1/√H, 1/√H), registered in its order.
        double bound = 1.0 / Math.sqrt(hiddenSize);
        int g = gates * hiddenSize;
        this.weights = new Variable[numLayers * directions][];
        for (int layer = 0; layer < numLayers; layer++) {
            int in = layer == 0 ? inputSize : hiddenSize * directions;
            for (int dir = 0; dir < directions; dir++) {
                String suffix = "_l" + layer + (dir == 1 ? "_reverse" : "");
                Variable[] w = new Variable[4];
                w[0] = param("weight_ih" + suffix, Init.uniform(seeds.nextLong(), -bound, bound, g, in));
                w[1] = param("weight_hh" + suffix, Init.uniform(seeds.nextLong(), -bound, bound, g, hiddenSize));
                if (bias) {
                    w[2] = param("bias_ih" + suffix, Init.uniform(seeds.nextLong(), -bound, bound, g));
                    w[3] = param("bias_hh" + suffix, Init.uniform(seeds.nextLong(), -bound, bound, g));
                }
                weights[layer * directions + dir] = w;
            }
        }
    }

    private Variable param(String name, Tensor value) {
        return registerParameter(name, Variable.parameter(value));
    }

    /** One layer in one direction; {@code c0} is null for a GRU. */
    abstract RecurrentResult layer(Variable x, Variable h0, Variable c0, Variable wIh, Variable wHh, Variable bIh, Variable bHh,
                                   boolean reverse);

    /** Runs every layer and direction; {@code withCell} says whether final cell states exist (LSTM). */
    RnnOutput run(Variable x, Variable h0, Variable c0, boolean withCell) {
        int[] xd = x.dims();
        if (xd.length != 2 && xd.length != 3) {
            throw new IllegalArgumentException(kind + ": input must be " + (batchFirst ? "[batch, seq, " : "[seq, batch, ") + inputSize
                    + "] or unbatched [seq, " + inputSize + "], got shape " + x.shape());
        }
        if (xd[xd.length - 1] != inputSize) {
            throw new IllegalArgumentException(kind + ": input has " + xd[xd.length - 1] + " features, the layer expects inputSize "
                    + inputSize + " (shape " + x.shape() + ")");
        }
        boolean unbatched = xd.length == 2;
        int states = numLayers * directions;
        Variable seq;
        if (unbatched) {
            seq = Functions.reshape(x, xd[0], 1, inputSize);
        } else {
            seq = batchFirst ? Functions.transpose(x, 0, 1) : x;
        }
        int steps = seq.dims()[0], batch = seq.dims()[1];
        h0 = initialState("h0", h0, unbatched, states, batch);
        c0 = initialState("c0", c0, unbatched, states, batch);

        List<Variable> hs = new ArrayList<>(), cs = new ArrayList<>();
        Variable layerIn = seq;
        for (int layer = 0; layer < numLayers; layer++) {
            Variable[] outs = new Variable[directions];
            for (int dir = 0; dir < directions; dir++) {
                int idx = layer * directions + dir;
                Variable[] w = weights[idx];
                RecurrentResult r = layer(layerIn, stateOf(h0, idx, batch), stateOf(c0, idx, batch), w[0], w[1], w[2], w[3], dir == 1);
                outs[dir] = r.output();
                hs.add(r.h());
                if (withCell) cs.add(r.c());
            }
            Variable out = directions == 1 ? outs[0] : Functions.cat(2, outs);
            if (layer < numLayers - 1 && dropout > 0 && isTraining()) out = applyDropout(out);
            layerIn = out;
        }
        Variable output = layerIn, h = stacked(hs, batch), c = withCell ? stacked(cs, batch) : null;
        if (unbatched) {
            output = Functions.reshape(output, steps, directions * hiddenSize);
            h = Functions.reshape(h, states, hiddenSize);
            if (c != null) c = Functions.reshape(c, states, hiddenSize);
        } else if (batchFirst) {
            output = Functions.transpose(output, 0, 1);
        }
        return new RnnOutput(output, h, c);
    }

    /** Checks an initial state against {@code [L·D, B, H]} (or {@code [L·D, H]} unbatched); returns it 3-D. */
    private Variable initialState(String name, Variable s, boolean unbatched, int states, int batch) {
        if (s == null) return null;
        int[] expected = unbatched ? new int[] {states, hiddenSize} : new int[] {states, batch, hiddenSize};
        if (!Arrays.equals(s.dims(), expected)) {
            throw new IllegalArgumentException(kind + ": " + name + " must have shape " + Arrays.toString(expected)
                    + " (layers·directions, " + (unbatched ? "" : "batch, ") + "hidden), got " + s.shape());
        }
        return unbatched ? Functions.reshape(s, states, 1, hiddenSize) : s;
    }

    private Variable stateOf(Variable s, int idx, int batch) {
        if (s == null) return null;
        return Functions.reshape(Functions.narrow(s, 0, idx, 1), batch, hiddenSize);
    }

    private Variable stacked(List<Variable> finals, int batch) {
        if (finals.size() == 1) return Functions.reshape(finals.get(0), 1, batch, hiddenSize);
        return Functions.stack(0, finals.toArray(new Variable[0]));
    }

    /** Inverted dropout between layers (training mode only), as {@link Dropout}, from this module's generator. */
    private Variable applyDropout(Variable x) {
        Tensor mask = Tensor.zeros(x.dims());
        float[] m = mask.data();
        float keep = dropout == 1 ? 0f : (float) (1.0 / (1.0 - dropout));
        synchronized (dropoutRng) {
            for (int i = 0; i < m.length; i++) m[i] = dropoutRng.nextDouble() >= dropout ? keep : 0f;
        }
        return Functions.mul(x, Variable.constant(mask));
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int numLayers() {
        return numLayers;
    }

    public boolean batchFirst() {
        return batchFirst;
    }

    public boolean bidirectional() {
        return directions == 2;
    }

    public boolean hasBias() {
        return bias;
    }

    /** Dropout probability on the outputs of every layer but the last, in training mode. */
    public double dropout() {
        return dropout;
    }
}
