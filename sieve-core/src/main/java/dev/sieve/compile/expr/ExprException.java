package dev.sieve.compile.expr;

/**
 * A malformed or unsupported expression. When the problem comes from parsed text the message reads
 * {@code <problem> at column <c> in "<text>"} with a 0-based column; when it comes from building the
 * AST directly there is no text and the message is the problem alone.
 */
public final class ExprException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int column;
    private final String text;

    /** A problem found without source text (e.g. when constructing the AST directly). */
    public ExprException(String problem) {
        super(problem);
        this.problem = problem;
        this.column = -1;
        this.text = null;
    }

    /** A problem at {@code column} (0-based) of {@code text}. */
    public ExprException(String problem, int column, String text) {
        super(problem + " at column " + column + " in \"" + text + "\"");
        this.problem = problem;
        this.column = column;
        this.text = text;
    }

    /** The message without the position. */
    public String problem() {
        return problem;
    }

    /** The 0-based column in {@link #text()}, or -1 when there is no text. */
    public int column() {
        return column;
    }

    /** The text being parsed, or null. */
    public String text() {
        return text;
    }
}
