package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.List;

/** Traversals of expression trees. */
final class Trees {
    private Trees() {}

    /** The accesses of {@code e}, left to right. */
    static List<Access> accesses(IndexExpr e) {
        List<Access> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(IndexExpr e, List<Access> out) {
        switch (e) {
            case Access a -> out.add(a);
            case Literal l -> {}
            case Add(IndexExpr l, IndexExpr r) -> { collect(l, out); collect(r, out); }
            case Sub(IndexExpr l, IndexExpr r) -> { collect(l, out); collect(r, out); }
            case Mul(IndexExpr l, IndexExpr r) -> { collect(l, out); collect(r, out); }
            case Neg(IndexExpr x) -> collect(x, out);
        }
    }

    /** The direct operands of {@code e}. */
    static List<IndexExpr> children(IndexExpr e) {
        return switch (e) {
            case Access a -> List.of();
            case Literal l -> List.of();
            case Add(IndexExpr l, IndexExpr r) -> List.of(l, r);
            case Sub(IndexExpr l, IndexExpr r) -> List.of(l, r);
            case Mul(IndexExpr l, IndexExpr r) -> List.of(l, r);
            case Neg(IndexExpr x) -> List.of(x);
        };
    }
}
