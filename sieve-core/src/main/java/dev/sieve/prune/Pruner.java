package dev.sieve.prune;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.io.data.Batch;
import dev.sieve.nn.Conv2d;
import dev.sieve.nn.InputObservable;
import dev.sieve.nn.Layer;
import dev.sieve.nn.Linear;
import dev.sieve.nn.Module;
import dev.sieve.nn.Optimizer;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import dev.sieve.train.TrainingHook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prunes the selected parameters of a model, after STen's builder:
 * <pre>{@code
 * Pruner pruner = Pruner.builder()
 *         .select("fc[12]\\.weight", Scores.taylor(), Targets.unstructured(0.9), PruneSchedules.cubic(0, 2000, 100))
 *         .select("fc3\\.weight", Scores.magnitude(), Targets.unstructured(0.5), PruneSchedules.oneShot(1000))
 *         .optimizer(adam)
 *         .build(model);
 * trainer.addHook(pruner);   // ... train ...
 * pruner.materialize();      // each pruned Linear in its compact layout
 * System.out.print(LayerReport.table(pruner.report()));
 * }</pre>
 *
 * <p>Each selection names parameters by a regular expression over their dotted names (the whole name
 * must match), and gives them a {@link Score}, a {@link Target} and, for pruning during training, a
 * {@link PruneSchedule}. Parameters that share a global target are ranked together (a "unit"); every other
 * parameter is a unit of its own.
 *
 * <p>As a {@link TrainingHook}, the pruner: after backward, feeds gradients to scores that need them
 * (Taylor, movement) while a schedule is still running, recomputes the masks of units whose schedule
 * updates at this step (zeroing the pruned weights and their optimizer state), and masks the gradients;
 * after each optimizer step it zeroes the pruned weights again and masks the optimizer state
 * ({@link Optimizer#maskState}). Scores that watch inputs (Wanda, SparseGPT) get the inputs of their
 * Linear through its input observer, in training mode only. {@link #pruneNow(Calibration)} prunes every
 * unit at once to its target's sparsity, with calibration data for the scores that need it.
 *
 * <p>Masks live beside the dense weights during training; {@link #materialize()} then switches each
 * pruned Linear to its target's layout ({@link Linear#useSparseWeight}).
 */
public final class Pruner implements TrainingHook {
    private final Module model;
    private final List<Entry> entries;
    private final List<List<Entry>> units;
    private Optimizer optimizer;
    private int step = -1;
    private Set<Entry> calibrating; // non-null while pruneNow feeds calibration inputs: only these observe

    /** One pruned parameter. */
    private static final class Entry {
        final String name;
        final Variable param;
        final Tensor view; // 2-D view of the live value
        final Linear linear; // the Linear whose dense weight this is, or null
        final InputObservable observed; // the layer whose inputs this weight multiplies (Linear or Conv2d), or null
        final Score score;
        final Importance importance;
        final Target target;
        final PruneSchedule schedule; // null: only pruneNow
        Tensor mask; // [rows, cols] of the view, null until first pruned
        double sparsity;
        boolean materialized;
        boolean keptDense; // a Linear too small to gain from a sparse layout: its zeros stay in the dense weight
        dev.sieve.nn.MultiheadAttention attention; // set when this is an attention's in_proj_weight pruned by heads
        int headSize;
        Tensor outColumns; // the out-projection's column mask that follows the pruned heads, or null

        Entry(String name, Variable param, Linear linear, InputObservable observed, Score score, Target target, PruneSchedule schedule) {
            this.name = name;
            this.param = param;
            this.view = Masks.matrixView(param.value());
            this.linear = linear;
            this.observed = observed;
            this.score = score;
            this.importance = score.create(view.dims());
            this.target = target;
            this.schedule = schedule;
        }

        boolean scheduleRunning(int step) {
            return schedule != null && step <= schedule.lastUpdateStep();
        }
    }

    private Pruner(Module model, List<Entry> entries, List<List<Entry>> units, Optimizer optimizer) {
        this.model = model;
        this.entries = entries;
        this.units = units;
        this.optimizer = optimizer;
        for (Entry e : entries) {
            if (e.importance.needsInputs()) e.observed.setInputObserver(x -> observe(e, x));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects selections; {@link #build} resolves them against a model. */
    public static final class Builder {
        private record Selection(Pattern pattern, Score score, Target target, PruneSchedule schedule) {}

        private final List<Selection> selections = new ArrayList<>();
        private Optimizer optimizer;

        private Builder() {}

        /**
         * Prunes the parameters whose whole dotted name matches {@code regex} with {@code score} to
         * {@code target} on {@code schedule} during training (and with {@link #pruneNow} on demand).
         */
        public Builder select(String regex, Score score, Target target, PruneSchedule schedule) {
            if (regex == null || score == null || target == null)
                throw new IllegalArgumentException("a selection needs a pattern, a score and a target");
            if (schedule != null) schedule.validate(target.sparsity());
            selections.add(new Selection(Pattern.compile(regex), score, target, schedule));
            return this;
        }

        /** A selection pruned only by {@link #pruneNow}; its masks are then kept during training. */
        public Builder select(String regex, Score score, Target target) {
            return select(regex, score, target, null);
        }

        /** The optimizer whose state is masked (also {@link Pruner#attach}). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Resolves the selections against {@code model}'s parameters.
         *
         * @throws IllegalArgumentException if a selection matches nothing, a parameter is matched twice or
         *     has rank &lt; 2, a score that needs inputs selects a parameter that is not a dense Linear
         *     weight, or parameters sharing a global target have different schedules
         */
        public Pruner build(Module model) {
            if (selections.isEmpty()) throw new IllegalArgumentException("nothing selected: add select(...) before build");
            Map<Variable, Linear> linears = new IdentityHashMap<>();
            Map<Variable, InputObservable> observable = new IdentityHashMap<>();
            Map<Variable, dev.sieve.nn.MultiheadAttention> attentions = new IdentityHashMap<>();
            for (Module m : model.namedModules().values()) {
                if (m instanceof Linear lin && !lin.isSparse()) {
                    linears.put(lin.weight(), lin);
                    observable.put(lin.weight(), lin);
                }
                if (m instanceof Conv2d conv && conv.groups() == 1) observable.put(conv.weight(), conv);
                if (m instanceof dev.sieve.nn.MultiheadAttention mha) attentions.put(mha.inProjWeight(), mha);
            }
            List<Entry> entries = new ArrayList<>();
            Map<String, Integer> matchedBy = new LinkedHashMap<>();
            int[] matches = new int[selections.size()];
            for (var p : model.namedParameters().entrySet()) {
                String name = p.getKey();
                for (int i = 0; i < selections.size(); i++) {
                    Selection s = selections.get(i);
                    if (!s.pattern.matcher(name).matches()) continue;
                    if (matchedBy.containsKey(name))
                        throw new IllegalArgumentException("parameter " + name + " is matched by '" + selections.get(matchedBy.get(name)).pattern
                                + "' and by '" + s.pattern + "'");
                    matchedBy.put(name, i);
                    matches[i]++;
                    Variable v = p.getValue();
                    if (v.value().rank() < 2)
                        throw new IllegalArgumentException("parameter " + name + " has shape " + v.shape()
                                + ": only weights of rank >= 2 are pruned (select e.g. '.*\\.weight')");
                    Linear lin = linears.get(v);
                    Entry e = new Entry(name, v, lin, observable.get(v), s.score, s.target, s.schedule);
                    if (attentions.get(v) != null && s.target instanceof UnitTarget.Heads h && h.sections() == 3
                            && attentions.get(v).outProj().weight() != null && !attentions.get(v).outProj().isSparse()) {
                        e.attention = attentions.get(v);
                        e.headSize = h.headSize();
                    }
                    if (e.importance.needsInputs() && e.observed == null)
                        throw new IllegalArgumentException(s.score.name() + " scores need the inputs of a dense Linear or a one-group Conv2d; "
                                + name + " is not the weight of one");
                    entries.add(e);
                }
            }
            for (int i = 0; i < selections.size(); i++) {
                if (matches[i] == 0)
                    throw new IllegalArgumentException("'" + selections.get(i).pattern + "' matches no parameter of the model; it has "
                            + model.namedParameters().keySet());
            }
            List<List<Entry>> units = new ArrayList<>();
            Map<Target, List<Entry>> globals = new IdentityHashMap<>();
            for (Entry e : entries) {
                if (!e.target.isGlobal()) {
                    units.add(List.of(e));
                    continue;
                }
                List<Entry> unit = globals.get(e.target);
                if (unit == null) {
                    unit = new ArrayList<>();
                    globals.put(e.target, unit);
                    units.add(unit);
                } else if (unit.get(0).schedule != e.schedule) {
                    throw new IllegalArgumentException(e.name + " and " + unit.get(0).name + " share the global target " + e.target
                            + " but not the schedule: a global ranking needs one schedule");
                }
                unit.add(e);
            }
            return new Pruner(model, List.copyOf(entries), units, optimizer);
        }
    }

    /** Masks this optimizer's state from now on (e.g. one built after {@link #build}). */
    public Pruner attach(Optimizer optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /** The selected parameters' names, in model order. */
    public List<String> names() {
        return entries.stream().map(e -> e.name).toList();
    }

    // ---- training hook --------------------------------------------------------------------------------

    @Override
    public void beforeStep(int epoch, int step) {
        this.step = step;
    }

    @Override
    public void afterBackward(int epoch, int step, Variable loss) {
        this.step = step;
        for (Entry e : entries) {
            if (!e.materialized && e.importance.needsGradients() && e.scheduleRunning(step) && e.param.grad() != null) {
                e.importance.observeGradient(e.view, Masks.matrixView(e.param.grad()));
            }
        }
        for (List<Entry> unit : units) {
            Entry first = unit.get(0);
            if (first.materialized || first.schedule == null) continue;
            OptionalDouble s = first.schedule.updateAt(step, first.target.sparsity());
            if (s.isPresent()) update(unit, s.getAsDouble());
        }
        for (Entry e : entries) {
            if (e.mask != null && !e.materialized && e.param.grad() != null) Masks.apply(e.param.grad(), e.mask);
            if (e.outColumns != null && !e.materialized) {
                Variable out = e.attention.outProj().weight();
                if (out.grad() != null) Masks.apply(out.grad(), e.outColumns);
            }
        }
    }

    @Override
    public void afterStep(int epoch, int step, double loss) {
        for (Entry e : entries) {
            if (e.mask == null || e.materialized) continue;
            Masks.apply(e.view, e.mask);
            maskState(e);
            if (e.outColumns != null) {
                Masks.apply(e.attention.outProj().weight().value(), e.outColumns);
                maskState(e.attention.outProj().weight(), e.outColumns);
            }
        }
    }

    private void observe(Entry e, Tensor x) {
        if (e.materialized) return;
        boolean take = calibrating != null ? calibrating.contains(e) : e.observed.isTraining() && e.scheduleRunning(Math.max(step, 0));
        if (take) e.importance.observeInput(x);
    }

    /**
     * A head whose q, k and v rows are all pruned outputs its v bias, a constant (the attention weights sum to 1).
     * Its columns of the out-projection then only add a constant: fold it into the out-projection's bias and
     * prune those columns too (kept pruned through fine-tuning), so the layer computes the same function without
     * them.
     */
    private static void foldPrunedHeads(Entry e) {
        Tensor mask = e.mask;
        int rows = mask.dim(0), cols = mask.dim(1), embed = rows / 3, d = e.headSize, heads = embed / d;
        Tensor outW = e.attention.outProj().weight().value();
        Variable outBiasVar = e.attention.outProj().bias();
        Variable inBiasVar = e.attention.inProjBias();
        e.outColumns = Tensor.full(1f, outW.dims()); // from the current mask: a head that came back may train again
        float[] m = mask.data(), w = outW.data(), keep = e.outColumns.data();
        int wOff = outW.offset(), mOff = mask.offset(), kOff = e.outColumns.offset(), outRows = outW.dim(0), outCols = outW.dim(1);
        for (int h = 0; h < heads; h++) {
            boolean pruned = true;
            for (int sec = 0; sec < 3 && pruned; sec++) {
                for (int r = sec * embed + h * d; r < sec * embed + (h + 1) * d && pruned; r++) {
                    for (int c = 0; c < cols; c++) {
                        if (m[mOff + r * cols + c] != 0f) {
                            pruned = false;
                            break;
                        }
                    }
                }
            }
            if (!pruned) continue;
            if (outBiasVar != null && inBiasVar != null) {
                Tensor ob = outBiasVar.value(), ib = inBiasVar.value();
                for (int o = 0; o < outRows; o++) {
                    double add = 0;
                    for (int c = h * d; c < (h + 1) * d; c++) add += (double) w[wOff + o * outCols + c] * ib.data()[ib.offset() + 2 * embed + c];
                    ob.data()[ob.offset() + o] += (float) add;
                }
            }
            for (int o = 0; o < outRows; o++) {
                for (int c = h * d; c < (h + 1) * d; c++) {
                    w[wOff + o * outCols + c] = 0f;
                    keep[kOff + o * outCols + c] = 0f;
                }
            }
        }
    }

    private void maskState(Entry e) {
        maskState(e.param, e.mask);
    }

    private void maskState(Variable param, Tensor mask) {
        if (optimizer == null) return;
        for (Variable p : optimizer.parameters()) {
            if (p == param) {
                optimizer.maskState(p, mask);
                return;
            }
        }
    }

    /** Recomputes the masks of one unit at sparsity {@code s} and prunes its weights. */
    private void update(List<Entry> unit, double s) {
        Target target = unit.get(0).target;
        List<Tensor> scores = new ArrayList<>();
        for (Entry e : unit) scores.add(e.importance.scores(e.view));
        List<Tensor> masks = target.isGlobal() ? target.masks(scores, s) : List.of(target.mask(scores.get(0), s));
        for (int i = 0; i < unit.size(); i++) {
            Entry e = unit.get(i);
            Importance.Reselection reselect = target.isGlobal() ? null : new Importance.Reselection() {
                @Override
                public Tensor mask(Tensor sc) {
                    return target.mask(sc, s);
                }

                @Override
                public boolean columnSeparable(int blockSize) {
                    return target.columnSeparable(blockSize, s);
                }
            };
            e.mask = e.importance.prune(e.view, masks.get(i), reselect);
            Masks.apply(e.view, e.mask);
            if (e.attention != null) foldPrunedHeads(e);
            e.sparsity = s;
            if (e.param.grad() != null) Masks.apply(e.param.grad(), e.mask);
            maskState(e);
            e.importance.afterUpdate();
        }
    }

    // ---- one-shot ---------------------------------------------------------------------------------

    /** Prunes every unit to its target's sparsity now, with scores that need no data (magnitude). */
    public void pruneNow() {
        pruneNow(Calibration.none());
    }

    /**
     * Prunes every unit, in model order, to its target's sparsity now. For units whose scores need data,
     * their statistics are first replaced by a pass over {@code calibration} (inputs for Wanda and
     * SparseGPT; forward and backward with the labels for Taylor and movement), run in eval mode after the
     * units before it were pruned, so each layer is calibrated on the outputs of the pruned layers before
     * it (as SparseGPT and Wanda do). Clears the model's gradients.
     *
     * @throws IllegalStateException if a score needs data the calibration does not have, or the model is
     *     not a {@link Layer} (a single-input forward pass)
     */
    public void pruneNow(Calibration calibration) {
        for (List<Entry> unit : units) {
            if (unit.get(0).materialized) throw new IllegalStateException(unit.get(0).name + " is already materialized");
            boolean inputs = unit.stream().anyMatch(e -> e.importance.needsInputs());
            boolean grads = unit.stream().anyMatch(e -> e.importance.needsGradients());
            if (inputs || grads) calibrate(unit, calibration, inputs, grads);
            update(unit, unit.get(0).target.sparsity());
        }
    }

    private void calibrate(List<Entry> unit, Calibration calibration, boolean inputs, boolean grads) {
        String who = unit.get(0).name + " (" + unit.get(0).score.name() + ")";
        if (calibration.isEmpty()) throw new IllegalStateException(who + " needs calibration data: pass Calibration.inputs or Calibration.batches");
        if (grads && !calibration.hasLabels())
            throw new IllegalStateException(who + " needs gradients: pass labelled batches (Calibration.batches)");
        if (!(model instanceof Layer layer)) throw new IllegalStateException("calibration runs the model's forward pass; it is not a Layer");
        for (Entry e : unit) {
            if (inputs) e.importance.resetInputs();
            if (grads) e.importance.resetGradients();
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        calibrating = Collections.newSetFromMap(new IdentityHashMap<>());
        calibrating.addAll(unit);
        try {
            model.zeroGrad();
            if (grads) {
                for (Batch b : calibration.labelled()) {
                    Variable loss = calibration.loss().forward(layer.forward(Variable.constant(b.inputs())), b.labels());
                    loss.backward();
                    for (Entry e : unit) {
                        if (e.importance.needsGradients() && e.param.grad() != null)
                            e.importance.observeGradient(e.view, Masks.matrixView(e.param.grad()));
                    }
                    model.zeroGrad();
                }
            } else {
                try (NoGrad ignored = NoGrad.enter()) {
                    if (calibration.hasLabels()) for (Batch b : calibration.labelled()) layer.forward(Variable.constant(b.inputs()));
                    else for (Tensor x : calibration.unlabelled()) layer.forward(Variable.constant(x));
                }
            }
        } finally {
            calibrating = null;
            model.zeroGrad();
            model.train(wasTraining);
        }
    }

    // ---- results ----------------------------------------------------------------------------------

    /** The current keep-masks (copies, shaped like the parameters), by name; unpruned parameters are absent. */
    public Map<String, Tensor> masks() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : entries) if (e.mask != null) out.put(e.name, e.mask.copy().reshape(e.param.value().dims()));
        return out;
    }

    /** The fraction of pruned weights over all selected parameters (unpruned ones count as dense). */
    public double sparsity() {
        long total = 0, kept = 0;
        for (Entry e : entries) {
            total += e.view.size();
            kept += e.mask == null ? e.view.size() : Masks.kept(e.mask);
        }
        return total == 0 ? 0 : 1.0 - (double) kept / total;
    }

    /**
     * Switches every pruned Linear to its target's layout ({@link Linear#useSparseWeight}); parameters that
     * are not the weight of a Linear stay dense with their zeros. The pruner stops enforcing masks (the
     * layouts hold the pattern) and removes its input observers. Optimizers hold the old parameters: build
     * new ones for further fine-tuning.
     *
     * @throws IllegalStateException if a selected parameter was never pruned
     */
    public void materialize() {
        materialize(0);
    }

    /**
     * As {@link #materialize()}, but a Linear weight with fewer than {@code minWeights} elements keeps its
     * dense layout (with its pruned zeros): for tiny layers such as a 10x100 classifier the sparse kernels'
     * fixed costs exceed the work saved, so the sparse layout would only be slower.
     */
    public void materialize(int minWeights) {
        for (Entry e : entries) {
            if (e.mask == null) throw new IllegalStateException(e.name + " has not been pruned yet: call pruneNow() or train through its schedule");
        }
        for (Entry e : entries) {
            if (e.materialized || e.linear == null) continue;
            if (e.view.size() < minWeights) {
                e.keptDense = true;
                e.materialized = true;
                continue;
            }
            SparseMatrix m = Materialize.toLayout(e.view, e.mask, e.target.layout());
            e.linear.useSparseWeight(m);
            e.materialized = true;
        }
        detach();
    }

    /** Removes the input observers this pruner installed (when it is no longer used). */
    public void detach() {
        for (Entry e : entries) if (e.observed != null && e.importance.needsInputs()) e.observed.setInputObserver(null);
    }

    /** {@link #report(int, int)} on 128 tokens, best of 10 runs. */
    public List<LayerReport> report() {
        return report(128, 10);
    }

    /**
     * One row per selected parameter. For a Linear, the dense GEMM and the sparse kernel of its layout are
     * timed on {@code tokens} random input rows, interleaved, best of {@code runs} after a warm-up
     * ({@code runs = 0}: not timed, NaN). Bytes count the float32 dense weight and the layout's arrays.
     */
    public List<LayerReport> report(int tokens, int runs) {
        if (tokens < 1 || runs < 0) throw new IllegalArgumentException("report needs tokens >= 1 and runs >= 0, got " + tokens + ", " + runs);
        List<LayerReport> out = new ArrayList<>();
        for (Entry e : entries) {
            List<Integer> shape = java.util.Arrays.stream(e.param.value().dims()).boxed().toList();
            Tensor dense;
            SparseMatrix sparse;
            String layout;
            boolean settled = e.materialized;
            if (e.keptDense) {
                dense = e.view;
                sparse = null;
                layout = "dense";
            } else if (e.linear == null) {
                // Not a Linear weight (a convolution's): it stays dense, its pruned entries zeros.
                dense = e.view;
                sparse = null;
                layout = "masked";
                settled = true;
            } else if (e.materialized) {
                sparse = e.linear.sparseWeight().matrix();
                dense = sparse.toDense();
                layout = sparse.layout().toString();
            } else {
                dense = e.view;
                sparse = e.mask == null ? null : Materialize.toLayout(e.view, e.mask, e.target.layout());
                layout = sparse == null ? "dense" : sparse.layout().toString();
            }
            long denseBytes = 4L * dense.size();
            long layoutBytes = sparse == null ? denseBytes : sparse.storageBytes();
            double sparsity = e.mask == null ? 0 : Masks.sparsity(e.mask);
            double[] micros = e.linear != null && sparse != null && runs > 0 ? LayerTiming.time(dense, sparse, tokens, runs)
                    : new double[] {Double.NaN, Double.NaN};
            out.add(new LayerReport(e.name, shape, e.score.name(), e.target.toString(), sparsity, layout, settled,
                    denseBytes, layoutBytes, micros[0], micros[1]));
        }
        return out;
    }
}
