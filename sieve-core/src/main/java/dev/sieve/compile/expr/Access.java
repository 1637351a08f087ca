package dev.sieve.compile.expr;

import java.util.List;

/**
 * A tensor read (or, on the left of an {@link Assignment}, written) at a list of index variables:
 * {@code A(i,k)}. A rank-0 access has no indices and prints as the bare name.
 *
 * @param tensor an identifier {@code [A-Za-z_][A-Za-z0-9_]*}
 * @param indices identifiers, each at most once (diagonals such as {@code A(i,i)} are not supported)
 */
public record Access(String tensor, List<String> indices) implements IndexExpr {
    public Access {
        Names.requireIdentifier(tensor, "tensor name");
        indices = List.copyOf(indices);
        for (int p = 0; p < indices.size(); p++) {
            Names.requireIdentifier(indices.get(p), "index name");
            String repeated = Names.repeatedIndex(tensor, indices, p);
            if (repeated != null) throw new ExprException(repeated);
        }
    }

    /** {@code new Access("A", "i", "k")}. */
    public Access(String tensor, String... indices) {
        this(tensor, List.of(indices));
    }

    /** The number of indices. */
    public int rank() {
        return indices.size();
    }

    @Override
    public String toString() {
        return indices.isEmpty() ? tensor : tensor + "(" + String.join(",", indices) + ")";
    }
}
