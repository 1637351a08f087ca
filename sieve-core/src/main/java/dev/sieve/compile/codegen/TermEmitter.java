package dev.sieve.compile.codegen;

import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.LevelType;
import dev.sieve.compile.plan.KernelPlan;
import dev.sieve.compile.plan.KernelPlan.OutputMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers one term's loop nest to a static Java method. Each loop visits one index variable: it co-iterates the
 * sparse levels that store that index (one range: a plain loop over positions; several: a merge that keeps only
 * coordinates present in all, since a term is a product), locates dense levels and dense operands by
 * arithmetic, and updates the output offset. Positions flow from level to level exactly as the storage
 * defines them ({@code FormattedTensor}).
 *
 * <p>Three shapes of innermost work get Vector API code when the plan has a vector width:
 * <ul>
 *   <li>an innermost dense output loop whose operands are contiguous in it, directly after reduction loops
 *       (SpMM, GCN aggregation): the loop is strip-mined and the strip hoisted above the reductions, so a strip
 *       of the output row stays in vector registers while the sparse reduction runs (register tiling);
 *   <li>the same loop without reductions above it: a vector axpy;
 *   <li>an innermost dense reduction loop contiguous in every operand (SDDMM's dot products): vector partial
 *       sums in four registers.
 * </ul>
 * Trailing reduction loops accumulate into a local and write the output once (the workspace after the last
 * reduction).
 */
final class TermEmitter {
    private final KernelPlan plan;
    private final KernelPlan.TermPlan tp;
    private final Slots slots;
    private final SourceWriter w;
    private final int lanes;
    private final List<String> order;
    private final List<String> outIdx;
    private final Format outFmt;
    private final int nf;
    private final Format[] fmt;
    private final boolean[] denseFactor;
    private final int hoistDepth; // loops at this depth and below are all reductions: accumulate locally
    private final String coef;

    private boolean fusedEpilogue; // the epilogue (bias, activation) was emitted into this term's stores
    private final boolean tiling;
    private boolean usedTile; // a register tile ran its strips inside the block loop
    private String[] preload; // per factor, the name prefix of its vectors loaded once above the loop (plan.dotVectors)

    // Walk state, saved and restored around each loop.
    private int[] level;
    private String[] pos;
    private String[] segEnd;
    private String[] off;
    private String outOff;
    private boolean accumulating;

    TermEmitter(KernelPlan plan, int term, Slots slots, SourceWriter w) {
        this(plan, term, slots, w, false);
    }

    /** With {@code tiling}, the nest runs inside blocks of the plan's tile index (only if a register tile uses them). */
    TermEmitter(KernelPlan plan, int term, Slots slots, SourceWriter w, boolean tiling) {
        this.tiling = tiling && plan.tileIndex() != null;
        this.plan = plan;
        this.tp = plan.terms().get(term);
        this.slots = slots;
        this.w = w;
        this.lanes = plan.schedule().vectorize() ? plan.vectorLanes() : 0;
        this.order = tp.order();
        this.outIdx = plan.assignment().lhs().indices();
        this.outFmt = plan.output();
        this.nf = tp.factors().size();
        this.fmt = new Format[nf];
        this.denseFactor = new boolean[nf];
        for (int f = 0; f < nf; f++) {
            fmt[f] = plan.bindings().get(tp.factors().get(f).binding()).format();
            denseFactor[f] = fmt[f].isAllDense();
        }
        int h = order.size();
        while (h > 0 && !outIdx.contains(order.get(h - 1))) h--;
        this.hoistDepth = h;
        this.coef = literal(tp.term().coefficient());
    }

    void emit(String name) {
        w.open("static void " + name + "(Object[] a, int[] n, int lo, int hi, Object[] sink)");
        for (String v : slots.indices()) w.line("final int n_" + v + " = n[" + slots.size(v) + "];");
        if (tp.mode() == OutputMode.DENSE || tp.mode() == OutputMode.SAMPLED) w.line("final float[] out = (float[]) a[0];");
        if (plan.biasBinding() >= 0) w.line("final float[] bias = (float[]) a[" + slots.vals(plan.biasBinding()) + "];");
        for (int f = 0; f < nf; f++) unpack(f);
        outputStrides();
        level = new int[nf];
        preload = new String[nf];
        pos = new String[nf];
        segEnd = new String[nf];
        off = new String[nf];
        for (int f = 0; f < nf; f++) {
            pos[f] = "0";
            off[f] = "0";
        }
        outOff = "0";
        if (tp.mode() == OutputMode.ROW_WORKSPACE || tp.mode() == OutputMode.KEYS) {
            w.line("long[] keys = (long[]) sink[0];");
            w.line("float[] kv = (float[]) sink[1];");
            w.line("int nk = ((int[]) sink[2])[0];");
            if (tp.mode() == OutputMode.ROW_WORKSPACE) {
                w.line("final float[] ws = (float[]) sink[3];");
                w.line("final boolean[] mark = (boolean[]) sink[4];");
                w.line("final int[] list = (int[]) sink[5];");
            }
        }
        if (hoistDepth == 0) beginAccumulator(0);
        if (tiling) {
            String u = plan.tileIndex();
            w.open("for (int tb = 0; tb < n_" + u + "; tb += " + plan.tileSize() + ")");
            w.line("final int te = Math.min(n_" + u + ", tb + " + plan.tileSize() + ");");
        }
        loop(0);
        if (tiling) w.close();
        if (hoistDepth == 0) endAccumulator(0);
        if (tp.mode() == OutputMode.ROW_WORKSPACE || tp.mode() == OutputMode.KEYS) {
            w.line("sink[0] = keys;");
            w.line("sink[1] = kv;");
            w.line("((int[]) sink[2])[0] = nk;");
        }
        w.close();
    }

    private void unpack(int f) {
        int b = tp.factors().get(f).binding();
        String pre = "b" + b;
        // One binding may back several factors; unpack it once.
        for (int g = 0; g < f; g++) if (tp.factors().get(g).binding() == b) return;
        for (int k = 0; k < fmt[f].rank(); k++) {
            LevelType t = fmt[f].level(k);
            if (t == LevelType.COMPRESSED || t == LevelType.COMPRESSED_NONUNIQUE)
                w.line("final int[] " + pre + "pos" + k + " = (int[]) a[" + slots.pos(b, k) + "];");
            if (!t.isDense()) w.line("final int[] " + pre + "crd" + k + " = (int[]) a[" + slots.crd(b, k) + "];");
        }
        w.line("final float[] " + pre + "v = (float[]) a[" + slots.vals(b) + "];");
    }

    private String arr(int f, String what, int k) {
        return "b" + tp.factors().get(f).binding() + what + k;
    }

    private String vals(int f) {
        return "b" + tp.factors().get(f).binding() + "v";
    }

    /** Stride of mode {@code m} of dense factor f: the product of the sizes of the levels stored after it. */
    private String denseStride(Format format, List<String> indices, int mode) {
        int lvl = format.levelOfMode(mode);
        List<String> parts = new ArrayList<>();
        for (int k = lvl + 1; k < format.rank(); k++) parts.add("n_" + indices.get(format.mode(k)));
        return parts.isEmpty() ? "1" : String.join(" * ", parts);
    }

    private void outputStrides() {
        if (tp.mode() == OutputMode.DENSE) {
            for (int m = 0; m < outIdx.size(); m++)
                w.line("final int so_" + outIdx.get(m) + " = " + denseStride(outFmt, outIdx, m) + ";");
        } else if (tp.mode() == OutputMode.KEYS) {
            for (int m = 0; m < outIdx.size(); m++)
                w.line("final long sk_" + outIdx.get(m) + " = " + denseStride(outFmt, outIdx, m).replace("n_", "(long) n_") + ";");
        } else if (tp.mode() == OutputMode.ROW_WORKSPACE) {
            for (int m = 0; m < outIdx.size(); m++) {
                if (outFmt.levelOfMode(m) == 0) continue;
                w.line("final int sw_" + outIdx.get(m) + " = " + denseStride(outFmt, outIdx, m) + ";");
            }
            w.line("final long inner = " + innerSize() + ";");
        }
    }

    private String innerSize() {
        List<String> parts = new ArrayList<>();
        for (int k = 1; k < outFmt.rank(); k++) parts.add("(long) n_" + outIdx.get(outFmt.mode(k)));
        return parts.isEmpty() ? "1L" : String.join(" * ", parts);
    }

    // ---- loops ---------------------------------------------------------------------------------------

    /**
     * The positions of a sparse level under the current parent. {@code repeats}: a coordinate may occur at several
     * consecutive positions (a u level, or a singleton with another singleton below it, like the middle level of
     * uqq), so a merge must take each run of equal coordinates as one and hand the run to the level below.
     */
    private record Range(int factor, LevelType type, String start, String end, boolean repeats) {}

    private boolean repeats(int f, int k) {
        LevelType t = fmt[f].level(k);
        return t == LevelType.COMPRESSED_NONUNIQUE
                || t == LevelType.SINGLETON && k + 1 < fmt[f].rank() && fmt[f].level(k + 1) == LevelType.SINGLETON;
    }

    private void loop(int d) {
        if (d == order.size()) {
            contribution();
            return;
        }
        if (lanes > 0 && tp.mode() == OutputMode.DENSE && registerTileAt(d)) return;
        String v = order.get(d);
        if (lanes > 0 && d == order.size() - 1 && vectorInnermost(d)) return;

        WalkState saved = snapshot();
        if (d == hoistDepth && d > 0) beginAccumulator(d);

        List<Range> ranges = new ArrayList<>();
        List<Integer> locate = new ArrayList<>();
        levelsAt(v, ranges, locate);
        if (lanes > 0 && plan.dotVectors() > 0 && d == order.size() - 2) preloadInvariant(v, order.get(d + 1));
        boolean outer = d == 0 && tp.parallel();
        if (lanes > 0 && !outer && accumulating && d == order.size() - 1 && locate.isEmpty() && ranges.size() == 1
                && gatherDot(d, v, ranges.get(0))) {
            // emitted: a vector dot product over the stored entries, gathering the dense operands
        } else if (ranges.isEmpty()) {
            w.open("for (int i_" + v + " = " + (outer ? "lo" : "0") + "; i_" + v + " < " + (outer ? "hi" : "n_" + v) + "; i_" + v + "++)");
            body(d, v, locate, List.of());
            w.close();
        } else if (ranges.size() == 1) {
            Range r = ranges.get(0);
            String p = "p" + r.factor + "_" + d;
            String start = outer ? "Math.max(" + r.start + ", lo)" : r.start, end = outer ? "Math.min(" + r.end + ", hi)" : r.end;
            w.line("final int " + p + "end = " + end + ";");
            if (r.repeats) {
                w.open("for (int " + p + " = " + start + "; " + p + " < " + p + "end; )");
                w.line("final int i_" + v + " = " + arr(r.factor, "crd", level[r.factor]) + "[" + p + "];");
                segment(r, p, d, v);
                body(d, v, locate, ranges);
                w.line(p + " = " + "e" + r.factor + "_" + d + ";");
            } else {
                w.open("for (int " + p + " = " + start + "; " + p + " < " + p + "end; " + p + "++)");
                w.line("final int i_" + v + " = " + arr(r.factor, "crd", level[r.factor]) + "[" + p + "];");
                body(d, v, locate, ranges);
            }
            w.close();
        } else {
            merge(d, v, locate, ranges);
        }

        if (d == hoistDepth && d > 0) endAccumulator(d);
        restore(saved);
    }

    /** Where the walk stands: each operand's next level and position, dense offsets, the output offset. */
    private record WalkState(int[] level, String[] pos, String[] segEnd, String[] off, String outOff, String[] preload) {}

    private WalkState snapshot() {
        return new WalkState(level.clone(), pos.clone(), segEnd.clone(), off.clone(), outOff, preload.clone());
    }

    private void restore(WalkState s) {
        level = s.level;
        pos = s.pos;
        segEnd = s.segEnd;
        off = s.off;
        outOff = s.outOff;
        preload = s.preload;
    }

    /**
     * The innermost loop walks one compressed level (the factor's last) to sum a reduction (SpMV's row dot
     * product): the stored values are contiguous, and every dense operand reading v has unit stride there, so
     * it is gathered through the coordinates ({@code FloatVector.fromArray} with an index map). False, having
     * emitted nothing, when the shape does not fit.
     */
    private boolean gatherDot(int d, String v, Range r) {
        int f = r.factor;
        if (r.type != LevelType.COMPRESSED || level[f] != fmt[f].rank() - 1 || r.repeats || outIdx.contains(v)) return false;
        List<Integer> gathered = new ArrayList<>();
        for (int g = 0; g < nf; g++) {
            if (g == f || !tp.factors().get(g).indices().contains(v)) continue;
            if (!denseFactor[g] || !indexAt(g, fmt[g].rank() - 1).equals(v)) return false;
            gathered.add(g);
        }
        String p = "p" + f + "_" + d, crd = arr(f, "crd", level[f]), g0 = "gd" + d;
        List<Integer> others = new ArrayList<>(gathered);
        others.add(f);
        String scalar = product(others); // factors that do not depend on v
        w.line("int " + p + " = " + r.start + ";");
        w.line("final int " + p + "end = " + r.end + ";");
        w.line("FloatVector " + g0 + " = FloatVector.zero(S);");
        w.open("for (; " + p + " <= " + p + "end - S.length(); " + p + " += S.length())");
        String vec = "FloatVector.fromArray(S, " + vals(f) + ", " + p + ")";
        for (int g : gathered) vec = vec + ".mul(FloatVector.fromArray(S, " + vals(g) + ", " + off[g] + ", " + crd + ", " + p + "))";
        w.line(g0 + " = " + g0 + ".add(" + vec + ");");
        w.close();
        w.line("float gs" + d + " = " + g0 + ".reduceLanes(VectorOperators.ADD);");
        w.open("for (; " + p + " < " + p + "end; " + p + "++)");
        StringBuilder sc = new StringBuilder(vals(f) + "[" + p + "]");
        for (int g : gathered) sc.append(" * ").append(vals(g)).append("[").append(plus(off[g], crd + "[" + p + "]")).append("]");
        w.line("gs" + d + " += " + sc + ";");
        w.close();
        w.line("acc += " + (scalar.equals("1f") ? "" : scalar + " * ") + "gs" + d + ";");
        return true;
    }

    /**
     * Before the loop over v, loads into registers the vectors of each dense operand that the innermost dot
     * product over {@code r} reads contiguously and that does not depend on v: the loop then reuses them for
     * every v (the JIT cannot hoist them itself, since the output stores might alias).
     */
    private void preloadInvariant(String v, String r) {
        for (int g = 0; g < nf; g++) {
            List<String> idx = tp.factors().get(g).indices();
            if (!denseFactor[g] || !idx.contains(r) || idx.contains(v) || !indexAt(g, fmt[g].rank() - 1).equals(r)) continue;
            String name = "pre" + g + "_";
            for (int u = 0; u < plan.dotVectors(); u++) {
                w.line("final FloatVector " + name + u + " = FloatVector.fromArray(S, " + vals(g) + ", " + plus(off[g], u + " * S.length()") + ");");
            }
            preload[g] = name;
        }
    }

    /**
     * The sparse operands' next levels that store index v: sparse ones as position ranges to walk, dense ones
     * (of a sparse operand) as levels to locate by arithmetic.
     */
    private void levelsAt(String v, List<Range> ranges, List<Integer> locate) {
        for (int f = 0; f < nf; f++) {
            if (denseFactor[f] || level[f] >= fmt[f].rank()) continue;
            if (!indexAt(f, level[f]).equals(v)) continue;
            LevelType t = fmt[f].level(level[f]);
            switch (t) {
                case DENSE -> locate.add(f);
                case COMPRESSED, COMPRESSED_NONUNIQUE -> ranges.add(new Range(f, t,
                        arr(f, "pos", level[f]) + "[" + pos[f] + "]", arr(f, "pos", level[f]) + "[" + pos[f] + " + 1]", repeats(f, level[f])));
                case SINGLETON -> ranges.add(new Range(f, t, pos[f], segEnd[f] != null ? segEnd[f] : pos[f] + " + 1", repeats(f, level[f])));
            }
        }
    }

    /** The end of the run of equal coordinates starting at {@code p} in a non-unique level. */
    private void segment(Range r, String p, int d, String v) {
        String e = "e" + r.factor + "_" + d;
        w.line("int " + e + " = " + p + " + 1;");
        w.line("while (" + e + " < " + p + "end && " + arr(r.factor, "crd", level[r.factor]) + "[" + e + "] == i_" + v + ") " + e + "++;");
    }

    /** Intersection of several sorted coordinate ranges: advance whichever is behind the largest. */
    private void merge(int d, String v, List<Integer> locate, List<Range> ranges) {
        List<String> conds = new ArrayList<>();
        for (Range r : ranges) {
            String p = "p" + r.factor + "_" + d;
            w.line("int " + p + " = " + r.start + ";");
            w.line("final int " + p + "end = " + r.end + ";");
            conds.add(p + " < " + p + "end");
        }
        w.open("while (" + String.join(" && ", conds) + ")");
        List<String> eq = new ArrayList<>();
        String max = null;
        for (Range r : ranges) {
            String p = "p" + r.factor + "_" + d, c = "c" + r.factor + "_" + d;
            w.line("final int " + c + " = " + arr(r.factor, "crd", level[r.factor]) + "[" + p + "];");
            max = max == null ? c : "Math.max(" + max + ", " + c + ")";
            eq.add(c + " == i_" + v);
        }
        w.line("final int i_" + v + " = " + max + ";");
        w.open("if (" + String.join(" && ", eq) + ")");
        for (Range r : ranges) {
            if (r.repeats) segment(r, "p" + r.factor + "_" + d, d, v);
        }
        body(d, v, locate, ranges);
        for (Range r : ranges) {
            String p = "p" + r.factor + "_" + d;
            w.line(p + " = " + (r.repeats ? "e" + r.factor + "_" + d : p + " + 1") + ";");
        }
        w.close();
        w.open("else");
        for (Range r : ranges) {
            String p = "p" + r.factor + "_" + d;
            w.line("if (c" + r.factor + "_" + d + " < i_" + v + ") " + p + "++;");
        }
        w.close();
        w.close();
    }

    /** Inside a loop at depth d with i_v bound: move every operand and the output to it, then go deeper. */
    private void body(int d, String v, List<Integer> locate, List<Range> ranges) {
        for (Range r : ranges) {
            int f = r.factor;
            String p = "p" + f + "_" + d;
            segEnd[f] = r.repeats ? "e" + f + "_" + d : null;
            pos[f] = p;
            level[f]++;
        }
        for (int f : locate) {
            String p = "q" + f + "_" + d;
            w.line("final int " + p + " = " + (pos[f].equals("0") ? "" : pos[f] + " * n_" + v + " + ") + "i_" + v + ";");
            pos[f] = p;
            segEnd[f] = null;
            level[f]++;
        }
        for (int f = 0; f < nf; f++) {
            if (!denseFactor[f]) continue;
            int m = tp.factors().get(f).indices().indexOf(v);
            if (m < 0) continue;
            String o = "o" + f + "_" + d;
            w.line("final int " + o + " = " + (off[f].equals("0") ? "" : off[f] + " + ") + "i_" + v + " * " + strideOf(f, m) + ";");
            off[f] = o;
        }
        if (outIdx.contains(v)) advanceOutput(d, v);
        boolean workspaceRow = d == 0 && tp.mode() == OutputMode.ROW_WORKSPACE;
        if (workspaceRow) w.line("int cnt = 0;");
        loop(d + 1);
        if (workspaceRow) flushRow(v);
    }

    private String strideOf(int f, int mode) {
        return denseStride(fmt[f], tp.factors().get(f).indices(), mode);
    }

    private void advanceOutput(int d, String v) {
        String o = "oo_" + d;
        switch (tp.mode()) {
            case DENSE -> w.line("final int " + o + " = " + (outOff.equals("0") ? "" : outOff + " + ") + "i_" + v + " * so_" + v + ";");
            case ROW_WORKSPACE -> {
                if (outFmt.levelOfMode(outIdx.indexOf(v)) == 0) return;
                w.line("final int " + o + " = " + (outOff.equals("0") ? "" : outOff + " + ") + "i_" + v + " * sw_" + v + ";");
            }
            case KEYS -> w.line("final long " + o + " = " + (outOff.equals("0") ? "" : outOff + " + ") + "i_" + v + " * sk_" + v + ";");
            case SAMPLED -> {
                return; // the position comes from the sampled factor
            }
        }
        outOff = o;
    }

    // ---- the innermost statement ---------------------------------------------------------------------

    /** The product of every factor's value at the current positions (without the coefficient). */
    private String product(List<Integer> skip) {
        List<String> parts = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            if (skip.contains(f)) continue;
            parts.add(vals(f) + "[" + (denseFactor[f] ? off[f] : pos[f]) + "]");
        }
        return parts.isEmpty() ? "1f" : String.join(" * ", parts);
    }

    private void contribution() {
        String value = product(List.of());
        if (accumulating) {
            w.line("acc += " + value + ";");
        } else {
            write(coef.equals("1f") ? value : coef + " * " + value);
        }
    }

    private void beginAccumulator(int d) {
        w.line("float acc = 0f;");
        accumulating = true;
    }

    private void endAccumulator(int d) {
        accumulating = false;
        write(coef.equals("1f") ? "acc" : coef + " * acc");
    }

    private void write(String value) {
        switch (tp.mode()) {
            case DENSE -> w.line("out[" + outOff + "] += " + value + ";");
            case SAMPLED -> w.line("out[" + pos[tp.sampledFactor()] + "] += " + value + ";");
            case ROW_WORKSPACE -> {
                w.line("if (!mark[" + outOff + "]) { mark[" + outOff + "] = true; list[cnt++] = " + outOff + "; }");
                w.line("ws[" + outOff + "] += " + value + ";");
            }
            case KEYS -> {
                w.open("if (nk == keys.length)");
                w.line("keys = java.util.Arrays.copyOf(keys, Math.max(16, 2 * nk));");
                w.line("kv = java.util.Arrays.copyOf(kv, keys.length);");
                w.close();
                w.line("keys[nk] = " + outOff + ";");
                w.line("kv[nk++] = " + value + ";");
            }
        }
    }

    private void flushRow(String v) {
        w.open("if (cnt > 0)");
        w.line("java.util.Arrays.sort(list, 0, cnt);");
        w.open("if (nk + cnt > keys.length)");
        w.line("keys = java.util.Arrays.copyOf(keys, Math.max(nk + cnt, 2 * keys.length));");
        w.line("kv = java.util.Arrays.copyOf(kv, keys.length);");
        w.close();
        w.line("final long rowKey = (long) i_" + v + " * inner;");
        w.open("for (int t = 0; t < cnt; t++)");
        w.line("final int x = list[t];");
        w.line("keys[nk] = rowKey + x;");
        w.line("kv[nk++] = ws[x];");
        w.line("ws[x] = 0f;");
        w.line("mark[x] = false;");
        w.close();
        w.close();
    }

    // ---- vector code ---------------------------------------------------------------------------------

    /** The index stored at level k of factor f. */
    private String indexAt(int f, int k) {
        return tp.factors().get(f).indices().get(fmt[f].mode(k));
    }

    /**
     * Whether every operand touching {@code v} reads it with unit stride at the current state: dense operands
     * whose last stored mode is v, and sparse operands whose last level is a dense level over v that is next.
     * Fills {@code contiguous} with those factors; false when a sparse level iterates v.
     */
    private boolean contiguousIn(String v, List<Integer> contiguous) {
        for (int f = 0; f < nf; f++) {
            List<String> idx = tp.factors().get(f).indices();
            if (!idx.contains(v)) continue;
            if (denseFactor[f]) {
                if (fmt[f].rank() == 0 || !indexAt(f, fmt[f].rank() - 1).equals(v)) return false;
            } else {
                int last = fmt[f].rank() - 1;
                if (level[f] != last || !indexAt(f, last).equals(v) || fmt[f].level(last) != LevelType.DENSE) return false;
            }
            contiguous.add(f);
        }
        return true;
    }

    /** The array offset of factor f with v's contribution left out (v has unit stride there). */
    private String baseOffset(int f, String v) {
        if (denseFactor[f]) return off[f];
        return pos[f].equals("0") ? "0" : pos[f] + " * n_" + v;
    }

    private String species() {
        return "S";
    }

    /**
     * v at depth d is the innermost loop: a vector axpy into the output (v an output index with unit stride),
     * or a vector dot product into the accumulator (v a reduction).
     */
    private boolean vectorInnermost(int d) {
        String v = order.get(d);
        List<Integer> cont = new ArrayList<>();
        if (!contiguousIn(v, cont) || cont.isEmpty()) return false;
        boolean output = outIdx.contains(v);
        if (output && (tp.mode() != OutputMode.DENSE || !denseStride(outFmt, outIdx, outIdx.indexOf(v)).equals("1"))) return false;
        if (!output && !accumulating && d != hoistDepth) return false;
        boolean outer = d == 0 && tp.parallel();
        String from = outer ? "lo" : "0", to = outer ? "hi" : "n_" + v;
        if (d == hoistDepth && d > 0 && !output) beginAccumulator(d);
        String scalar = product(cont);
        if (!accumulating && !coef.equals("1f")) scalar = coef + " * " + scalar;
        if (output) {
            String oBase = outOff;
            w.line("final FloatVector bc_" + d + " = FloatVector.broadcast(S, " + scalar + ");");
            w.line("int i_" + v + " = " + from + ";");
            w.open("for (; i_" + v + " <= " + to + " - S.length(); i_" + v + " += S.length())");
            String prod = vecProduct(cont, v, "i_" + v);
            w.line("FloatVector.fromArray(S, out, " + plus(oBase, "i_" + v) + ").add(" + prod + ".mul(bc_" + d + ")).intoArray(out, "
                    + plus(oBase, "i_" + v) + ");");
            w.close();
            w.open("for (; i_" + v + " < " + to + "; i_" + v + "++)");
            w.line("out[" + plus(oBase, "i_" + v) + "] += " + scalar + " * " + scalarProduct(cont, v, "i_" + v) + ";");
            w.close();
        } else if (plan.dotVectors() > 0) {
            // Exactly dotVectors vectors long: straight-line products, two partial sums, preloaded operands reused.
            String dot = "dot_" + d;
            int k = plan.dotVectors();
            for (int u = 0; u < k; u++) {
                List<String> xs = new ArrayList<>();
                for (int f : cont) xs.add(preload[f] != null ? preload[f] + u : vecLoad(f, v, u + " * S.length()"));
                String acc = dot + (u % 2 == 0 ? "a" : "b");
                String head = String.join(".mul(", xs.subList(0, xs.size() - 1)) + ")".repeat(Math.max(0, xs.size() - 2));
                if (u < 2) {
                    w.line("FloatVector " + acc + " = " + (xs.size() == 1 ? xs.get(0) : head + ".mul(" + xs.get(xs.size() - 1) + ")") + ";");
                } else {
                    w.line(acc + " = " + (xs.size() == 1 ? acc + ".add(" + xs.get(0) + ")" : head + ".fma(" + xs.get(xs.size() - 1) + ", " + acc + ")") + ";");
                }
            }
            String sum = k > 1 ? dot + "a.add(" + dot + "b)" : dot + "a";
            w.line("float sum_" + d + " = " + sum + ".reduceLanes(VectorOperators.ADD);");
            String value = scalar.equals("1f") ? "sum_" + d : scalar + " * sum_" + d;
            if (accumulating) w.line("acc += " + value + ";");
            else write(value);
        } else {
            String dot = "dot_" + d;
            w.line("FloatVector " + dot + "0 = FloatVector.zero(S), " + dot + "1 = FloatVector.zero(S), " + dot + "2 = FloatVector.zero(S), "
                    + dot + "3 = FloatVector.zero(S);");
            w.line("int i_" + v + " = 0;");
            w.open("for (; i_" + v + " <= n_" + v + " - 4 * S.length(); i_" + v + " += 4 * S.length())");
            for (int u = 0; u < 4; u++) {
                String at = "i_" + v + " + " + u + " * S.length()";
                w.line(dot + u + " = " + fma(cont, v, at, dot + u) + ";");
            }
            w.close();
            w.open("for (; i_" + v + " <= n_" + v + " - S.length(); i_" + v + " += S.length())");
            w.line(dot + "0 = " + fma(cont, v, "i_" + v, dot + "0") + ";");
            w.close();
            w.line("float sum_" + d + " = " + dot + "0.add(" + dot + "1).add(" + dot + "2.add(" + dot + "3)).reduceLanes(VectorOperators.ADD);");
            w.open("for (; i_" + v + " < n_" + v + "; i_" + v + "++)");
            w.line("sum_" + d + " += " + scalarProduct(cont, v, "i_" + v) + ";");
            w.close();
            String value = scalar.equals("1f") ? "sum_" + d : scalar + " * sum_" + d;
            if (accumulating) w.line("acc += " + value + ";");
            else write(value);
        }
        if (d == hoistDepth && d > 0 && !output) endAccumulator(d);
        return true;
    }

    private static String plus(String base, String x) {
        return base.equals("0") ? x : base + " + " + x;
    }

    private String vecLoad(int f, String v, String at) {
        return "FloatVector.fromArray(S, " + vals(f) + ", " + plus(baseOffset(f, v), at) + ")";
    }

    private String vecProduct(List<Integer> cont, String v, String at) {
        String p = null;
        for (int f : cont) p = p == null ? vecLoad(f, v, at) : p + ".mul(" + vecLoad(f, v, at) + ")";
        return p;
    }

    private String fma(List<Integer> cont, String v, String at, String acc) {
        if (cont.size() == 1) return vecLoad(cont.get(0), v, at) + ".add(" + acc + ")";
        String p = vecLoad(cont.get(0), v, at);
        for (int i = 1; i < cont.size() - 1; i++) p = p + ".mul(" + vecLoad(cont.get(i), v, at) + ")";
        return p + ".fma(" + vecLoad(cont.get(cont.size() - 1), v, at) + ", " + acc + ")";
    }

    private String scalarProduct(List<Integer> cont, String v, String at) {
        List<String> parts = new ArrayList<>();
        for (int f : cont) parts.add(vals(f) + "[" + plus(baseOffset(f, v), at) + "]");
        return String.join(" * ", parts);
    }

    /**
     * Register tiling: when the loops from depth d to the last-but-one are reductions and the last loop is a
     * dense output index that every operand reads contiguously, emit strips of the last index around the
     * reduction loops: each strip's output values live in vector registers across the whole reduction.
     */
    private boolean registerTileAt(int d) {
        int last = order.size() - 1;
        if (d >= last || accumulating) return false;
        String v = order.get(last);
        if (!outIdx.contains(v) || !denseStride(outFmt, outIdx, outIdx.indexOf(v)).equals("1")) return false;
        for (int k = d; k < last; k++) if (outIdx.contains(order.get(k))) return false;
        if (d > 0 && !outIdx.contains(order.get(d - 1))) return false; // start at the first reduction of the run
        // Operands reading v must be dense operands with v last, or sparse ones whose last level is dense over v
        // and whose other levels are all visited by the reduction loops (checked while emitting).
        List<Integer> touching = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            if (!tp.factors().get(f).indices().contains(v)) continue;
            int r = fmt[f].rank();
            if (!indexAt(f, r - 1).equals(v)) return false;
            if (!denseFactor[f] && fmt[f].level(r - 1) != LevelType.DENSE) return false;
            touching.add(f);
        }
        if (touching.isEmpty() || !stripFeasible(d, last, touching)) return false;
        int width = plan.schedule().stripVectors() > 0 ? plan.schedule().stripVectors() : 4;
        // The epilogue fuses into the stores when they are the only writes and no output coordinate is skipped
        // (a sparse level over an output index would leave rows without their bias).
        boolean fuse = plan.epilogue() != null && soleWriter() && outputLoopsDense(d);
        boolean blocked = tiling && v.equals(plan.tileIndex());
        if (blocked) usedTile = true;
        String limit = blocked ? "te" : "n_" + v;
        w.line("int s_" + v + " = " + (blocked ? "tb" : "0") + ";");
        for (int wv : width == 1 ? new int[] {1} : new int[] {width, 1}) {
            w.open("for (; s_" + v + " <= " + limit + " - " + wv + " * S.length(); s_" + v + " += " + wv + " * S.length())");
            StringBuilder decl = new StringBuilder("FloatVector ");
            for (int u = 0; u < wv; u++) decl.append(u == 0 ? "" : ", ").append("r").append(u).append(" = FloatVector.zero(S)");
            w.line(decl + ";");
            stripReductions(d, last, v, wv, touching);
            for (int u = 0; u < wv; u++) {
                String at = plus(outOff, "s_" + v + (u == 0 ? "" : " + " + u + " * S.length()"));
                // The only term writes each output element once here: store, do not read the output back.
                if (fuse) {
                    w.line(epilogueVector("r" + u, v, "s_" + v + (u == 0 ? "" : " + " + u + " * S.length()")) + ".intoArray(out, " + at + ");");
                } else {
                    w.line(soleWriter() ? "r" + u + ".intoArray(out, " + at + ");"
                            : "r" + u + ".add(FloatVector.fromArray(S, out, " + at + ")).intoArray(out, " + at + ");");
                }
            }
            w.close();
        }
        // Scalar tail: one output element at a time, reductions inside, accumulated locally.
        w.open("for (; s_" + v + " < " + limit + "; s_" + v + "++)");
        w.line("float acc = 0f;");
        stripReductions(d, last, v, 0, touching);
        String total = coef.equals("1f") ? "acc" : coef + " * acc";
        if (fuse) w.line("out[" + plus(outOff, "s_" + v) + "] = " + epilogueScalar(v, "s_" + v, total) + ";");
        else w.line("out[" + plus(outOff, "s_" + v) + "] " + (soleWriter() ? "=" : "+=") + " " + total + ";");
        if (fuse) fusedEpilogue = true;
        w.close();
        return true;
    }

    /**
     * Whether the reduction loops d..last-1 each walk at most one sparse range (no merge, no non-unique level)
     * and leave every sparse operand that reads v just above its dense last level.
     */
    private boolean stripFeasible(int d, int last, List<Integer> touching) {
        int[] lv = level.clone();
        for (int k = d; k < last; k++) {
            String v = order.get(k);
            int ranges = 0;
            for (int f = 0; f < nf; f++) {
                if (denseFactor[f] || lv[f] >= fmt[f].rank() || !indexAt(f, lv[f]).equals(v)) continue;
                LevelType t = fmt[f].level(lv[f]);
                if (t == LevelType.COMPRESSED_NONUNIQUE) return false;
                if (!t.isDense()) ranges++;
                lv[f]++;
            }
            if (ranges > 1) return false;
        }
        for (int f : touching) if (!denseFactor[f] && lv[f] != fmt[f].rank() - 1) return false;
        return true;
    }

    /** Whether loops 0..d-1 visit every coordinate of their (output) index: no sparse level iterates them. */
    private boolean outputLoopsDense(int d) {
        int[] lv = new int[nf];
        for (int k = 0; k < d; k++) {
            for (int f = 0; f < nf; f++) {
                if (denseFactor[f] || lv[f] >= fmt[f].rank() || !indexAt(f, lv[f]).equals(order.get(k))) continue;
                if (!fmt[f].level(lv[f]).isDense()) return false;
                lv[f]++;
            }
        }
        return true;
    }

    /** The epilogue applied to vector {@code r} of finished outputs at strip position {@code at} of index v. */
    private String epilogueVector(String r, String v, String at) {
        dev.sieve.compile.plan.Epilogue e = plan.epilogue();
        String x = r;
        if (e.bias() != null) {
            x = x + (e.index().equals(v) ? ".add(FloatVector.fromArray(S, bias, " + at + "))" : ".add(bias[i_" + e.index() + "])");
        }
        return switch (e.activation()) {
            case NONE -> x;
            case RELU -> x + ".max(0f)";
            case SIGMOID -> "FloatVector.broadcast(S, 1f).div(" + x + ".neg().lanewise(VectorOperators.EXP).add(1f))";
        };
    }

    private String epilogueScalar(String v, String at, String value) {
        dev.sieve.compile.plan.Epilogue e = plan.epilogue();
        String x = value;
        if (e.bias() != null) x = "(" + x + " + bias[" + (e.index().equals(v) ? at : "i_" + e.index()) + "])";
        if (e.activation() == dev.sieve.compile.plan.Epilogue.Activation.RELU) x = "Math.max(" + x + ", 0f)";
        if (e.activation() == dev.sieve.compile.plan.Epilogue.Activation.SIGMOID) x = "(float) (1 / (1 + Math.exp(-(" + x + "))))";
        return x;
    }

    /** Whether a register tile ran inside the block loop (so the blocked nest is correct and worth keeping). */
    boolean usedTile() {
        return usedTile;
    }

    boolean fusedEpilogue() {
        return fusedEpilogue;
    }

    /**
     * Whether this term is the only one writing the output: a register tile then visits each output element
     * exactly once (output loops never repeat a coordinate), so it can store instead of accumulate.
     */
    private boolean soleWriter() {
        return plan.terms().size() == 1;
    }

    /** The reduction loops d..last-1 with a strip body: {@code width} vector accumulators, or 0 for the scalar tail. */
    private void stripReductions(int d, int last, String v, int width, List<Integer> touching) {
        reductionLoops(d, last, new StripBody(v, width, touching)); // restores the walk state itself
    }

    private record StripBody(String v, int width, List<Integer> touching) {}

    /** Emits loops d..last-1 as {@link #loop} would, with the strip statement innermost. */
    private void reductionLoops(int d, int last, StripBody body) {
        if (d == last) {
            stripStatement(body);
            return;
        }
        // Reuse the general loop machinery by temporarily treating depth `last` as the end of the nest.
        String v = order.get(d);
        WalkState saved = snapshot();
        List<Range> ranges = new ArrayList<>();
        List<Integer> locate = new ArrayList<>();
        levelsAt(v, ranges, locate);
        String tag = "_" + d + "w" + body.width;
        if (ranges.isEmpty()) {
            w.open("for (int i_" + v + " = 0; i_" + v + " < n_" + v + "; i_" + v + "++)");
            stripBody(d, v, locate, List.of(), last, body);
            w.close();
        } else if (ranges.size() == 1 && ranges.get(0).type != LevelType.COMPRESSED_NONUNIQUE) {
            // A singleton whose coordinates repeat may be walked position by position here: nothing intersects it.
            Range r = ranges.get(0);
            String p = "p" + r.factor + "_" + d;
            w.open("for (int " + p + " = " + r.start + ", " + p + "end" + tag + " = " + r.end + "; " + p + " < " + p + "end" + tag + "; " + p + "++)");
            w.line("final int i_" + v + " = " + arr(r.factor, "crd", level[r.factor]) + "[" + p + "];");
            stripBody(d, v, locate, ranges, last, body);
            w.close();
        } else {
            // Merges and non-unique levels inside a strip: fall back to one element at a time.
            throw new UnsupportedOperationException("strip over co-iteration");
        }
        restore(saved);
    }

    private void stripBody(int d, String v, List<Integer> locate, List<Range> ranges, int last, StripBody body) {
        for (Range r : ranges) {
            pos[r.factor] = "p" + r.factor + "_" + d;
            segEnd[r.factor] = null;
            level[r.factor]++;
        }
        for (int f : locate) {
            String p = "q" + f + "_" + d + "w" + body.width;
            w.line("final int " + p + " = " + (pos[f].equals("0") ? "" : pos[f] + " * n_" + v + " + ") + "i_" + v + ";");
            pos[f] = p;
            level[f]++;
        }
        for (int f = 0; f < nf; f++) {
            if (!denseFactor[f]) continue;
            int m = tp.factors().get(f).indices().indexOf(v);
            if (m < 0) continue;
            String o = "o" + f + "_" + d + "w" + body.width;
            w.line("final int " + o + " = " + (off[f].equals("0") ? "" : off[f] + " + ") + "i_" + v + " * " + strideOf(f, m) + ";");
            off[f] = o;
        }
        reductionLoops(d + 1, last, body);
    }

    private void stripStatement(StripBody body) {
        // Every sparse operand touching v must now sit just above its dense last level.
        for (int f : body.touching) {
            if (!denseFactor[f] && level[f] != fmt[f].rank() - 1) throw new UnsupportedOperationException("strip level");
        }
        String scalar = product(body.touching);
        if (body.width == 0) {
            w.line("acc += " + scalar + " * " + scalarProduct(body.touching, body.v, "s_" + body.v) + ";");
            return;
        }
        if (!coef.equals("1f")) scalar = coef + " * " + scalar;
        w.line("final FloatVector bc = FloatVector.broadcast(S, " + scalar + ");");
        for (int u = 0; u < body.width; u++) {
            String at = "s_" + body.v + (u == 0 ? "" : " + " + u + " * S.length()");
            w.line("r" + u + " = " + vecProduct(body.touching, body.v, at) + ".fma(bc, r" + u + ");");
        }
    }

    static String literal(double c) {
        if (c == 1.0) return "1f";
        float f = (float) c;
        if (Float.isNaN(f)) return "Float.NaN";
        if (Float.isInfinite(f)) return f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        return "(" + Float.toString(f) + "f)";
    }
}
