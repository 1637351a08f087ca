package dev.sieve.compile.format;

/**
 * How one level of a {@link FormattedTensor} stores the coordinates of its dimension, each named by the
 * letter used in format strings such as {@code "ds"}. See {@link FormattedTensor} for the arrays each
 * level keeps.
 */
public enum LevelType {
    /** Every coordinate of the dimension, implicitly: no arrays. */
    DENSE('d', "dense"),
    /** Only coordinates that lead to stored values, strictly increasing in each segment: pos and crd arrays. */
    COMPRESSED('s', "compressed"),
    /**
     * Like {@link #COMPRESSED} but a coordinate may repeat in a segment (non-decreasing); always followed
     * by {@link #SINGLETON} levels, as in COO.
     */
    COMPRESSED_NONUNIQUE('u', "compressed non-unique"),
    /** Exactly one coordinate per parent position: a crd array only. */
    SINGLETON('q', "singleton");

    private final char letter;
    private final String description;

    LevelType(char letter, String description) {
        this.letter = letter;
        this.description = description;
    }

    /** The letter of this level type in format strings. */
    public char letter() {
        return letter;
    }

    /** Whether the level stores every coordinate of its dimension (and so needs no arrays). */
    public boolean isDense() {
        return this == DENSE;
    }

    /**
     * The level type named by {@code c}.
     *
     * @throws IllegalArgumentException naming the letter and the valid ones
     */
    public static LevelType of(char c) {
        for (LevelType t : values()) {
            if (t.letter == c) return t;
        }
        throw new IllegalArgumentException("'" + c + "' is not a level letter; valid letters are " + validLetters());
    }

    /** "d (dense), s (compressed), u (compressed non-unique), q (singleton)". */
    static String validLetters() {
        StringBuilder sb = new StringBuilder();
        for (LevelType t : values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(t.letter).append(" (").append(t.description()).append(')');
        }
        return sb.toString();
    }

    /** Lower-case name for messages: "dense", "compressed", "compressed non-unique", "singleton". */
    String description() {
        return description;
    }
}
