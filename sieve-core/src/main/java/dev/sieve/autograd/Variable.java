package dev.sieve.autograd;

import dev.sieve.ops.Elementwise;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of the autograd graph: a dense tensor value, whether gradients flow to it, the {@link Node}
 * that produced it (null for a leaf), and, for leaves that require gradients, the gradient accumulated
 * by {@link #backward()} calls.
 *
 * <p>Values are never modified by autograd; gradients are fresh tensors, summed (not overwritten) when
 * backward runs more than once, until {@link #zeroGrad()}.
 */
public final class Variable {
    private final Tensor value;
    private final boolean requiresGrad;
    private final Node node;
    private Tensor grad;

    private Variable(Tensor value, boolean requiresGrad, Node node) {
        if (value == null) throw new IllegalArgumentException("a variable needs a value");
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.node = node;
    }

    /** A leaf that requires gradients, e.g. a trainable parameter. */
    public static Variable parameter(Tensor value) {
        return new Variable(value, true, null);
    }

    /** A leaf that does not require gradients, e.g. an input batch. */
    public static Variable constant(Tensor value) {
        return new Variable(value, false, null);
    }

    /** A leaf with the given requires-grad flag. */
    public static Variable of(Tensor value, boolean requiresGrad) {
        return new Variable(value, requiresGrad, null);
    }

    /**
     * The result of an operation: records {@code backward} over {@code inputs} unless grad recording is
     * off ({@link NoGrad}) or no input requires a gradient, in which case it is a constant.
     */
    public static Variable result(String name, Tensor value, Node.BackwardFn backward, Variable... inputs) {
        if (!NoGrad.isGradEnabled()) return constant(value);
        boolean any = false;
        for (Variable v : inputs) if (v != null && v.requiresGrad) any = true;
        if (!any) return constant(value);
        return new Variable(value, true, new Node(name, Arrays.asList(inputs), backward));
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    public int[] dims() {
        return value.dims();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this variable was created directly rather than by a recorded operation. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The operation that produced this variable, or null for a leaf. */
    public Node node() {
        return node;
    }

    /** The accumulated gradient, or null if none has been computed (only leaves keep gradients). */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** A leaf sharing this value that does not require gradients: gradients stop here. */
    public Variable detach() {
        return constant(value);
    }

    /** Back-propagates from this scalar (a tensor of one element), seeding with 1. */
    public void backward() {
        if (value.size() != 1) {
            throw new IllegalStateException("backward() without a seed gradient needs a scalar (one element), shape is "
                    + value.shape() + "; pass a seed of the same shape to backward(Tensor)");
        }
        backward(Tensor.full(1f, value.dims()));
    }

    /**
     * Back-propagates {@code seed} = d(loss)/d(this), of this variable's shape, through the recorded graph,
     * adding to the gradients of every leaf that requires one.
     */
    public void backward(Tensor seed) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() on a variable that does not require gradients (shape "
                    + value.shape() + "): no input of the computation was a parameter, or it ran under NoGrad or after detach()");
        }
        if (seed == null || !seed.shape().equals(value.shape())) {
            throw new IllegalArgumentException("backward: seed shape " + (seed == null ? "null" : seed.shape())
                    + " differs from the variable's shape " + value.shape());
        }
        List<Variable> order = topologicalOrder(this);
        Map<Variable, Tensor> grads = new IdentityHashMap<>();
        grads.put(this, seed);
        try (NoGrad ignored = NoGrad.enter()) {
            for (Variable v : order) {
                Tensor g = grads.remove(v);
                if (g == null) continue;
                if (v.node == null) {
                    v.grad = v.grad == null ? g.copy() : Elementwise.add(v.grad, g);
                    continue;
                }
                Tensor[] inputGrads = v.node.backward(g);
                List<Variable> inputs = v.node.inputs();
                for (int i = 0; i < inputs.size(); i++) {
                    Variable in = inputs.get(i);
                    Tensor gi = inputGrads[i];
                    if (in == null || !in.requiresGrad || gi == null) continue;
                    if (!gi.shape().equals(in.value.shape())) {
                        throw new IllegalStateException(v.node.name() + ": gradient of input " + i + " has shape " + gi.shape()
                                + ", the input has shape " + in.value.shape());
                    }
                    grads.merge(in, gi, Elementwise::add);
                }
            }
        }
    }

    /** Variables reachable from {@code root} that require gradients, each after every variable that uses it. */
    private static List<Variable> topologicalOrder(Variable root) {
        List<Variable> post = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        seen.add(root);
        stack.push(new Object[] {root, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Variable v = (Variable) top[0];
            int next = (Integer) top[1];
            List<Variable> inputs = v.node == null ? List.of() : v.node.inputs();
            if (next < inputs.size()) {
                top[1] = next + 1;
                Variable in = inputs.get(next);
                if (in != null && in.requiresGrad && seen.add(in)) stack.push(new Object[] {in, 0});
            } else {
                stack.pop();
                post.add(v);
            }
        }
        Collections.reverse(post);
        return post;
    }

    @Override
    public String toString() {
        return "Variable" + value.shape() + (requiresGrad ? " requiresGrad" : "") + (node == null ? "" : " from " + node.name());
    }
}
