package dev.sieve.compile.plan;

import dev.sieve.compile.expr.Access;
import java.util.List;

/**
 * One product of a normalised right-hand side: {@code coefficient · Π factors}, summed over every index in
 * {@link #indices} that is not an output index. {@code indices} holds the output indices first (all of them:
 * a term that does not mention one is broadcast along it) and then the reductions that scope over this term,
 * including one the term does not mention (it is then a dense loop that multiplies by that index's size, as
 * the smallest-scope rule asks for {@code C(i) = z(i) + A(i,j)}).
 */
public record Term(double coefficient, List<Access> factors, List<String> indices) {
    public Term {
        factors = List.copyOf(factors);
        indices = List.copyOf(indices);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (coefficient != 1.0 || factors.isEmpty()) b.append(coefficient);
        for (Access f : factors) b.append(b.isEmpty() ? "" : " * ").append(f);
        return b.toString();
    }
}
