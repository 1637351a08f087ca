package dev.sieve.compile.codegen;

import dev.sieve.compile.plan.KernelPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each array lives in the {@code Object[]} a generated kernel receives: slot 0 is the dense output
 * (null for a sparse output), then for each binding, level by level, its {@code pos} and {@code crd} arrays
 * (null for dense levels), then its values. Index sizes go in an {@code int[]} in {@link #indices()} order.
 */
public final class Slots {
    private final int[] base;
    private final int[] ranks;
    private final int count;
    private final List<String> indices;

    public Slots(KernelPlan plan) {
        base = new int[plan.bindings().size()];
        ranks = new int[base.length];
        int s = 1;
        for (int b = 0; b < base.length; b++) {
            base[b] = s;
            ranks[b] = plan.bindings().get(b).format().rank();
            s += 2 * ranks[b] + 1;
        }
        count = s;
        List<String> idx = new ArrayList<>(plan.assignment().lhs().indices());
        for (String r : plan.assignment().reductionIndices()) if (!idx.contains(r)) idx.add(r);
        indices = List.copyOf(idx);
    }

    public int count() {
        return count;
    }

    public int pos(int binding, int level) {
        return base[binding] + 2 * level;
    }

    public int crd(int binding, int level) {
        return base[binding] + 2 * level + 1;
    }

    public int vals(int binding) {
        return base[binding] + 2 * ranks[binding];
    }

    /** All index variables: the output's, then the reductions, as the sizes array holds them. */
    public List<String> indices() {
        return indices;
    }

    public int size(String index) {
        int i = indices.indexOf(index);
        if (i < 0) throw new IllegalArgumentException("unknown index " + index);
        return i;
    }
}
