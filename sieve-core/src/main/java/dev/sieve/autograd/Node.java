package dev.sieve.autograd;

import dev.sieve.tensor.Tensor;
import java.util.List;

/**
 * One recorded operation: the inputs it read and a closure that maps the gradient of its output to the
 * gradients of its inputs (one per input, in order; null for an input that needs none).
 */
public final class Node {
    /** Maps d(loss)/d(output) to d(loss)/d(input) for every input. */
    @FunctionalInterface
    public interface BackwardFn {
        Tensor[] apply(Tensor gradOutput);
    }

    private final String name;
    private final List<Variable> inputs;
    private final BackwardFn backward;

    Node(String name, List<Variable> inputs, BackwardFn backward) {
        this.name = name;
        this.inputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
        this.backward = backward;
    }

    /** The operation's name, for messages and debugging. */
    public String name() {
        return name;
    }

    /** The inputs, in order; an entry is null where an optional input (e.g. a bias) was absent. */
    public List<Variable> inputs() {
        return inputs;
    }

    Tensor[] backward(Tensor gradOutput) {
        Tensor[] grads = backward.apply(gradOutput);
        if (grads.length != inputs.size()) {
            throw new IllegalStateException(name + ": backward returned " + grads.length + " gradients for " + inputs.size() + " inputs");
        }
        return grads;
    }

    @Override
    public String toString() {
        return "Node[" + name + "]";
    }
}
