package dev.sieve.compile.plan;

import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Add;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.IndexExpr;
import dev.sieve.compile.expr.Literal;
import dev.sieve.compile.expr.Mul;
import dev.sieve.compile.expr.Neg;
import dev.sieve.compile.expr.Sub;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a right-hand side as a sum of products ({@link Term}s) by distributing products over sums.
 * Each product is then a pure intersection of its operands' nonzeros, which is what one loop nest
 * co-iterates; the union a sum needs comes from running every term into the same output.
 *
 * <p>Summation is linear, so distributing keeps the meaning of the smallest-scope reduction rule provided each
 * term remembers which reductions scope over it: a reduction index is summed over the smallest subexpression
 * that contains all its occurrences, and every term produced from inside that subexpression loops over it.
 */
public final class Terms {
    private Terms() {}

    /** The terms of {@code a}'s right-hand side, in the order they appear. */
    public static List<Term> of(Assignment a) {
        Map<IndexExpr, Set<String>> scopes = scopes(a);
        List<String> out = a.lhs().indices();
        List<Partial> parts = expand(a.rhs(), scopes, Set.of());
        List<Term> terms = new ArrayList<>();
        for (Partial p : parts) {
            if (p.coefficient == 0.0) continue;
            LinkedHashSet<String> idx = new LinkedHashSet<>(out);
            // Reductions in order of first appearance in the assignment, those active over this term.
            for (String r : a.reductionIndices()) if (p.reductions.contains(r)) idx.add(r);
            terms.add(new Term(p.coefficient, p.factors, List.copyOf(idx)));
        }
        return terms;
    }

    /** A product under construction: coefficient, factors and the reductions scoping over it. */
    private record Partial(double coefficient, List<Access> factors, Set<String> reductions) {
        Partial times(Partial o) {
            List<Access> f = new ArrayList<>(factors);
            f.addAll(o.factors);
            Set<String> r = new LinkedHashSet<>(reductions);
            r.addAll(o.reductions);
            return new Partial(coefficient * o.coefficient, f, r);
        }

        Partial scaled(double c) {
            return new Partial(coefficient * c, factors, reductions);
        }

        Partial within(Set<String> more) {
            if (more.isEmpty()) return this;
            Set<String> r = new LinkedHashSet<>(reductions);
            r.addAll(more);
            return new Partial(coefficient, factors, r);
        }
    }

    private static List<Partial> expand(IndexExpr e, Map<IndexExpr, Set<String>> scopes, Set<String> unused) {
        List<Partial> result = switch (e) {
            case Access acc -> List.of(new Partial(1.0, List.of(acc), Set.of()));
            case Literal lit -> List.of(new Partial(lit.value(), List.of(), Set.of()));
            case Neg n -> expand(n.operand(), scopes, unused).stream().map(p -> p.scaled(-1)).toList();
            case Add s -> concat(expand(s.left(), scopes, unused), expand(s.right(), scopes, unused), 1);
            case Sub s -> concat(expand(s.left(), scopes, unused), expand(s.right(), scopes, unused), -1);
            case Mul m -> {
                List<Partial> l = expand(m.left(), scopes, unused), r = expand(m.right(), scopes, unused);
                List<Partial> prod = new ArrayList<>(l.size() * r.size());
                for (Partial x : l) for (Partial y : r) prod.add(x.times(y));
                yield prod;
            }
        };
        Set<String> here = scopes.getOrDefault(e, Set.of());
        if (here.isEmpty()) return result;
        return result.stream().map(p -> p.within(here)).toList();
    }

    private static List<Partial> concat(List<Partial> l, List<Partial> r, double rightSign) {
        List<Partial> out = new ArrayList<>(l);
        for (Partial p : r) out.add(p.scaled(rightSign));
        return out;
    }

    /** For each node, the reduction indices summed at it (the smallest subexpression holding all their uses). */
    static Map<IndexExpr, Set<String>> scopes(Assignment a) {
        Map<IndexExpr, Set<String>> scopes = new IdentityHashMap<>();
        for (String r : a.reductionIndices()) {
            IndexExpr node = smallestContaining(a.rhs(), r, count(a.rhs(), r));
            scopes.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(r);
        }
        return scopes;
    }

    private static IndexExpr smallestContaining(IndexExpr e, String index, int total) {
        for (IndexExpr child : children(e)) {
            if (count(child, index) == total) return smallestContaining(child, index, total);
        }
        return e;
    }

    private static int count(IndexExpr e, String index) {
        if (e instanceof Access acc) return acc.indices().contains(index) ? 1 : 0;
        int n = 0;
        for (IndexExpr c : children(e)) n += count(c, index);
        return n;
    }

    private static List<IndexExpr> children(IndexExpr e) {
        return switch (e) {
            case Access acc -> List.of();
            case Literal lit -> List.of();
            case Neg n -> List.of(n.operand());
            case Add s -> List.of(s.left(), s.right());
            case Sub s -> List.of(s.left(), s.right());
            case Mul m -> List.of(m.left(), m.right());
        };
    }
}
