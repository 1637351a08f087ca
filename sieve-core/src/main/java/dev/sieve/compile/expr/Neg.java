package dev.sieve.compile.expr;

import java.util.Objects;

/** Unary minus: {@code -operand}. */
public record Neg(IndexExpr operand) implements IndexExpr {
    public Neg {
        Objects.requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
