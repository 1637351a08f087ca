package dev.sieve.compile.expr;

import java.util.Objects;

/** {@code left * right}. */
public record Mul(IndexExpr left, IndexExpr right) implements IndexExpr {
    public Mul {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
