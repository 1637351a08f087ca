package dev.sieve.train;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Layer;
import dev.sieve.tensor.Tensor;

/** Classification metrics, computed in eval mode without recording gradients. */
public final class Evaluation {
    private Evaluation() {}

    /**
     * The fraction of rows of {@code inputs} ([n, ...]) whose arg-max logit equals the label, evaluated in
     * chunks of {@code chunk} examples. The model's training mode is restored afterwards.
     */
    public static double accuracy(Layer model, Tensor inputs, int[] labels, int chunk) {
        if (inputs.rank() < 1 || inputs.dim(0) != labels.length)
            throw new IllegalArgumentException("inputs " + inputs.shape() + " do not match " + labels.length + " labels");
        if (chunk < 1) throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        int n = labels.length;
        if (n == 0) return Double.NaN;
        boolean wasTraining = model.isTraining();
        model.eval();
        int correct = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int start = 0; start < n; start += chunk) {
                int m = Math.min(chunk, n - start);
                Tensor logits = model.forward(Variable.constant(inputs.slice(0, start, start + m).copy())).value();
                correct += countCorrect(logits, labels, start);
            }
        } finally {
            model.train(wasTraining);
        }
        return (double) correct / n;
    }

    /** Rows of {@code logits} [m, classes] whose arg-max equals {@code labels[offset + row]}. */
    static int countCorrect(Tensor logits, int[] labels, int offset) {
        if (logits.rank() != 2) throw new IllegalArgumentException("logits must be [batch, classes], got " + logits.shape());
        int m = logits.dim(0), classes = logits.dim(1), correct = 0;
        float[] d = logits.data();
        int o = logits.offset();
        for (int i = 0; i < m; i++) {
            int row = o + i * classes, best = 0;
            for (int c = 1; c < classes; c++) if (d[row + c] > d[row + best]) best = c;
            if (best == labels[offset + i]) correct++;
        }
        return correct;
    }
}
