package dev.sieve.prune;

import dev.sieve.io.data.Batch;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Data for one-shot pruning ({@link Pruner#pruneNow(Calibration)}): model inputs, for scores that watch
 * layer inputs (Wanda, SparseGPT), and optionally labels with a loss, for scores that need gradients
 * (Taylor, movement). It is iterated once per pruning unit, so it must be re-iterable.
 */
public final class Calibration {
    private final Iterable<Tensor> inputs;
    private final Iterable<Batch> batches;
    private final CrossEntropyLoss loss;

    private Calibration(Iterable<Tensor> inputs, Iterable<Batch> batches, CrossEntropyLoss loss) {
        this.inputs = inputs;
        this.batches = batches;
        this.loss = loss;
    }

    /** No data: only scores that need none (magnitude) can prune. */
    public static Calibration none() {
        return new Calibration(List.of(), null, null);
    }

    /** Input batches [n, ...] for the model's forward pass (no labels: no gradients). */
    public static Calibration inputs(Iterable<Tensor> inputs) {
        return new Calibration(java.util.Objects.requireNonNull(inputs, "inputs"), null, null);
    }

    /** Labelled batches with cross-entropy: inputs and gradients. */
    public static Calibration batches(Iterable<Batch> batches) {
        return batches(batches, new CrossEntropyLoss());
    }

    public static Calibration batches(Iterable<Batch> batches, CrossEntropyLoss loss) {
        return new Calibration(null, java.util.Objects.requireNonNull(batches, "batches"), java.util.Objects.requireNonNull(loss, "loss"));
    }

    /** The first {@code count} batches of {@code batches}, kept in memory so they can be iterated again. */
    public static List<Batch> take(Iterable<Batch> batches, int count) {
        List<Batch> out = new ArrayList<>();
        for (Batch b : batches) {
            if (out.size() >= count) break;
            out.add(b);
        }
        return out;
    }

    boolean hasLabels() {
        return batches != null;
    }

    boolean isEmpty() {
        return batches == null ? !inputs.iterator().hasNext() : !batches.iterator().hasNext();
    }

    Iterable<Batch> labelled() {
        return batches;
    }

    Iterable<Tensor> unlabelled() {
        return inputs;
    }

    CrossEntropyLoss loss() {
        return loss;
    }
}
