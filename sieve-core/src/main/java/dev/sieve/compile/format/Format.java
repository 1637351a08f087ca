package dev.sieve.compile.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A tensor storage format as a list of levels: level {@code k} has type {@code levels.get(k)} and stores
 * logical mode (dimension) {@code modeOrder[k]}. CSR is {@code (dense, compressed)} over modes
 * {@code (0, 1)}; CSC is the same levels over modes {@code (1, 0)}.
 *
 * <p>Rules: {@code modeOrder} is a permutation of {@code 0..rank-1}; a {@link LevelType#SINGLETON} level
 * directly follows a {@link LevelType#COMPRESSED_NONUNIQUE} or singleton level; a compressed non-unique
 * level is directly followed by a singleton (a trailing {@code u} would let coordinates repeat). Rank 0
 * (no levels) is a scalar.
 *
 * <p>The text form ({@link #parse}, {@link #toString}) is one letter per level ({@link LevelType#letter()}),
 * followed by {@code ":"} and the comma-separated mode order when that is not the identity:
 * {@code "ds"}, {@code "ds:1,0"}, {@code "uq"}, {@code "sss:2,0,1"}.
 *
 * @param levels the level types, outermost first (copied, unmodifiable)
 * @param modeOrder the logical mode stored at each level (copied; {@link #modeOrder()} returns a copy)
 */
public record Format(List<LevelType> levels, int[] modeOrder) {

    /**
     * Copies and validates.
     *
     * @throws IllegalArgumentException if the mode order is not a permutation of the levels' modes or the
     *     levels break the singleton rules
     */
    public Format {
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(modeOrder, "modeOrder");
        for (int k = 0; k < levels.size(); k++) {
            if (levels.get(k) == null) throw new IllegalArgumentException("level " + k + " is null");
        }
        levels = List.copyOf(levels);
        modeOrder = modeOrder.clone();
        checkPermutation(modeOrder, levels.size());
        checkLevelSequence(levels);
    }

    /** Levels over the identity mode order: level k stores mode k. */
    public Format(List<LevelType> levels) {
        this(levels, identity(levels.size()));
    }

    private static void checkPermutation(int[] order, int rank) {
        if (order.length != rank) {
            throw new IllegalArgumentException("mode order " + Arrays.toString(order) + " has " + order.length
                    + " entries for " + rank + " levels");
        }
        boolean[] seen = new boolean[rank];
        for (int k = 0; k < rank; k++) {
            int m = order[k];
            if (m < 0 || m >= rank) {
                throw new IllegalArgumentException("mode order " + Arrays.toString(order) + ": entry " + k + " is " + m
                        + ", outside 0.." + (rank - 1));
            }
            if (seen[m]) {
                throw new IllegalArgumentException("mode order " + Arrays.toString(order) + ": mode " + m
                        + " appears twice; it must be a permutation of 0.." + (rank - 1));
            }
            seen[m] = true;
        }
    }

    private static void checkLevelSequence(List<LevelType> levels) {
        for (int k = 0; k < levels.size(); k++) {
            LevelType t = levels.get(k);
            if (t == LevelType.SINGLETON) {
                if (k == 0) {
                    throw new IllegalArgumentException("level 0 is singleton (q) with no level above it; "
                            + "a singleton must directly follow u or q");
                }
                LevelType above = levels.get(k - 1);
                if (above != LevelType.COMPRESSED_NONUNIQUE && above != LevelType.SINGLETON) {
                    throw new IllegalArgumentException("level " + k + " is singleton (q) but follows " + above.description()
                            + " (" + above.letter() + "); a singleton must directly follow u or q");
                }
            }
            if (t == LevelType.COMPRESSED_NONUNIQUE) {
                if (k == levels.size() - 1) {
                    throw new IllegalArgumentException("level " + k + " is compressed non-unique (u) and the last level, "
                            + "which would allow duplicate coordinates; follow it with q");
                }
                LevelType below = levels.get(k + 1);
                if (below != LevelType.SINGLETON) {
                    throw new IllegalArgumentException("level " + k + " is compressed non-unique (u) but is followed by "
                            + below.description() + " (" + below.letter() + "); u must be followed by a singleton (q)");
                }
            }
        }
    }

    static int[] identity(int rank) {
        int[] order = new int[rank];
        for (int k = 0; k < rank; k++) order[k] = k;
        return order;
    }

    // ---- named formats ------------------------------------------------------------------------

    /** Every level dense, identity order: a row-major dense array. Rank 0 is a scalar. */
    public static Format dense(int rank) {
        return uniform(LevelType.DENSE, checkRank(rank, 0, "dense"));
    }

    /** Compressed sparse rows: {@code ds}. */
    public static Format csr() {
        return new Format(List.of(LevelType.DENSE, LevelType.COMPRESSED));
    }

    /** Compressed sparse columns: {@code ds:1,0}. */
    public static Format csc() {
        return new Format(List.of(LevelType.DENSE, LevelType.COMPRESSED), new int[] {1, 0});
    }

    /** Doubly compressed sparse rows (only nonempty rows kept): {@code ss}. */
    public static Format dcsr() {
        return new Format(List.of(LevelType.COMPRESSED, LevelType.COMPRESSED));
    }

    /**
     * Sorted coordinate lists: {@code uq...q}. Rank 1 has no coordinate list to pair with, so it is a
     * single compressed level {@code s}.
     */
    public static Format coo(int rank) {
        checkRank(rank, 1, "coo");
        if (rank == 1) return new Format(List.of(LevelType.COMPRESSED));
        List<LevelType> levels = new ArrayList<>(rank);
        levels.add(LevelType.COMPRESSED_NONUNIQUE);
        for (int k = 1; k < rank; k++) levels.add(LevelType.SINGLETON);
        return new Format(levels);
    }

    /** Compressed sparse fiber: every level compressed, identity order. */
    public static Format csf(int rank) {
        return uniform(LevelType.COMPRESSED, checkRank(rank, 0, "csf"));
    }

    private static Format uniform(LevelType t, int rank) {
        return new Format(java.util.Collections.nCopies(rank, t));
    }

    private static int checkRank(int rank, int min, String what) {
        if (rank < min) throw new IllegalArgumentException(what + " needs rank >= " + min + ", got " + rank);
        return rank;
    }

    // ---- text ---------------------------------------------------------------------------------

    /**
     * The format written as level letters, optionally followed by {@code ':'} and the mode order
     * ({@code "ds"}, {@code "dss"}, {@code "ds:1,0"}, {@code "uq"}, {@code "sss:2,0,1"}), or one of the
     * names {@code csr}, {@code csc}, {@code coo} (rank 2), {@code dcsr}, {@code csf} (rank 3). The empty
     * string is the rank-0 (scalar) format. Surrounding white space is ignored.
     *
     * @throws IllegalArgumentException quoting the text and saying what is wrong with it
     */
    public static Format parse(String text) {
        Objects.requireNonNull(text, "format text");
        String s = text.strip();
        Format named = switch (s) {
            case "csr" -> csr();
            case "csc" -> csc();
            case "coo" -> coo(2);
            case "dcsr" -> dcsr();
            case "csf" -> csf(3);
            default -> null;
        };
        if (named != null) return named;
        try {
            int colon = s.indexOf(':');
            String letters = colon < 0 ? s : s.substring(0, colon);
            List<LevelType> levels = new ArrayList<>(letters.length());
            for (int i = 0; i < letters.length(); i++) {
                try {
                    levels.add(LevelType.of(letters.charAt(i)));
                } catch (IllegalArgumentException e) {
                    String where = "character " + i + ": " + e.getMessage();
                    // A word such as "dense" is more likely a name we do not know than mistyped letters.
                    throw new IllegalArgumentException(colon < 0 && letters.length() > 1
                            ? "neither a named format (csr, csc, coo, dcsr, csf) nor level letters; " + where
                            : where);
                }
            }
            if (colon < 0) return new Format(levels);
            return new Format(levels, parseModeOrder(s.substring(colon + 1), levels.size()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private static int[] parseModeOrder(String text, int rank) {
        if (text.isBlank()) throw new IllegalArgumentException("nothing after ':'; expected the mode order, e.g. 1,0");
        if (text.indexOf(':') >= 0) throw new IllegalArgumentException("more than one ':'");
        String[] parts = text.split(",", -1);
        if (parts.length != rank) {
            throw new IllegalArgumentException("mode order \"" + text + "\" has " + parts.length + " entries for " + rank
                    + " level letters");
        }
        int[] order = new int[rank];
        for (int k = 0; k < rank; k++) {
            String p = parts[k].strip();
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new IllegalArgumentException("mode order entry " + k + " (\"" + parts[k] + "\") is not a mode number");
            }
            order[k] = Integer.parseInt(p);
        }
        return order;
    }

    /** Level letters, then {@code ":"} and the mode order if it is not the identity; {@link #parse} reads it back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(3 * levels.size());
        for (LevelType t : levels) sb.append(t.letter());
        if (!isIdentityOrder()) {
            sb.append(':');
            for (int k = 0; k < modeOrder.length; k++) {
                if (k > 0) sb.append(',');
                sb.append(modeOrder[k]);
            }
        }
        return sb.toString();
    }

    /**
     * A familiar name when this is exactly one of the named formats: {@code csr}, {@code csc}, {@code coo}
     * ({@code uq..q}, rank >= 2), {@code dcsr}, {@code csf} (all compressed, rank >= 3), {@code dense} (all
     * dense, rank >= 1); otherwise {@link #toString()}.
     */
    public String name() {
        int rank = rank();
        if (rank == 2) {
            if (equals(csr())) return "csr";
            if (equals(csc())) return "csc";
            if (equals(dcsr())) return "dcsr";
        }
        if (rank >= 2 && equals(coo(rank))) return "coo";
        if (rank >= 3 && equals(csf(rank))) return "csf";
        if (rank >= 1 && equals(dense(rank))) return "dense";
        return toString();
    }

    // ---- queries ------------------------------------------------------------------------------

    /** Number of levels, which is the number of logical modes. */
    public int rank() {
        return levels.size();
    }

    /** The type of level {@code k}. */
    public LevelType level(int k) {
        return levels.get(k);
    }

    /** The logical mode stored at level {@code k}: {@code modeOrder[k]}. */
    public int mode(int k) {
        return modeOrder[k];
    }

    /** A copy of the mode order. */
    @Override
    public int[] modeOrder() {
        return modeOrder.clone();
    }

    /** The level that stores logical mode {@code mode}. */
    public int levelOfMode(int mode) {
        for (int k = 0; k < modeOrder.length; k++) {
            if (modeOrder[k] == mode) return k;
        }
        throw new IllegalArgumentException("mode " + mode + " is outside 0.." + (rank() - 1) + " for format " + this);
    }

    /** Whether every level is dense (true for rank 0). */
    public boolean isAllDense() {
        for (LevelType t : levels) if (!t.isDense()) return false;
        return true;
    }

    /** Whether level k stores mode k for every level. */
    public boolean isIdentityOrder() {
        for (int k = 0; k < modeOrder.length; k++) if (modeOrder[k] != k) return false;
        return true;
    }

    /**
     * The last level of the {@code u q..q} run that starts at compressed non-unique level {@code k}: the
     * levels whose coordinates together must be unique and sorted in canonical form.
     */
    int endOfCooRun(int k) {
        int e = k + 1;
        while (e + 1 < levels.size() && levels.get(e + 1) == LevelType.SINGLETON) e++;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Format f && levels.equals(f.levels) && Arrays.equals(modeOrder, f.modeOrder);
    }

    @Override
    public int hashCode() {
        return 31 * levels.hashCode() + Arrays.hashCode(modeOrder);
    }
}
