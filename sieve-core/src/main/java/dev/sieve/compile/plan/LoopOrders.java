package dev.sieve.compile.plan;

import dev.sieve.compile.format.Format;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the loop order of one term: concordant with the storage order of every sparse operand, so each is
 * walked level by level from its root, with ties broken by the order of the output and of dense operands.
 *
 * <p>A sparse operand (one with any non-dense level) adds <em>hard</em> edges between the indices of its
 * consecutive levels: its positions flow from level to level, so a level can only be visited after its parent.
 * Dense operands and a dense output are random access and add only <em>soft</em> edges, which the order follows
 * when it can (row-major B(k,j) prefers k before j: the saxpy form of a product). When two sparse operands
 * disagree (A(i,j) and B(j,i), both CSR) the later one is re-stored in the concordant mode order and the plan
 * says so.
 */
final class LoopOrders {
    private LoopOrders() {}

    /** A term's operand as the scheduler sees it: its format and its index at each mode. */
    record Operand(Format format, List<String> indices) {
        boolean sparse() {
            return !format.isAllDense();
        }

        /** The index stored at level k. */
        String indexAtLevel(int k) {
            return indices.get(format.mode(k));
        }
    }

    /** The chosen order, and for each operand whether it must be re-stored to follow it. */
    record Result(List<String> order, boolean[] reorder) {}

    static Result choose(List<String> indices, List<Operand> operands, List<String> outputIndices, List<String> override) {
        int n = indices.size();
        Map<String, Integer> id = new LinkedHashMap<>();
        for (String v : indices) id.put(v, id.size());
        BitSet[] hard = new BitSet[n], soft = new BitSet[n]; // predecessors
        for (int i = 0; i < n; i++) {
            hard[i] = new BitSet();
            soft[i] = new BitSet();
        }
        boolean[] reorder = new boolean[operands.size()];
        if (!override.isEmpty()) {
            List<String> order = new ArrayList<>();
            for (String v : override) if (id.containsKey(v)) order.add(v);
            for (String v : indices) {
                if (!order.contains(v)) throw new IllegalArgumentException("schedule order " + override + " does not place index " + v);
            }
            for (int f = 0; f < operands.size(); f++) reorder[f] = operands.get(f).sparse() && !concordant(operands.get(f), order);
            return new Result(List.copyOf(order), reorder);
        }
        for (int f = 0; f < operands.size(); f++) {
            Operand op = operands.get(f);
            int levels = op.format().rank();
            if (op.sparse()) {
                BitSet[] trial = copy(hard);
                for (int k = 1; k < levels; k++) trial[id.get(op.indexAtLevel(k))].set(id.get(op.indexAtLevel(k - 1)));
                if (acyclic(trial)) {
                    hard = trial;
                    continue;
                }
                reorder[f] = true; // re-stored below to follow the order; until then its levels only hint
            }
            for (int k = 1; k < levels; k++) soft[id.get(op.indexAtLevel(k))].set(id.get(op.indexAtLevel(k - 1)));
        }
        for (int k = 1; k < outputIndices.size(); k++) soft[id.get(outputIndices.get(k))].set(id.get(outputIndices.get(k - 1)));

        List<String> order = new ArrayList<>();
        BitSet placed = new BitSet();
        for (int step = 0; step < n; step++) {
            int best = -1, bestUnmet = Integer.MAX_VALUE;
            for (int v = 0; v < n; v++) {
                if (placed.get(v)) continue;
                BitSet missing = (BitSet) hard[v].clone();
                missing.andNot(placed);
                if (!missing.isEmpty()) continue;
                BitSet unmet = (BitSet) soft[v].clone();
                unmet.andNot(placed);
                int u = unmet.cardinality();
                if (u < bestUnmet) { // ties: the earlier index (output order, then reductions as they appear)
                    best = v;
                    bestUnmet = u;
                }
            }
            placed.set(best);
            order.add(indices.get(best));
        }
        return new Result(List.copyOf(order), reorder);
    }

    /** Whether the operand's levels appear in {@code order} from root to leaf. */
    static boolean concordant(Operand op, List<String> order) {
        int last = -1;
        for (int k = 0; k < op.format().rank(); k++) {
            int at = order.indexOf(op.indexAtLevel(k));
            if (at < last) return false;
            last = at;
        }
        return true;
    }

    /** The mode order that makes {@code op} concordant with {@code order}: its modes sorted by loop position. */
    static int[] concordantModeOrder(Operand op, List<String> order) {
        int r = op.indices().size();
        Integer[] modes = new Integer[r];
        for (int m = 0; m < r; m++) modes[m] = m;
        java.util.Arrays.sort(modes, java.util.Comparator.comparingInt(m -> order.indexOf(op.indices().get(m))));
        int[] out = new int[r];
        for (int k = 0; k < r; k++) out[k] = modes[k];
        return out;
    }

    private static BitSet[] copy(BitSet[] a) {
        BitSet[] c = new BitSet[a.length];
        for (int i = 0; i < a.length; i++) c[i] = (BitSet) a[i].clone();
        return c;
    }

    private static boolean acyclic(BitSet[] preds) {
        int n = preds.length;
        BitSet done = new BitSet();
        for (int round = 0; round < n; round++) {
            boolean progress = false;
            for (int v = 0; v < n; v++) {
                if (done.get(v)) continue;
                BitSet missing = (BitSet) preds[v].clone();
                missing.andNot(done);
                if (missing.isEmpty()) {
                    done.set(v);
                    progress = true;
                }
            }
            if (!progress) break;
        }
        return done.cardinality() == n;
    }
}
