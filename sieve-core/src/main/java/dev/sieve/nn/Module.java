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
 *
 * <p>Buffers are non-trainable state that belongs in checkpoints (BatchNorm's running statistics). They
 * are updated in place by the module that owns them and appear in {@link #stateDict()} after the
 * parameters of the same module, as in PyTorch's {@code state_dict()}.
 */
public abstract class Module {
    private final LinkedHashMap<String, Variable> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
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

    /**
     * Replaces the parameter {@code name} by {@code p} registered as {@code newName}, at the same position in
     * the registration order (e.g. a Linear switching between a dense {@code weight} and sparse
     * {@code weight_values}); returns {@code p}.
     */
    protected Variable replaceParameter(String name, String newName, Variable p) {
        if (!params.containsKey(name)) throw new IllegalArgumentException("no parameter '" + name + "'");
        if (p == null || !p.isLeaf() || !p.requiresGrad())
            throw new IllegalArgumentException("parameter '" + newName + "' must be a leaf that requires grad");
        if (!newName.equals(name)) checkName(newName);
        LinkedHashMap<String, Variable> copy = new LinkedHashMap<>(params);
        params.clear();
        for (var e : copy.entrySet()) {
            if (e.getKey().equals(name)) params.put(newName, p);
            else params.put(e.getKey(), e.getValue());
        }
        return p;
    }

    /** Registers a buffer (non-trainable state kept in the state dict) under {@code name}; returns it. */
    protected Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        if (buffer == null) throw new IllegalArgumentException("buffer '" + name + "' is null");
        buffers.put(name, buffer);
        return buffer;
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
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name))
            throw new IllegalArgumentException("name '" + name + "' already registered");
    }

    /** All parameters, recursively, with dotted names, in registration order. */
    public LinkedHashMap<String, Variable> namedParameters() {
        LinkedHashMap<String, Variable> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet()) {
            for (var e : m.getValue().params.entrySet()) out.put(qualified(m.getKey(), e.getKey()), e.getValue());
        }
        return out;
    }

    /** All buffers, recursively, with dotted names, in registration order. */
    public LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet()) {
            for (var e : m.getValue().buffers.entrySet()) out.put(qualified(m.getKey(), e.getKey()), e.getValue());
        }
        return out;
    }

    /** This module (name "") and all descendants with dotted names, parents before children. */
    public LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    private static void collectModules(String name, Module m, Map<String, Module> out) {
        out.put(name, m);
        for (var e : m.children.entrySet()) collectModules(qualified(name, e.getKey()), e.getValue(), out);
    }

    /** {@code name} inside the module at dotted path {@code prefix} ("" for the root). */
    private static String qualified(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
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

    /**
     * Copies of all parameter and buffer values, keyed by dotted name: each module's parameters, then its
     * buffers, then its children's entries (PyTorch's {@code state_dict()} order).
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var e : namedState().entrySet()) out.put(e.getKey(), e.getValue().copy());
        return out;
    }

    /** Live parameter values and buffers, keyed by dotted name, in state-dict order. */
    private LinkedHashMap<String, Tensor> namedState() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet()) {
            for (var e : m.getValue().params.entrySet()) out.put(qualified(m.getKey(), e.getKey()), e.getValue().value());
            for (var e : m.getValue().buffers.entrySet()) out.put(qualified(m.getKey(), e.getKey()), e.getValue());
        }
        return out;
    }

    /**
     * Copies {@code state} into the parameters and buffers in place (so optimizers holding them stay
     * valid). Strict: throws {@link IllegalArgumentException} listing missing and unexpected keys, or naming
     * the first shape mismatch, before anything is modified.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        LinkedHashMap<String, Tensor> named = namedState();
        List<String> missing = new ArrayList<>();
        for (String k : named.keySet()) if (!state.containsKey(k)) missing.add(k);
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) if (!named.containsKey(k)) unexpected.add(k);
        if (!missing.isEmpty() || !unexpected.isEmpty())
            throw new IllegalArgumentException("state dict mismatch: missing keys " + missing
                    + ", unexpected keys " + unexpected);
        for (var e : named.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue();
            if (src == null || !Arrays.equals(src.dims(), dst.dims()))
                throw new IllegalArgumentException("shape mismatch for '" + e.getKey() + "': expected "
                        + Arrays.toString(dst.dims()) + ", got " + (src == null ? "null" : Arrays.toString(src.dims())));
        }
        for (var e : named.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue();
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), dst.size());
        }
    }
}
