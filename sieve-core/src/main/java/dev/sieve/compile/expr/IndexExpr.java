package dev.sieve.compile.expr;

/**
 * The right-hand side of a tensor index notation statement: a tree of tensor accesses and literals
 * combined by {@code +}, {@code -}, {@code *} and unary minus.
 *
 * <p>Nodes are immutable records compared by value. Code that must tell two equal subtrees apart
 * (such as {@link Reductions#reductionScopes}) keys on identity instead.
 */
public sealed interface IndexExpr permits Access, Literal, Add, Sub, Mul, Neg {
    /**
     * Canonical text with the fewest parentheses that re-parse to the same tree: operators are
     * written {@code " + "}, {@code " - "}, {@code " * "}, binary operators associate to the left.
     */
    @Override
    String toString();
}
