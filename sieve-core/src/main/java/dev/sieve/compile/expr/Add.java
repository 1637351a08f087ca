package dev.sieve.compile.expr;

import java.util.Objects;

/** {@code left + right}. */
public record Add(IndexExpr left, IndexExpr right) implements IndexExpr {
    public Add {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
