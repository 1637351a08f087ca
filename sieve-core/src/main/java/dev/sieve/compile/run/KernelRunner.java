package dev.sieve.compile.run;

import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.compile.codegen.Slots;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.format.LevelType;
import dev.sieve.compile.plan.KernelPlan;
import dev.sieve.compile.plan.KernelPlan.OutputMode;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a generated kernel: binds the inputs' arrays (re-storing an input first when the plan reads it in
 * another mode order), splits each parallel term's outermost loop into ranges of about equal work (weighted by
 * the nonzeros below each outer coordinate), and assembles the output: a dense array directly, or, for a sparse
 * output, the (coordinate, value) pairs each range produced, sorted and summed into the output's levels.
 */
public final class KernelRunner {
    /** Below this many stored entries under the outer loop a term runs on one thread: handing off costs more. */
    static final long PARALLEL_MIN_WORK = 1 << 14;

    private KernelRunner() {}

    public static FormattedTensor run(KernelPlan plan, KernelCache.Kernel kernel, Map<String, FormattedTensor> inputs,
                                      Map<String, Integer> sizes, int[] outDims, ParallelRuntime rt) {
        Slots slots = new Slots(plan);
        Object[] a = new Object[slots.count()];
        List<FormattedTensor> bound = new ArrayList<>();
        for (int b = 0; b < plan.bindings().size(); b++) {
            KernelPlan.Binding x = plan.bindings().get(b);
            FormattedTensor t = inputs.get(x.tensor());
            if (!t.format().equals(x.format())) {
                t = t.format().isAllDense() && x.format().isAllDense() ? DensePermute.permute(t, x.format()) : t.convert(x.format());
            }
            bound.add(t);
            for (int k = 0; k < x.format().rank(); k++) {
                a[slots.pos(b, k)] = t.pos(k);
                a[slots.crd(b, k)] = t.crd(k);
            }
            a[slots.vals(b)] = t.vals();
        }
        int[] n = new int[slots.indices().size()];
        for (int i = 0; i < n.length; i++) n[i] = sizes.get(slots.indices().get(i));

        Format out = plan.output();
        if (out.isAllDense()) {
            long total = 1;
            for (int d : outDims) total *= d;
            if (total > Integer.MAX_VALUE - 8)
                throw new IllegalArgumentException("the dense output " + Arrays.toString(outDims) + " has " + total
                        + " elements, more than one array holds; ask for a sparse output format");
            float[] dense = new float[(int) total];
            a[0] = dense;
            for (int t = 0; t < plan.terms().size(); t++) runTerm(plan, kernel, t, a, n, sizes, bound, rt, null);
            if (plan.epilogue() != null && !kernel.fusedEpilogue()) applyEpilogue(plan, dense, outDims, inputs);
            if (!plan.delivered().equals(out)) {
                // A transposed product: computed with another mode order, returned in the one asked for.
                float[] back = DensePermute.permute(dense, outDims, out, plan.delivered());
                return FormattedTensor.wrap(outDims.clone(), plan.delivered(), new int[out.rank()][], new int[out.rank()][], back);
            }
            return FormattedTensor.wrap(outDims.clone(), out, new int[out.rank()][], new int[out.rank()][], dense);
        }
        if (plan.terms().size() == 1 && plan.terms().get(0).mode() == OutputMode.SAMPLED) {
            // The result shares the sampled factor's levels; only its values are new.
            KernelPlan.TermPlan tp = plan.terms().get(0);
            FormattedTensor pattern = bound.get(tp.factors().get(tp.sampledFactor()).binding());
            float[] vals = new float[pattern.nnz()];
            a[0] = vals;
            runTerm(plan, kernel, 0, a, n, sizes, bound, rt, null);
            int[][] pos = new int[out.rank()][], crd = new int[out.rank()][];
            for (int k = 0; k < out.rank(); k++) {
                pos[k] = pattern.pos(k);
                crd[k] = pattern.crd(k);
            }
            return FormattedTensor.wrap(outDims.clone(), out, pos, crd, vals);
        }
        List<Object[]> sinks = new ArrayList<>();
        boolean sortedUnique = plan.terms().size() == 1 && plan.terms().get(0).mode() == OutputMode.ROW_WORKSPACE;
        long inner = 1;
        for (int k = 1; k < out.rank(); k++) inner *= outDims[out.mode(k)];
        for (int t = 0; t < plan.terms().size(); t++) runTerm(plan, kernel, t, a, n, sizes, bound, rt, new SinkFactory(sinks, (int) Math.min(inner, Integer.MAX_VALUE)));
        int total = 0;
        for (Object[] s : sinks) total = Math.addExact(total, ((int[]) s[2])[0]);
        long[] keys = new long[total];
        float[] vals = new float[total];
        int at = 0;
        for (Object[] s : sinks) {
            int c = ((int[]) s[2])[0];
            System.arraycopy((long[]) s[0], 0, keys, at, c);
            System.arraycopy((float[]) s[1], 0, vals, at, c);
            at += c;
        }
        int distinct = sortedUnique ? total : KeySort.sortAndSum(keys, vals, total);
        if (out.rank() == 2 && out.level(0).isDense() && out.level(1) == LevelType.COMPRESSED) return csrLike(outDims, out, keys, vals, distinct);
        return OutputAssembly.build(outDims, out, keys, vals, distinct);
    }

    /** The epilogue as a separate pass, for kernels that could not fuse it into their stores. */
    private static void applyEpilogue(KernelPlan plan, float[] out, int[] dims, Map<String, FormattedTensor> inputs) {
        dev.sieve.compile.plan.Epilogue e = plan.epilogue();
        float[] bias = e.bias() == null ? null : inputs.get(e.bias()).vals();
        long stride = 1;
        int size = 1;
        if (bias != null) {
            int mode = plan.assignment().lhs().indices().indexOf(e.index());
            size = dims[mode];
            for (int k = plan.output().levelOfMode(mode) + 1; k < plan.output().rank(); k++) stride *= dims[plan.output().mode(k)];
        }
        for (int i = 0; i < out.length; i++) {
            float y = out[i];
            if (bias != null) y += bias[(int) ((i / stride) % size)];
            out[i] = switch (e.activation()) {
                case NONE -> y;
                case RELU -> Math.max(y, 0f);
                case SIGMOID -> (float) (1 / (1 + Math.exp(-y)));
            };
        }
    }

    /** A (dense, compressed) output straight from sorted distinct keys: one division per entry, no level walk. */
    private static FormattedTensor csrLike(int[] dims, Format f, long[] keys, float[] vals, int n) {
        int rows = dims[f.mode(0)], cols = dims[f.mode(1)];
        int[] pos = new int[rows + 1], crd = new int[n];
        for (int e = 0; e < n; e++) {
            long row = keys[e] / Math.max(1, cols);
            pos[(int) row + 1]++;
            crd[e] = (int) (keys[e] - row * cols);
        }
        for (int r = 0; r < rows; r++) pos[r + 1] += pos[r];
        return FormattedTensor.wrap(dims.clone(), f, new int[][] {null, pos}, new int[][] {null, crd}, n == vals.length ? vals : Arrays.copyOf(vals, n));
    }

    /** Makes one sink (key and value buffers, plus a row workspace) per range, remembered in range order. */
    private static final class SinkFactory {
        private final List<Object[]> sinks;
        private final int inner;

        SinkFactory(List<Object[]> sinks, int inner) {
            this.sinks = sinks;
            this.inner = inner;
        }

        synchronized Object[] make(boolean workspace, int order, List<Object[]> slot) {
            Object[] s = {new long[64], new float[64], new int[1], workspace ? new float[inner] : null, workspace ? new boolean[inner] : null,
                    workspace ? new int[inner] : null};
            slot.set(order, s);
            return s;
        }
    }

    private static void runTerm(KernelPlan plan, KernelCache.Kernel kernel, int t, Object[] a, int[] n, Map<String, Integer> sizes,
                                List<FormattedTensor> bound,
                                ParallelRuntime rt, SinkFactory sinks) {
        KernelPlan.TermPlan tp = plan.terms().get(t);
        boolean workspace = tp.mode() == OutputMode.ROW_WORKSPACE;
        Outer outer = outer(tp, sizes, bound);
        int[] bounds = tp.parallel() && rt.threads() > 1 && outer.work >= PARALLEL_MIN_WORK
                ? outer.split(rt.threads()) : new int[] {outer.from, outer.to};
        int chunks = bounds.length - 1;
        List<Object[]> local = new ArrayList<>(java.util.Collections.nCopies(chunks, (Object[]) null));
        if (sinks != null) for (int c = 0; c < chunks; c++) sinks.make(workspace, c, local);
        rt.runChunks(chunks, (c, cs) -> invoke(kernel, t, a, n, bounds[c], bounds[c + 1], local.get(c)));
        if (sinks != null) sinks.sinks.addAll(local);
    }

    private static void invoke(KernelCache.Kernel kernel, int t, Object[] a, int[] n, int lo, int hi, Object[] sink) {
        try {
            kernel.run().invokeExact(t, a, n, lo, hi, sink);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outermost loop's range (coordinates, or positions of a sparse root level) and its work per step. */
    private record Outer(int from, int to, long work, long[] prefix, int[] segmentCrd) {
        int[] split(int parts) {
            int len = to - from;
            int[] b;
            if (prefix != null) {
                b = Ranges.splitByWeight(prefix, len, parts);
            } else {
                b = new int[parts + 1];
                for (int i = 0; i <= parts; i++) b[i] = (int) ((long) len * i / parts);
            }
            for (int i = 0; i < b.length; i++) b[i] += from;
            if (segmentCrd != null) {
                // A non-unique root level: never split one coordinate's run of entries between two ranges.
                for (int i = 1; i < b.length - 1; i++) {
                    while (b[i] < to && b[i] > from && segmentCrd[b[i]] == segmentCrd[b[i] - 1]) b[i]++;
                    if (b[i] < b[i - 1]) b[i] = b[i - 1];
                }
            }
            return b;
        }
    }

    private static Outer outer(KernelPlan.TermPlan tp, Map<String, Integer> sizes, List<FormattedTensor> bound) {
        if (tp.order().isEmpty()) return new Outer(0, 1, 1, null, null);
        String v = tp.order().get(0);
        int size = sizes.get(v);
        // A sparse root level over v drives the loop in position space.
        for (KernelPlan.Factor f : tp.factors()) {
            FormattedTensor t = bound.get(f.binding());
            Format fmt = t.format();
            if (fmt.rank() == 0 || fmt.level(0).isDense() || !f.indices().get(fmt.mode(0)).equals(v)) continue;
            int from = t.pos(0)[0], to = t.pos(0)[1];
            long[] prefix = childPrefix(t, from, to);
            long work = prefix == null ? to - from : prefix[to - from];
            return new Outer(from, to, work, prefix, fmt.level(0) == LevelType.COMPRESSED_NONUNIQUE ? t.crd(0) : null);
        }
        // A dense loop: weight each coordinate by the entries a CSR-like operand stores under it.
        for (KernelPlan.Factor f : tp.factors()) {
            FormattedTensor t = bound.get(f.binding());
            Format fmt = t.format();
            if (fmt.rank() < 2 || !fmt.level(0).isDense() || fmt.level(1).isDense() || !f.indices().get(fmt.mode(0)).equals(v)) continue;
            int[] p = t.pos(1);
            long[] prefix = new long[size + 1];
            for (int i = 0; i <= size; i++) prefix[i] = p[i] + (long) i; // +1 per coordinate: empty rows still cost a little
            return new Outer(0, size, prefix[size], prefix, null);
        }
        long rest = 1;
        for (String w : tp.order()) rest = Math.min(Long.MAX_VALUE / 2, rest * Math.max(1, sizes.get(w)));
        return new Outer(0, size, rest, null, null);
    }

    /** For root positions [from, to): prefix sums of the entries of a compressed child level below each. */
    private static long[] childPrefix(FormattedTensor t, int from, int to) {
        if (t.format().rank() < 2) return null;
        LevelType child = t.format().level(1);
        if (child != LevelType.COMPRESSED && child != LevelType.COMPRESSED_NONUNIQUE) return null;
        int[] p = t.pos(1);
        long[] prefix = new long[to - from + 1];
        for (int i = 0; i <= to - from; i++) prefix[i] = p[from + i] - (long) p[from] + i;
        return prefix;
    }
}
