package dev.sieve.compile.expr;

/**
 * A constant. The parser only produces non-negative literals ({@code -2} is {@code Neg(Literal(2))});
 * a negative literal built directly prints as {@code -2} and so re-parses to that equivalent tree.
 *
 * @param value any finite double
 */
public record Literal(double value) implements IndexExpr {
    public Literal {
        if (!Double.isFinite(value)) throw new ExprException("literal " + value + " is not a finite number");
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
