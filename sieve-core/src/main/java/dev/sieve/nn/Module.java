package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of all modules. A module owns parameters (autograd leaves made with {@link Variable#parameter}) and
 * child modules, both registered by name in order. The forward signature is up to each subclass;
 * single-input modules extend {@link Layer}.
 *
 * <p>Parameters are collected recursively in registration order (own parameters first, then each child's)
 * with PyTorch-style dotted names such as {@code fc1.weight}.
 */
public abstract class Module {
    private final LinkedHashMap<String, Variable> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable parameter under {@code name}; returns it. */
    protected Variable registerParameter(String name, Variable p) {
        checkName(name);
        if (p == null || !p.isLeaf() || !p.requiresGrad())
            throw new IllegalArgumentException("parameter '" + name + "' must be a leaf that requires grad");
        params.put(name, p);
        return p;
    }

    /** Registers a child module under {@code name}; returns it. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == null) throw new IllegalArgumentException("module '" + name + "' is null");
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("."))
            throw new IllegalArgumentException("invalid name '" + name + "' (non-empty, no dots)");
        if (params.containsKey(name) || children.containsKey(name))
            throw new IllegalArgumentException("name '" + name + "' already registered");
    }

    /** All parameters, recursively, with dotted names, in registration order. */
    public LinkedHashMap<String, Variable> namedParameters() {
        LinkedHashMap<String, Variable> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Variable> out) {
        for (var e : params.entrySet()) out.put(prefix + e.getKey(), e.getValue());
        for (var e : children.entrySet()) e.getValue().collect(prefix + e.getKey() + ".", out);
    }

    /** All parameters, recursively, in registration order. */
    public List<Variable> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, in registration order. */
    public LinkedHashMap<String, Module> children() {
        return new LinkedHashMap<>(children);
    }

    /** Sets training mode on this module and all descendants; returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children.values()) m.train(mode);
        return this;
    }

    public Module train() {
        return train(true);
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Variable p : parameters()) p.zeroGrad();
    }

    /** Copies of all parameter values, keyed by dotted name, in registration order. */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var e : namedParameters().entrySet()) out.put(e.getKey(), e.getValue().value().copy());
        return out;
    }

    /**
     * Copies {@code state} into the parameters in place (so optimizers holding them stay valid). Strict:
     * throws {@link IllegalArgumentException} listing missing and unexpected keys, or naming the first shape
     * mismatch, before anything is modified.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        LinkedHashMap<String, Variable> named = namedParameters();
        List<String> missing = new ArrayList<>();
        for (String k : named.keySet()) if (!state.containsKey(k)) missing.add(k);
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) if (!named.containsKey(k)) unexpected.add(k);
        if (!missing.isEmpty() || !unexpected.isEmpty())
            throw new IllegalArgumentException("state dict mismatch: missing keys " + missing
                    + ", unexpected keys " + unexpected);
        for (var e : named.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue().value();
            if (src == null || !Arrays.equals(src.dims(), dst.dims()))
                throw new IllegalArgumentException("shape mismatch for '" + e.getKey() + "': expected "
                        + Arrays.toString(dst.dims()) + ", got " + (src == null ? "null" : Arrays.toString(src.dims())));
        }
        for (var e : named.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue().value();
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), dst.size());
        }
    }
}
