package dev.sieve.compile.expr;

/**
 * Canonical text of an expression. Parentheses appear only where the parser would otherwise build a
 * different tree: binary operators associate to the left, so a right operand of equal precedence
 * keeps its parentheses ({@code a - (b - c)}), and unary minus binds tighter than {@code *}.
 */
final class ExprPrinter {
    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int UNARY = 3;
    private static final int ATOM = 4;

    private ExprPrinter() {}

    static String print(IndexExpr e) {
        StringBuilder out = new StringBuilder();
        append(out, e);
        return out.toString();
    }

    private static void append(StringBuilder out, IndexExpr e) {
        switch (e) {
            case Access a -> out.append(a);
            case Literal l -> out.append(number(l.value()));
            case Add(IndexExpr l, IndexExpr r) -> binary(out, l, " + ", r, SUM);
            case Sub(IndexExpr l, IndexExpr r) -> binary(out, l, " - ", r, SUM);
            case Mul(IndexExpr l, IndexExpr r) -> binary(out, l, " * ", r, PRODUCT);
            case Neg(IndexExpr x) -> {
                out.append('-');
                operand(out, x, UNARY);
            }
        }
    }

    private static void binary(StringBuilder out, IndexExpr left, String op, IndexExpr right, int precedence) {
        operand(out, left, precedence);
        out.append(op);
        operand(out, right, precedence + 1);
    }

    /** Appends {@code e}, parenthesised if it binds more loosely than {@code minPrecedence}. */
    private static void operand(StringBuilder out, IndexExpr e, int minPrecedence) {
        boolean parens = precedence(e) < minPrecedence;
        if (parens) out.append('(');
        append(out, e);
        if (parens) out.append(')');
    }

    private static int precedence(IndexExpr e) {
        return switch (e) {
            case Add a -> SUM;
            case Sub s -> SUM;
            case Mul m -> PRODUCT;
            case Neg n -> UNARY;
            // A negative literal prints with a leading '-', which reads back as unary minus.
            case Literal l -> l.value() < 0 ? UNARY : ATOM;
            case Access a -> ATOM;
        };
    }

    /** Integers without a fraction ("2", not "2.0"); otherwise the shortest exact decimal, "1.5e-7" style. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return mantissa + "e" + s.substring(e + 1);
    }
}
