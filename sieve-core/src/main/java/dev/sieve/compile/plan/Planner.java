package dev.sieve.compile.plan;

import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.format.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns an expression, the inputs' formats, the output format and a schedule into a {@link KernelPlan}. */
public final class Planner {
    /** Largest dense row workspace (floats) a term may use before it falls back to emitting keys. */
    static final long MAX_WORKSPACE = 1L << 22;

    private Planner() {}

    /**
     * @param sizes the size of every index (from {@code Shapes.indexSizes})
     * @param output the output format, or null to infer it
     * @param vectorLanes floats per vector for the generated code, 0 for scalar code
     */
    public static KernelPlan plan(Assignment a, Map<String, Format> formats, Map<String, Integer> sizes, Format output,
                                  Schedule schedule, int vectorLanes) {
        return plan(a, formats, sizes, output, schedule, vectorLanes, null);
    }

    /** As above, with an epilogue (bias and activation) applied to every output element; it needs a dense output. */
    public static KernelPlan plan(Assignment a, Map<String, Format> formats, Map<String, Integer> sizes, Format output,
                                  Schedule schedule, int vectorLanes, Epilogue epilogue) {
        return plan(a, formats, sizes, output, schedule, vectorLanes, epilogue, Map.of());
    }

    /**
     * As above; {@code stored} gives the number of stored entries of sparse inputs where known (the cost model for
     * transposing a scattering product needs it; without it the product is assumed worth transposing).
     */
    public static KernelPlan plan(Assignment a, Map<String, Format> formats, Map<String, Integer> sizes, Format output,
                                  Schedule schedule, int vectorLanes, Epilogue epilogue, Map<String, Integer> stored) {
        for (Access acc : a.accesses()) {
            Format f = formats.get(acc.tensor());
            if (f == null) throw new IllegalArgumentException("no format for input " + acc.tensor());
            if (f.rank() != acc.indices().size())
                throw new IllegalArgumentException("format " + f + " of " + acc.tensor() + " has rank " + f.rank() + " but it is used as " + acc);
        }
        List<String> outIdx = a.lhs().indices();
        if (output == null) output = OutputFormats.infer(a, formats);
        if (output.rank() != outIdx.size())
            throw new IllegalArgumentException("output format " + output + " has rank " + output.rank() + " but the output is " + a.lhs());

        List<KernelPlan.Binding> bindings = new ArrayList<>();
        List<KernelPlan.TermPlan> terms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Term> all = Terms.of(a);
        Format delivered = output;
        Transposition tr = all.size() == 1 && epilogue == null && schedule.loopOrder().isEmpty() && schedule.vectorize() && vectorLanes > 0
                && output.isAllDense()
                ? transposition(all.get(0), formats, outIdx, output, sizes, vectorLanes, stored) : null;
        if (tr != null) {
            output = tr.output();
            notes.add("the product scatters along " + tr.scattered() + " through a sparse level, so it runs transposed: "
                    + tr.contiguous() + " innermost (register-tiled), dense operands and the output stored with " + tr.contiguous()
                    + " last (output " + output + ", transposed back to " + delivered + ")");
        }
        for (Term t : all) {
            List<LoopOrders.Operand> ops = new ArrayList<>();
            for (int i = 0; i < t.factors().size(); i++) {
                Access f = t.factors().get(i);
                Format given = tr != null && tr.formats().get(i) != null ? tr.formats().get(i) : formats.get(f.tensor());
                ops.add(new LoopOrders.Operand(given, f.indices()));
            }
            LoopOrders.Result r = LoopOrders.choose(t.indices(), ops, outIdx, tr != null ? tr.order() : schedule.loopOrder());
            List<KernelPlan.Factor> factors = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                Access f = t.factors().get(i);
                Format fmt = ops.get(i).format();
                if (tr != null && tr.formats().get(i) != null) {
                    factors.add(new KernelPlan.Factor(bind(bindings, f.tensor(), fmt, true), f.indices()));
                    continue;
                }
                if (r.reorder()[i]) {
                    Format re = new Format(fmt.levels(), LoopOrders.concordantModeOrder(ops.get(i), r.order()));
                    notes.add(f.tensor() + " is re-stored as " + re + " (from " + fmt + ") to be walked in the loop order " + String.join(",", r.order()));
                    fmt = re;
                }
                factors.add(new KernelPlan.Factor(bind(bindings, f.tensor(), fmt, r.reorder()[i]), f.indices()));
            }
            KernelPlan.OutputMode mode = mode(output, outIdx, r.order(), sizes);
            int sampled = all.size() == 1 ? sampledFactor(output, outIdx, factors, bindings) : -1;
            if (sampled >= 0) mode = KernelPlan.OutputMode.SAMPLED;
            boolean outerIsOutput = !r.order().isEmpty() && outIdx.contains(r.order().get(0));
            boolean parallel = schedule.parallel() && outerIsOutput && sparseAtOuter(factors, bindings, r.order()) <= 1;
            if (schedule.parallel() && !r.order().isEmpty() && !parallel) {
                notes.add("term " + t + " runs its outer loop (" + r.order().get(0) + ") on one thread: "
                        + (outerIsOutput ? "it co-iterates several sparse operands" : "it is a reduction, so threads would write the same outputs"));
            }
            terms.add(new KernelPlan.TermPlan(t, factors, r.order(), mode, parallel, sampled));
        }
        if (schedule.stripVectors() == 0 && vectorLanes > 0) schedule = schedule.withStrip(stripWidth(terms, outIdx, sizes, vectorLanes));
        int biasBinding = -1;
        if (epilogue != null) {
            if (!output.isAllDense()) throw new IllegalArgumentException("an epilogue (bias, activation) needs a dense output, not " + output);
            if (epilogue.bias() != null) {
                if (!outIdx.contains(epilogue.index()))
                    throw new IllegalArgumentException("the bias runs along " + epilogue.index() + ", which is not an output index of " + a.lhs());
                if (a.inputs().contains(epilogue.bias()) || epilogue.bias().equals(a.lhs().tensor()))
                    throw new IllegalArgumentException("the bias name " + epilogue.bias() + " is already used in " + a);
                biasBinding = bind(bindings, epilogue.bias(), Format.dense(1), false);
            }
        }
        String tileIndex = null;
        int tileSize = 0;
        if (tr != null) {
            // Blocks of the contiguous index small enough that the dense rows they touch stay in L2 (~256 KiB) while
            // every outer coordinate uses them; a multiple of the strip.
            long reduce = 1;
            for (String v : all.get(0).indices()) if (!outIdx.contains(v)) reduce *= sizes.get(v);
            int strip = Math.max(1, schedule.stripVectors()) * vectorLanes;
            long block = (256L * 1024 / 4) / Math.max(1, reduce);
            tileSize = (int) Math.max(strip, Math.min(1 << 20, block / strip * strip));
            tileIndex = tr.contiguous();
        }
        int dotVectors = 0;
        if (terms.size() == 1 && vectorLanes > 0 && schedule.vectorize() && !terms.get(0).order().isEmpty()) {
            List<String> order = terms.get(0).order();
            String last = order.get(order.size() - 1);
            int n = sizes.get(last);
            if (!outIdx.contains(last) && n % vectorLanes == 0 && n / vectorLanes >= 1 && n / vectorLanes <= 4) dotVectors = n / vectorLanes;
        }
        return new KernelPlan(a, bindings, terms, output, schedule, vectorLanes, notes, epilogue, biasBinding, delivered, tileIndex, tileSize,
                dotVectors);
    }

    /**
     * A product whose innermost loop scatters along an output index through a sparse level (X(i,k)·W(k,j) with
     * W in CSR: each entry of W updates one scattered element of the output row) can run transposed: another
     * output index read only by dense operands becomes the innermost loop, contiguous in those operands and in
     * the output once they are stored with it last, so the product is a register-tiled SpMM. The cost is
     * re-storing the dense operands and transposing the output back.
     *
     * @param formats per factor, the new (re-stored) format of a dense factor, or null to keep it
     */
    record Transposition(List<String> order, List<Format> formats, Format output, String scattered, String contiguous) {}

    static Transposition transposition(Term t, Map<String, Format> formats, List<String> outIdx, Format output, Map<String, Integer> sizes,
                                       int lanes, Map<String, Integer> stored) {
        List<LoopOrders.Operand> ops = new ArrayList<>();
        for (Access f : t.factors()) ops.add(new LoopOrders.Operand(formats.get(f.tensor()), f.indices()));
        List<String> order = LoopOrders.choose(t.indices(), ops, outIdx, List.of()).order();
        if (order.isEmpty()) return null;
        String last = order.get(order.size() - 1);
        if (!outIdx.contains(last)) return null;
        boolean scatters = false;
        for (LoopOrders.Operand op : ops) {
            int m = op.indices().indexOf(last);
            if (m >= 0 && !op.format().level(op.format().levelOfMode(m)).isDense()) scatters = true;
        }
        if (!scatters) return null;
        String u = null;
        for (int k = outIdx.size() - 1; k >= 0 && u == null; k--) {
            String cand = outIdx.get(k);
            if (cand.equals(last) || sizes.get(cand) < 4 * lanes) continue;
            boolean denseOnly = true;
            for (LoopOrders.Operand op : ops) if (op.indices().contains(cand) && !op.format().isAllDense()) denseOnly = false;
            if (denseOnly) u = cand;
        }
        if (u == null) return null;
        // Worth it only if the sparse operands bring enough work per coordinate of u to pay for re-storing the dense
        // operands and the output (each moves its other dimensions once per coordinate of u): with a 99%-sparse
        // weight the scatter is cheaper than two transposes.
        long moved = 0, work = 0;
        boolean known = true;
        for (int i = 0; i < ops.size(); i++) {
            LoopOrders.Operand op = ops.get(i);
            if (op.format().isAllDense()) {
                if (op.indices().contains(u)) moved += size(op.indices(), sizes) / Math.max(1, sizes.get(u));
            } else {
                Integer n = stored.get(t.factors().get(i).tensor());
                if (n == null) known = false;
                else work += n;
            }
        }
        moved += size(outIdx, sizes) / Math.max(1, sizes.get(u));
        if (known && work < 2 * moved) return null;
        List<String> newOrder = new ArrayList<>();
        for (String v : outIdx) if (!v.equals(u)) newOrder.add(v);
        for (String v : t.indices()) if (!outIdx.contains(v)) newOrder.add(v);
        newOrder.add(u);
        List<Format> re = new ArrayList<>();
        for (LoopOrders.Operand op : ops) {
            int m = op.indices().indexOf(u);
            re.add(m < 0 || !op.format().isAllDense() ? null : new Format(op.format().levels(), modeLast(op.format(), m)));
        }
        Format out = new Format(output.levels(), modeLast(output, outIdx.indexOf(u)));
        return new Transposition(newOrder, re, out, last, u);
    }

    private static long size(List<String> indices, Map<String, Integer> sizes) {
        long n = 1;
        for (String v : indices) n *= sizes.get(v);
        return n;
    }

    /** The format's mode order with {@code mode} moved to the last level. */
    private static int[] modeLast(Format f, int mode) {
        int[] order = new int[f.rank()];
        int k = 0;
        for (int l = 0; l < f.rank(); l++) if (f.mode(l) != mode) order[k++] = f.mode(l);
        order[k] = mode;
        return order;
    }

    /**
     * The cost model for register tiles: a strip of the innermost dense output index keeps {@code W} vectors of
     * accumulators live across the reduction loops. Wider strips read each sparse entry and its dense row once
     * for more outputs, up to what the register file holds beside the loads and the broadcast: 8 of the 32
     * AVX-512 registers, 4 of the 16 AVX2 ones; never wider than the index itself.
     */
    static int stripWidth(List<KernelPlan.TermPlan> terms, List<String> outIdx, Map<String, Integer> sizes, int lanes) {
        int max = lanes >= 16 ? 8 : 4;
        for (KernelPlan.TermPlan t : terms) {
            if (t.order().isEmpty()) continue;
            String last = t.order().get(t.order().size() - 1);
            if (!outIdx.contains(last)) continue;
            int vectors = (int) Math.ceil(sizes.get(last) / (double) lanes);
            return Math.max(1, Math.min(max, vectors));
        }
        return 4;
    }

    private static int bind(List<KernelPlan.Binding> bindings, String tensor, Format f, boolean restored) {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).tensor().equals(tensor) && bindings.get(i).format().equals(f)) return i;
        }
        bindings.add(new KernelPlan.Binding(tensor, f, restored));
        return bindings.size() - 1;
    }

    private static KernelPlan.OutputMode mode(Format output, List<String> outIdx, List<String> order, Map<String, Integer> sizes) {
        if (output.isAllDense()) return KernelPlan.OutputMode.DENSE;
        if (order.isEmpty() || !order.get(0).equals(outIdx.get(output.mode(0)))) return KernelPlan.OutputMode.KEYS;
        long inner = 1;
        for (int k = 1; k < output.rank(); k++) inner *= sizes.get(outIdx.get(output.mode(k)));
        return inner <= MAX_WORKSPACE ? KernelPlan.OutputMode.ROW_WORKSPACE : KernelPlan.OutputMode.KEYS;
    }

    /**
     * A sparse factor stored exactly like the output (same level types, same index at every level): the
     * product's nonzeros lie inside its pattern, so the output can share it. -1 if there is none.
     */
    private static int sampledFactor(Format output, List<String> outIdx, List<KernelPlan.Factor> factors, List<KernelPlan.Binding> bindings) {
        if (output.isAllDense()) return -1;
        for (int f = 0; f < factors.size(); f++) {
            Format fmt = bindings.get(factors.get(f).binding()).format();
            if (fmt.rank() != output.rank() || !fmt.levels().equals(output.levels())) continue;
            boolean same = true;
            for (int k = 0; k < fmt.rank(); k++) {
                same &= factors.get(f).indices().get(fmt.mode(k)).equals(outIdx.get(output.mode(k)));
            }
            if (same) return f;
        }
        return -1;
    }

    /** How many sparse levels the outermost loop co-iterates. */
    private static int sparseAtOuter(List<KernelPlan.Factor> factors, List<KernelPlan.Binding> bindings, List<String> order) {
        int n = 0;
        for (KernelPlan.Factor f : factors) {
            Format fmt = bindings.get(f.binding()).format();
            if (fmt.rank() > 0 && !fmt.level(0).isDense() && f.indices().get(fmt.mode(0)).equals(order.get(0))) n++;
        }
        return n;
    }
}
