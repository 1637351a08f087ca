package dev.sieve.compile.expr;

import java.util.Objects;

/**
 * Parses einsum subscripts and tensor index notation into an {@link Assignment}. Every problem is an
 * {@link ExprException} naming the 0-based column, e.g.
 * {@code expected ')' at column 15 in "C(i,j) = A(i,k * B(k,j)"}.
 */
public final class Parser {
    /** The name of the output tensor of every einsum. */
    public static final String EINSUM_OUTPUT = EinsumParser.OUTPUT;

    private Parser() {}

    /** The tensor name that {@link #parseEinsum} gives operand {@code position} (0-based): A, B, ..., Z, T26, T27, ... */
    public static String einsumOperandName(int position) {
        if (position < 0) throw new IllegalArgumentException("operand position " + position + " is negative");
        return EinsumParser.operandName(position);
    }

    /**
     * Parses either syntax: einsum if {@code text} contains {@code "->"}, or contains neither
     * {@code '('} nor {@code '='}; index notation otherwise.
     */
    public static Assignment parse(String text) {
        Objects.requireNonNull(text, "text");
        boolean einsum = text.contains("->") || (text.indexOf('(') < 0 && text.indexOf('=') < 0);
        return einsum ? parseEinsum(text) : parseIndexNotation(text);
    }

    /**
     * Parses numpy-style einsum subscripts such as {@code "ik,kj->ij"} into
     * {@code out(i,j) = A(i,k) * B(k,j)}: operands are named A, B, C, ... by position (T26, T27, ...
     * after the 26th), the output {@code out}; every index not in the output is summed.
     *
     * <p>Indices are single ASCII letters; whitespace is ignored. Without {@code "->"} the output is
     * the letters used exactly once, in ASCII order (upper case before lower case), as in numpy; an
     * empty right side of {@code "->"} gives a rank-0 output. Not supported: ellipsis {@code ...},
     * empty (rank-0) operands, repeated letters within one operand (diagonals).
     */
    public static Assignment parseEinsum(String text) {
        Objects.requireNonNull(text, "text");
        return EinsumParser.parse(text);
    }

    /**
     * Parses {@code C(i,j) = A(i,k) * B(k,j) + D(i,j)}. Tensors and indices are identifiers
     * {@code [A-Za-z_][A-Za-z0-9_]*}; a bare identifier is a rank-0 tensor. Numbers ({@code 2},
     * {@code 1.5}, {@code .5}, {@code 2e-3}) are literals. Operators: binary {@code + - *} (left
     * associative, {@code *} binding tighter) and unary {@code -} (tighter still); parentheses group.
     * Whitespace may appear anywhere between tokens. Compound assignment ({@code +=}) is rejected.
     */
    public static Assignment parseIndexNotation(String text) {
        Objects.requireNonNull(text, "text");
        return IndexNotationParser.parse(text);
    }
}
