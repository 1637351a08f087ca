package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;

/**
 * The reference multilayer perceptron 784-300-100-10 with ReLU (LeNet-300-100), for 28x28 images.
 *
 * <p>Parameter names match the PyTorch module
 * {@code fc1 = nn.Linear(784, 300); fc2 = nn.Linear(300, 100); fc3 = nn.Linear(100, 10)}:
 * {@code fc1.weight [300, 784]}, {@code fc1.bias [300]}, ..., {@code fc3.bias [10]}.
 * Input is {@code [n, 784]} or {@code [n, 28, 28]} (flattened); output logits {@code [n, 10]}.
 */
public final class Mlp extends Layer {
    public static final int IN = 784, HIDDEN1 = 300, HIDDEN2 = 100, OUT = 10;

    private final Linear fc1, fc2, fc3;

    /** Initialised from the global generator ({@code Init.manualSeed}). */
    public Mlp() {
        this(new Linear(IN, HIDDEN1, true), new Linear(HIDDEN1, HIDDEN2, true), new Linear(HIDDEN2, OUT, true));
    }

    /** Deterministic initialisation from {@code seed} (each layer gets its own derived seed). */
    public Mlp(long seed) {
        this(new Linear(IN, HIDDEN1, true, seed), new Linear(HIDDEN1, HIDDEN2, true, seed + 1),
                new Linear(HIDDEN2, OUT, true, seed + 2));
    }

    private Mlp(Linear fc1, Linear fc2, Linear fc3) {
        this.fc1 = registerModule("fc1", fc1);
        this.fc2 = registerModule("fc2", fc2);
        this.fc3 = registerModule("fc3", fc3);
    }

    @Override
    public Variable forward(Variable x) {
        int[] d = x.dims();
        if (d.length != 2) {
            if (d.length < 2) throw new IllegalArgumentException("Mlp expects [n, 784] or [n, 28, 28], got rank " + d.length);
            x = Functions.reshape(x, d[0], IN);
        }
        Variable h = Functions.relu(fc1.forward(x));
        h = Functions.relu(fc2.forward(h));
        return fc3.forward(h);
    }
}
