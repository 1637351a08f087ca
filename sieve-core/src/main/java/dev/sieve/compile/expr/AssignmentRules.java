package dev.sieve.compile.expr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The well-formedness rules of an {@link Assignment}, shared by its constructor (which has no source
 * positions) and the parsers (which report the column of the offending access or index).
 */
final class AssignmentRules {
    /** Turns a problem at an access (index position -1 = its name) into the exception to throw. */
    interface Reporter {
        ExprException at(String problem, Access access, int indexPosition);
    }

    static final Reporter UNPOSITIONED = (problem, access, indexPosition) -> new ExprException(problem);

    private AssignmentRules() {}

    static void check(Access lhs, IndexExpr rhs, Reporter report) {
        List<Access> accesses = Trees.accesses(rhs);
        for (Access a : accesses) {
            if (a.tensor().equals(lhs.tensor())) {
                throw report.at("output tensor " + lhs.tensor() + " also appears on the right-hand side", a, -1);
            }
        }
        Map<String, Access> firstUse = new HashMap<>();
        for (Access a : accesses) {
            Access first = firstUse.putIfAbsent(a.tensor(), a);
            if (first != null && first.rank() != a.rank()) {
                throw report.at(a.tensor() + " is used with rank " + first.rank() + " in " + first
                        + " and rank " + a.rank() + " in " + a, a, -1);
            }
        }
        Set<String> used = new HashSet<>();
        for (Access a : accesses) used.addAll(a.indices());
        for (int p = 0; p < lhs.rank(); p++) {
            String index = lhs.indices().get(p);
            if (!used.contains(index)) {
                throw report.at("output index " + index + " does not appear on the right-hand side", lhs, p);
            }
        }
    }
}
