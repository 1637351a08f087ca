package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One tensor index notation statement, {@code C(i,j) = A(i,k) * B(k,j)}: the output access on the
 * left is assigned (not accumulated) the value of the right-hand side at every point of its index
 * space.
 *
 * <p><b>Reductions.</b> An index on the right that is not on the left is a reduction index. It is
 * summed over the <em>smallest subexpression that contains all of its occurrences</em> (TACO's rule),
 * and nowhere else:
 * <ul>
 *   <li>{@code y(i) = A(i,j) * x(j) + z(i)} is {@code y = (Σ_j A(i,j) * x(j)) + z(i)};
 *   <li>{@code C(i) = A(i,j) + B(i,j)} is {@code C = Σ_j (A(i,j) + B(i,j))};
 *   <li>{@code C(i) = A(i,j) + z(i)} is {@code C = (Σ_j A(i,j)) + z(i)}, so {@code z} is added once,
 *       not once per {@code j}.
 * </ul>
 * Inside a product the place of the sum does not change the value, so an einsum (a product of
 * operands) sums every non-output index as usual. {@link Reductions#reductionScopes} names the node
 * of each sum. A sum over an empty range is 0.
 *
 * <p><b>Rules</b>, checked on construction: the output tensor does not appear on the right; each
 * output index appears on the right; no access repeats an index (no diagonals, on either side); a
 * tensor is used with one rank throughout.
 *
 * @param lhs the output access
 * @param rhs the value assigned to it
 * @throws ExprException if a rule is broken
 */
public record Assignment(Access lhs, IndexExpr rhs) {
    public Assignment {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
        AssignmentRules.check(lhs, rhs, AssignmentRules.UNPOSITIONED);
    }

    /** The distinct tensors read on the right, in order of first appearance. */
    public List<String> inputs() {
        Set<String> names = new LinkedHashSet<>();
        for (Access a : accesses()) names.add(a.tensor());
        return List.copyOf(names);
    }

    /** Every access on the right, left to right (a tensor read twice appears twice). */
    public List<Access> accesses() {
        return List.copyOf(Trees.accesses(rhs));
    }

    /** The indices on the right that are not on the left, in order of first appearance. */
    public List<String> reductionIndices() {
        Set<String> out = new LinkedHashSet<>();
        for (Access a : accesses()) out.addAll(a.indices());
        out.removeAll(lhs.indices());
        return List.copyOf(out);
    }

    /** All distinct indices: the output's in its order, then the reduction indices. */
    public List<String> indices() {
        List<String> out = new ArrayList<>(lhs.indices());
        out.addAll(reductionIndices());
        return List.copyOf(out);
    }

    /** Canonical text, e.g. {@code C(i,j) = A(i,k) * B(k,j)}; it parses back to an equal assignment. */
    @Override
    public String toString() {
        return lhs + " = " + rhs;
    }
}
