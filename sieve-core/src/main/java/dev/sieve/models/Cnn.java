package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Conv2d;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;

/**
 * The reference convolutional network for 28x28 single-channel images, "conv32-pool-conv64-pool-fc128":
 * conv 3x3 (1→32, padding 1), ReLU, max-pool 2; conv 3x3 (32→64, padding 1), ReLU, max-pool 2;
 * fully connected 3136→128, ReLU; fully connected 128→10.
 *
 * <p>Parameter names match the PyTorch module with {@code conv1 = nn.Conv2d(1, 32, 3, padding=1)},
 * {@code conv2 = nn.Conv2d(32, 64, 3, padding=1)}, {@code fc1 = nn.Linear(64*7*7, 128)},
 * {@code fc2 = nn.Linear(128, 10)}: {@code conv1.weight [32, 1, 3, 3]}, {@code conv1.bias [32]}, ...,
 * {@code fc2.bias [10]}. Input is {@code [n, 1, 28, 28]}, {@code [n, 28, 28]} or {@code [n, 784]}; output
 * logits {@code [n, 10]}.
 *
 * <p>Each ReLU and the max-pool after it run as one op: max-pooling commutes with ReLU, so values and
 * gradients are those of PyTorch's conv, ReLU, pool order (where a window's maximum is ≤ 0 the gradient
 * is 0 either way). The first block is one op altogether ({@code Functions.conv2dReluMaxPool2d}), the
 * second a convolution and {@code Functions.reluMaxPool2d}.
 */
public final class Cnn extends Layer {
    public static final int SIDE = 28, CLASSES = 10, CONV1 = 32, CONV2 = 64, HIDDEN = 128;
    private static final int FLAT = CONV2 * 7 * 7;

    private final Conv2d conv1, conv2;
    private final Linear fc1, fc2;
    private static final int[] POOL = {2};

    /** Initialised from the global generator ({@code Init.manualSeed}). */
    public Cnn() {
        this(new Conv2d(1, CONV1, 3, 1, 1, 1, 1, true), new Conv2d(CONV1, CONV2, 3, 1, 1, 1, 1, true),
                new Linear(FLAT, HIDDEN, true), new Linear(HIDDEN, CLASSES, true));
    }

    /** Deterministic initialisation from {@code seed} (each layer gets its own derived seed). */
    public Cnn(long seed) {
        this(new Conv2d(1, CONV1, 3, 1, 1, 1, 1, true, seed), new Conv2d(CONV1, CONV2, 3, 1, 1, 1, 1, true, seed + 1),
                new Linear(FLAT, HIDDEN, true, seed + 2), new Linear(HIDDEN, CLASSES, true, seed + 3));
    }

    private Cnn(Conv2d conv1, Conv2d conv2, Linear fc1, Linear fc2) {
        this.conv1 = registerModule("conv1", conv1);
        this.conv2 = registerModule("conv2", conv2);
        this.fc1 = registerModule("fc1", fc1);
        this.fc2 = registerModule("fc2", fc2);
    }

    @Override
    public Variable forward(Variable x) {
        int[] d = x.dims();
        boolean ok = d.length == 4 ? d[1] == 1 && d[2] == SIDE && d[3] == SIDE
                : d.length == 3 ? d[1] == SIDE && d[2] == SIDE
                : d.length == 2 && d[1] == SIDE * SIDE;
        if (!ok) {
            throw new IllegalArgumentException("Cnn expects [n, 1, 28, 28], [n, 28, 28] or [n, 784], got " + java.util.Arrays.toString(d));
        }
        if (d.length != 4) x = Functions.reshape(x, d[0], 1, SIDE, SIDE);
        // conv1's output is 32x the size of its input: its ReLU and pooling are fused into the convolution.
        conv1.observeInput(x); // the fused call below bypasses conv1.forward
        Variable h = Functions.conv2dReluMaxPool2d(x, conv1.weight(), conv1.bias(), conv1.stride(), conv1.padding(), conv1.dilation(), 1);
        h = Functions.reluMaxPool2d(conv2.forward(h), POOL, null, null, null);
        h = Functions.reshape(h, d[0], FLAT);
        h = Functions.relu(fc1.forward(h));
        return fc2.forward(h);
    }
}
