package dev.sieve.compile;

import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.LevelType;
import dev.sieve.compile.plan.Schedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random expressions, formats and schedules for differential tests of the tensor compiler. Expressions
 * use at most four index variables (i, j, k, l) so that the dense reference stays cheap, and tensors of rank
 * 0 to 3 that share indices: contractions, Hadamard products, outer products, broadcasts, sums and differences.
 */
final class RandomEinsums {
    private static final String[] LETTERS = {"i", "j", "k", "l"};
    private static final String[] TENSORS = {"A", "B", "D"};
    private static final String[] LITERALS = {"2", "0.5", "3", "1.5", "0.25"};

    /**
     * Well-known kernels (SpMV, SpMM, SDDMM, tensor-times-vector/matrix, MTTKRP, inner and outer products, sums
     * with a transpose), drawn more often with dense operands and outputs so that the vector, register-tiled and
     * workspace code paths get their share of the random cases.
     */
    private static final String[] ARCHETYPES = {
            "C(i,j) = A(i,k) * B(k,j)",
            "C(i,j) = A(i,k) * B(k,j)",
            "C(i,j) = A(i,k) * B(k,j) + 2 * D(i,j)",
            "C(i,j) = A(i,k) * B(j,k)",
            "y(i) = A(i,j) * x(j) - z(i)",
            "y(j) = A(i,j) * x(i)",
            "C(i,j) = S(i,j) * U(i,k) * V(j,k)",
            "C(i,j,k) = A(i,j,l) * B(l,k)",
            "C(i,j) = A(i,j,k) * x(k)",
            "C(i,j) = A(i,k,l) * B(k,j) * D(l,j)",
            "s = A(i,j) * B(i,j)",
            "C(i,j) = -(A(i,j) + B(j,i))",
            "C(i,j) = A(i) * B(j)",
            "C(i,j) = A(i,j) * x(j)",
            "C(i,j,k) = A(i,j) * B(j,k)",
            "C(j,i) = A(i,k) * B(k,j) - A(i,j)",
            "ij,jk->ik",
            "ijk,jk->i",
    };

    private RandomEinsums() {}

    /** One kernel to compile: an expression, a format per input, the requested output format and the schedule. */
    record KernelSpec(String expression, Assignment assignment, Map<String, Format> formats, Format output, String schedule) {
        Schedule parsedSchedule() {
            return Schedule.parse(schedule);
        }

        @Override
        public String toString() {
            return "\"" + expression + "\" formats=" + formats + " output=" + (output == null ? "inferred" : "\"" + output + "\"")
                    + " schedule=\"" + schedule + "\"";
        }
    }

    /**
     * An expression (3 in 10 a well-known kernel, else random einsum subscripts or index notation), a random valid
     * format per input, an output format (inferred, random, or dense) and a schedule, all drawn from {@code r}.
     */
    static KernelSpec kernel(SplittableRandom r) {
        int kind = r.nextInt(10);
        boolean archetype = kind < 3;
        String text = archetype ? ARCHETYPES[r.nextInt(ARCHETYPES.length)] : kind < 6 ? einsum(r) : indexNotation(r);
        Assignment a = Parser.parse(text);
        Map<String, Format> formats = new LinkedHashMap<>();
        for (Access acc : a.accesses()) {
            boolean dense = archetype && !formats.isEmpty() && r.nextInt(3) < 2;
            formats.computeIfAbsent(acc.tensor(), t -> dense ? Format.dense(acc.rank()) : format(r, acc.rank()));
        }
        int rank = a.lhs().rank();
        Format output = switch (r.nextInt(archetype ? 6 : 3)) {
            case 0 -> null;
            case 1, 2 -> format(r, rank);
            default -> Format.dense(rank);
        };
        return new KernelSpec(text, a, formats, output, schedule(r, a));
    }

    // ---- expressions --------------------------------------------------------------------------------

    /** numpy subscripts: 1-3 operands of rank 1-3 over i, j, k, l, with an explicit or (sometimes) implicit output. */
    static String einsum(SplittableRandom r) {
        int operands = 1 + r.nextInt(3);
        List<String> used = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int o = 0; o < operands; o++) {
            int rank = 1 + weighted(r, 4, 5, 2);
            parts.add(String.join("", indices(r, rank, used)));
        }
        String lhs = String.join(",", parts);
        if (r.nextInt(5) == 0) {
            // numpy's implicit output: the letters used once; kept only when it is at most rank 3.
            long once = used.stream().filter(v -> lhs.chars().filter(c -> c == v.charAt(0)).count() == 1).count();
            if (once <= 3) return lhs;
        }
        return lhs + "->" + String.join("", output(r, used));
    }

    /**
     * Index notation: 1-3 terms, each a product of 1-3 accesses (or a bare literal), optionally scaled, combined
     * with + and -, sometimes negated as a whole, or multiplied by a further access ({@code (T1 + T2) * F}).
     */
    static String indexNotation(SplittableRandom r) {
        int[] ranks = new int[TENSORS.length];
        for (int t = 0; t < ranks.length; t++) ranks[t] = weighted(r, 1, 4, 5, 2);
        int tensors = 1 + r.nextInt(TENSORS.length);
        List<String> used = new ArrayList<>();
        int terms = 1 + weighted(r, 5, 4, 2);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < terms; t++) {
            if (t > 0 && r.nextInt(12) == 0) {
                texts.add(LITERALS[r.nextInt(LITERALS.length)]);
                continue;
            }
            int factors = 1 + weighted(r, 5, 5, 1);
            List<String> fs = new ArrayList<>();
            if (r.nextInt(5) == 0) fs.add(LITERALS[r.nextInt(LITERALS.length)]);
            for (int f = 0; f < factors; f++) {
                int which = r.nextInt(tensors);
                fs.add(access(TENSORS[which], indices(r, ranks[which], used)));
            }
            String term = String.join(" * ", fs);
            if (r.nextInt(10) == 0) term = "-" + (fs.size() > 1 ? "(" + term + ")" : term);
            texts.add(term);
        }
        StringBuilder rhs = new StringBuilder(texts.get(0));
        for (int t = 1; t < texts.size(); t++) {
            boolean minus = r.nextInt(3) == 0;
            boolean group = t == 1 && texts.size() == 3 && r.nextInt(3) == 0; // a - (b + c)
            if (group) {
                rhs.append(minus ? " - (" : " + (").append(texts.get(1)).append(r.nextBoolean() ? " + " : " - ").append(texts.get(2)).append(')');
                break;
            }
            rhs.append(minus ? " - " : " + ").append(texts.get(t));
        }
        String body = rhs.toString();
        int shape = r.nextInt(10);
        if (shape == 0) {
            body = "-(" + body + ")";
        } else if (shape <= 2 && texts.size() > 1) {
            int which = r.nextInt(tensors);
            String f = access(TENSORS[which], indices(r, ranks[which], used));
            body = r.nextBoolean() ? "(" + body + ") * " + f : f + " * (" + body + ")";
        }
        return access("C", output(r, used)) + " = " + body;
    }

    private static String access(String tensor, List<String> indices) {
        return indices.isEmpty() ? tensor : tensor + "(" + String.join(",", indices) + ")";
    }

    /** {@code rank} distinct letters, preferring ones already used (so operands share indices). */
    private static List<String> indices(SplittableRandom r, int rank, List<String> used) {
        List<String> out = new ArrayList<>();
        while (out.size() < rank) {
            List<String> reuse = new ArrayList<>(used);
            reuse.removeAll(out);
            String v = !reuse.isEmpty() && r.nextInt(10) < 7 ? reuse.get(r.nextInt(reuse.size())) : LETTERS[r.nextInt(LETTERS.length)];
            if (out.contains(v)) continue;
            out.add(v);
            if (!used.contains(v)) used.add(v);
        }
        return out;
    }

    /** A random subset (rank 0-3) of the used letters in random order. */
    private static List<String> output(SplittableRandom r, List<String> used) {
        List<String> pool = new ArrayList<>(used);
        shuffle(r, pool);
        int rank = Math.min(pool.size(), Math.min(3, weighted(r, 2, 4, 5, 2)));
        return new ArrayList<>(pool.subList(0, rank));
    }

    // ---- formats and schedules ----------------------------------------------------------------------

    /** A valid format of rank {@code rank}: any level letters the format rules allow, any mode order. */
    static Format format(SplittableRandom r, int rank) {
        List<LevelType> levels = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            LevelType previous = k == 0 ? null : levels.get(k - 1);
            if (previous == LevelType.COMPRESSED_NONUNIQUE) {
                levels.add(LevelType.SINGLETON);
                continue;
            }
            boolean canQ = previous == LevelType.SINGLETON, canU = k < rank - 1;
            int pick = weighted(r, 3, 4, canU ? 2 : 0, canQ ? 2 : 0);
            levels.add(LevelType.values()[pick]);
        }
        int[] order = new int[rank];
        for (int k = 0; k < rank; k++) order[k] = k;
        if (rank > 1 && r.nextInt(5) < 2) {
            for (int k = rank - 1; k > 0; k--) {
                int j = r.nextInt(k + 1), t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
        }
        return new Format(levels, order);
    }

    /** Mostly automatic; otherwise a mix of serial runs, strip widths, scalar code and an explicit loop order. */
    static String schedule(SplittableRandom r, Assignment a) {
        if (r.nextInt(5) < 3) return "";
        List<String> parts = new ArrayList<>();
        if (r.nextInt(3) == 0) parts.add("parallel=false");
        if (r.nextInt(3) == 0) parts.add("strip=" + new int[] {1, 2, 8}[r.nextInt(3)]);
        if (r.nextInt(4) == 0) parts.add("vectorize=false");
        if (parts.isEmpty() || r.nextInt(2) == 0) {
            List<String> order = new ArrayList<>(a.indices());
            shuffle(r, order);
            if (!order.isEmpty()) parts.add("order=" + String.join(",", order));
        }
        return String.join(" ", parts);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** An index 0..weights.length-1 drawn with the given relative weights. */
    static int weighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) return i;
        }
        throw new AssertionError();
    }

    static <T> void shuffle(SplittableRandom r, List<T> list) {
        for (int k = list.size() - 1; k > 0; k--) Collections.swap(list, k, r.nextInt(k + 1));
    }
}
