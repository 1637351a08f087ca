package dev.sieve.compile.run;

import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.format.LevelType;
import java.util.Arrays;

/**
 * Builds a sparse output's levels from sorted, distinct linearised coordinates (keys are row-major over the
 * output's levels in storage order, so level 0 is the most significant). A depth-first walk assigns positions
 * level by level in increasing order, which is exactly the order the storage defines: dense levels enumerate
 * every coordinate under each parent (missing entries become stored zeros), compressed levels store the distinct
 * coordinates of each parent's entries, a non-unique level one coordinate per entry and its singleton children
 * the rest.
 */
final class OutputAssembly {
    private final int rank;
    private final int[] size;
    private final long[] stride;
    private final LevelType[] type;
    private final long[] keys;
    private final float[] values;
    private final int[][] pos, crd;
    private final int[] count; // positions created so far per compressed level
    private float[] vals = new float[16];
    private int maxPos = -1;

    private OutputAssembly(int[] dims, Format f, long[] keys, float[] values) {
        rank = f.rank();
        size = new int[rank];
        stride = new long[rank];
        type = new LevelType[rank];
        for (int k = 0; k < rank; k++) {
            size[k] = dims[f.mode(k)];
            type[k] = f.level(k);
        }
        long s = 1;
        for (int k = rank - 1; k >= 0; k--) {
            stride[k] = s;
            s *= Math.max(1, size[k]);
        }
        this.keys = keys;
        this.values = values;
        pos = new int[rank][];
        crd = new int[rank][];
        count = new int[rank];
        for (int k = 0; k < rank; k++) {
            if (type[k] == LevelType.COMPRESSED || type[k] == LevelType.COMPRESSED_NONUNIQUE) pos[k] = new int[2];
            if (!type[k].isDense()) crd[k] = new int[16];
        }
    }

    /** The tensor holding the first {@code n} (sorted, distinct) keys and their values in format {@code f}. */
    static FormattedTensor build(int[] dims, Format f, long[] keys, float[] values, int n) {
        OutputAssembly a = new OutputAssembly(dims, f, keys, values);
        a.walk(0, 0, n, 0);
        int[][] pos = new int[a.rank][], crd = new int[a.rank][];
        int parents = 1;
        for (int k = 0; k < a.rank; k++) {
            switch (a.type[k]) {
                case DENSE -> parents = Math.multiplyExact(parents, a.size[k]);
                case COMPRESSED, COMPRESSED_NONUNIQUE -> {
                    pos[k] = Arrays.copyOf(a.pos[k], parents + 1);
                    // Parents after the last one visited (trailing empty dense rows) end where it did.
                    for (int p = 1; p <= parents; p++) if (pos[k][p] < pos[k][p - 1]) pos[k][p] = pos[k][p - 1];
                    crd[k] = Arrays.copyOf(a.crd[k], a.count[k]);
                    parents = a.count[k];
                }
                case SINGLETON -> crd[k] = Arrays.copyOf(a.crd[k], parents);
            }
        }
        return FormattedTensor.wrap(dims.clone(), f, pos, crd, Arrays.copyOf(a.vals, parents));
    }

    private int coord(int e, int k) {
        return (int) (keys[e] / stride[k] % Math.max(1, size[k]));
    }

    /** Entries [a, b) share their coordinates above level k and sit under parent position p. */
    private void walk(int k, int a, int b, int p) {
        if (k == rank) {
            if (p >= vals.length) vals = Arrays.copyOf(vals, Math.max(p + 1, 2 * vals.length));
            vals[p] = a < b ? values[a] : 0f;
            return;
        }
        switch (type[k]) {
            case DENSE -> {
                int e = a;
                for (int c = 0; c < size[k]; c++) {
                    int s = e;
                    while (e < b && coord(e, k) == c) e++;
                    walk(k + 1, s, e, Math.multiplyExact(p, size[k]) + c);
                }
            }
            case COMPRESSED -> {
                int distinct = 0;
                for (int e = a; e < b; e++) if (e == a || coord(e, k) != coord(e - 1, k)) distinct++;
                setPos(k, p, distinct);
                int e = a;
                while (e < b) {
                    int c = coord(e, k), s = e;
                    while (e < b && coord(e, k) == c) e++;
                    int q = append(k, c);
                    walk(k + 1, s, e, q);
                }
            }
            case COMPRESSED_NONUNIQUE -> {
                // One position per distinct coordinate tuple of the u q..q run, not per entry: levels below the
                // run (as in "uqs") hold several entries under one tuple.
                int end = endOfCooRun(k), groups = 0;
                for (int e = a; e < b; e++) if (e == a || differs(e, k, end)) groups++;
                setPos(k, p, groups);
                int e = a;
                while (e < b) {
                    int s = e++;
                    while (e < b && !differs(e, k, end)) e++;
                    walk(k + 1, s, e, append(k, coord(s, k)));
                }
            }
            case SINGLETON -> {
                if (p >= crd[k].length) crd[k] = Arrays.copyOf(crd[k], Math.max(p + 1, 2 * crd[k].length));
                crd[k][p] = coord(a, k);
                walk(k + 1, a, b, p);
            }
        }
    }

    /** The last level of the u q..q run that starts at non-unique level k. */
    private int endOfCooRun(int k) {
        int e = k + 1;
        while (e + 1 < rank && type[e + 1] == LevelType.SINGLETON) e++;
        return e;
    }

    /** Whether entry e has other coordinates than entry e-1 at some level of from..to. */
    private boolean differs(int e, int from, int to) {
        for (int k = from; k <= to; k++) if (coord(e, k) != coord(e - 1, k)) return true;
        return false;
    }

    private void setPos(int k, int parent, int children) {
        if (parent + 2 > pos[k].length) pos[k] = Arrays.copyOf(pos[k], Math.max(parent + 2, 2 * pos[k].length));
        // Parents skipped since the last one (empty dense coordinates) keep the running end.
        int end = pos[k][Math.min(parent, pos[k].length - 1)];
        pos[k][parent + 1] = end + children;
    }

    private int append(int k, int c) {
        int q = count[k]++;
        if (q >= crd[k].length) crd[k] = Arrays.copyOf(crd[k], 2 * crd[k].length);
        crd[k][q] = c;
        return q;
    }
}
