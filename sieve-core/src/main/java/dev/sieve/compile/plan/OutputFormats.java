package dev.sieve.compile.plan;

import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.LevelType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Infers the output's format from the inputs': an output index is compressed if any input level indexing it is
 * compressed, else coordinate if one is a coordinate (COO) level, else dense; a trailing run of coordinate
 * indices becomes a COO tail (u, q, ...), and a compressed level followed only by dense levels becomes dense
 * (it would store every entry of each nonempty row anyway). Levels follow the output's index order.
 */
public final class OutputFormats {
    private OutputFormats() {}

    public static Format infer(Assignment a, Map<String, Format> inputs) {
        List<String> out = a.lhs().indices();
        int r = out.size();
        char[] kind = new char[r];
        java.util.Arrays.fill(kind, 'd');
        for (Access acc : a.accesses()) {
            Format f = inputs.get(acc.tensor());
            if (f == null) continue;
            for (int k = 0; k < f.rank(); k++) {
                int at = out.indexOf(acc.indices().get(f.mode(k)));
                if (at < 0) continue;
                LevelType t = f.level(k);
                if (t == LevelType.COMPRESSED) kind[at] = 's';
                else if (!t.isDense() && kind[at] == 'd') kind[at] = 'c';
            }
        }
        // Coordinate indices: a trailing run (of at least two, starting after any other level) is a COO tail;
        // elsewhere they are stored compressed.
        int tail = r;
        while (tail > 0 && kind[tail - 1] == 'c') tail--;
        List<LevelType> levels = new ArrayList<>();
        for (int k = 0; k < r; k++) {
            if (kind[k] == 'c' && k >= tail && r - tail >= 2) levels.add(k == tail ? LevelType.COMPRESSED_NONUNIQUE : LevelType.SINGLETON);
            else if (kind[k] == 'd') levels.add(LevelType.DENSE);
            else levels.add(LevelType.COMPRESSED);
        }
        // A compressed level with only dense levels below it becomes dense, from the leaves up.
        for (int k = r - 2; k >= 0; k--) {
            boolean belowDense = true;
            for (int j = k + 1; j < r; j++) belowDense &= levels.get(j).isDense();
            if (belowDense && levels.get(k) == LevelType.COMPRESSED) levels.set(k, LevelType.DENSE);
        }
        int[] order = new int[r];
        for (int k = 0; k < r; k++) order[k] = k;
        return new Format(levels, order);
    }
}
