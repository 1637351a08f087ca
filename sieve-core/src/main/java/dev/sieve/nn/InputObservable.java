package dev.sieve.nn;

import dev.sieve.tensor.Tensor;
import java.util.function.Consumer;

/**
 * A layer that can show its inputs as the rows of the matrix its weight multiplies, {@code [tokens, cols]}
 * with {@code cols} the columns of the weight's 2-D view: a Linear's inputs as they are, a convolution's
 * input patches. Pruning scores that need activations (Wanda, SparseGPT) read them through this.
 */
public interface InputObservable {
    /** Sets (or, with null, clears) the function called with each forward pass's input matrix (read-only). */
    void setInputObserver(Consumer<Tensor> observer);

    /** Whether the layer is in training mode (observations during training are taken only then). */
    boolean isTraining();
}
