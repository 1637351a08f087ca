package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.LSTM;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;

/**
 * The reference recurrent classifier for 28x28 images: the 28 rows are a sequence of 28-pixel inputs to
 * a one-layer batch-first LSTM with 128 hidden units, and the final hidden state goes through a linear
 * layer to 10 logits.
 *
 * <p>Parameter names match the PyTorch module
 * {@code lstm = nn.LSTM(28, 128, num_layers=1, batch_first=True); fc = nn.Linear(128, 10)} with
 * {@code fc(h_n[-1])}: {@code lstm.weight_ih_l0 [512, 28]}, {@code lstm.weight_hh_l0 [512, 128]},
 * {@code lstm.bias_ih_l0}, {@code lstm.bias_hh_l0 [512]}, {@code fc.weight [10, 128]}, {@code fc.bias}.
 * Input {@code [n, 28, 28]}, {@code [n, 1, 28, 28]} or {@code [n, 784]}; output logits {@code [n, 10]}.
 */
public final class LstmClassifier extends Layer {
    public static final int ROWS = 28, COLUMNS = 28, HIDDEN = 128, OUT = 10;

    private final LSTM lstm;
    private final Linear fc;

    /** Initialised from the global generator ({@code Init.manualSeed}). */
    public LstmClassifier() {
        this(new LSTM(COLUMNS, HIDDEN, 1, true, true), new Linear(HIDDEN, OUT, true));
    }

    /** Deterministic initialisation from {@code seed} (the LSTM and fc get their own derived seeds). */
    public LstmClassifier(long seed) {
        this(new LSTM(COLUMNS, HIDDEN, 1, true, true, seed), new Linear(HIDDEN, OUT, true, seed + 1));
    }

    private LstmClassifier(LSTM lstm, Linear fc) {
        this.lstm = registerModule("lstm", lstm);
        this.fc = registerModule("fc", fc);
    }

    @Override
    public Variable forward(Variable x) {
        int[] d = x.dims();
        boolean images = (d.length == 3 && d[1] == ROWS && d[2] == COLUMNS)
                || (d.length == 4 && d[1] == 1 && d[2] == ROWS && d[3] == COLUMNS)
                || (d.length == 2 && d[1] == ROWS * COLUMNS);
        if (!images) {
            throw new IllegalArgumentException("LstmClassifier expects [n, 28, 28], [n, 1, 28, 28] or [n, 784], got " + x.shape());
        }
        if (d.length != 3) x = Functions.reshape(x, d[0], ROWS, COLUMNS);
        Variable h = lstm.forward(x).h();
        return fc.forward(Functions.reshape(h, d[0], HIDDEN));
    }

    public LSTM lstm() {
        return lstm;
    }

    public Linear fc() {
        return fc;
    }
}
