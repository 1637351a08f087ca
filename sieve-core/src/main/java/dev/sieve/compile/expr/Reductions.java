package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each reduction index of an {@link Assignment} is summed: at the smallest subexpression that
 * contains all of its occurrences (see {@link Assignment} for the rule and examples).
 */
public final class Reductions {
    private Reductions() {}

    /**
     * For each node of {@code a.rhs()} at which at least one index is summed, the indices summed there,
     * in order of first appearance. The map compares keys by identity, so equal subtrees at different
     * places (as in {@code A(i,j) + A(i,j)}) are told apart; look nodes up with the instances in
     * {@code a.rhs()}. Every reduction index appears under exactly one node.
     */
    public static Map<IndexExpr, List<String>> reductionScopes(Assignment a) {
        Map<IndexExpr, List<String>> scopes = new IdentityHashMap<>();
        for (String index : a.reductionIndices()) {
            scopes.computeIfAbsent(scopeOf(a, index), k -> new ArrayList<>()).add(index);
        }
        scopes.replaceAll((node, indices) -> List.copyOf(indices));
        return Collections.unmodifiableMap(scopes);
    }

    /**
     * The node of {@code a.rhs()} at which reduction index {@code index} is summed.
     *
     * @throws IllegalArgumentException if {@code index} is not a reduction index of {@code a}
     */
    public static IndexExpr scopeOf(Assignment a, String index) {
        if (!a.reductionIndices().contains(index)) {
            throw new IllegalArgumentException(index + " is not a reduction index of " + a
                    + " (reduction indices: " + a.reductionIndices() + ")");
        }
        // Walk down from the root while one child holds every occurrence; at most one child can.
        IndexExpr node = a.rhs();
        int total = occurrences(node, index);
        descend:
        while (true) {
            for (IndexExpr child : Trees.children(node)) {
                if (occurrences(child, index) == total) {
                    node = child;
                    continue descend;
                }
            }
            return node;
        }
    }

    /** The number of accesses in {@code e} that use {@code index} (an access uses an index at most once). */
    private static int occurrences(IndexExpr e, String index) {
        int n = 0;
        for (Access access : Trees.accesses(e)) {
            if (access.indices().contains(index)) n++;
        }
        return n;
    }
}
