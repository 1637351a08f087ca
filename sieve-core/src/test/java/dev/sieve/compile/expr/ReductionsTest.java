package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each reduction index is summed at the smallest subexpression holding all its occurrences. */
class ReductionsTest {

    @Test
    void productPlusVector() {
        Assignment a = Parser.parse("y(i) = A(i,j)*x(j) + z(i)");
        IndexExpr product = ((Add) a.rhs()).left();
        Map<IndexExpr, List<String>> scopes = Reductions.reductionScopes(a);
        assertEquals(1, scopes.size());
        assertEquals(List.of("j"), scopes.get(product));
        assertSame(product, Reductions.scopeOf(a, "j"));
    }

    @Test
    void sumOfTwoMatricesSumsTheSum() {
        Assignment a = Parser.parse("C(i) = A(i,j) + B(i,j)");
        assertSame(a.rhs(), Reductions.scopeOf(a, "j"));
        assertEquals(List.of("j"), Reductions.reductionScopes(a).get(a.rhs()));
    }

    @Test
    void matrixPlusVectorSumsOnlyTheMatrix() {
        Assignment a = Parser.parse("C(i) = A(i,j) + z(i)");
        IndexExpr access = ((Add) a.rhs()).left();
        assertSame(access, Reductions.scopeOf(a, "j"));
        assertNull(Reductions.reductionScopes(a).get(a.rhs()));
    }

    @Test
    void scopesAreKeyedByIdentity() {
        Assignment a = Parser.parse("C(i) = A(i,j) + A(i,j)");
        Map<IndexExpr, List<String>> scopes = Reductions.reductionScopes(a);
        assertEquals(1, scopes.size());
        assertEquals(List.of("j"), scopes.get(a.rhs()));
        assertNull(scopes.get(((Add) a.rhs()).left()));
        // An equal but distinct tree is not a key.
        assertNull(scopes.get(Parser.parse("C(i) = A(i,j) + A(i,j)").rhs()));
    }

    @Test
    void severalIndicesAtOneNodeAndNestedScopes() {
        Assignment full = Parser.parse("s = A(i,j)");
        assertEquals(Map.of(full.rhs(), List.of("i", "j")), Map.copyOf(Reductions.reductionScopes(full)));

        Assignment a = Parser.parse("s = A(i,j) * B(j,k) + D(i)");
        Add root = (Add) a.rhs();
        Mul product = (Mul) root.left();
        assertSame(root, Reductions.scopeOf(a, "i"));
        assertSame(product, Reductions.scopeOf(a, "j"));
        assertSame(product.right(), Reductions.scopeOf(a, "k"));
        assertEquals(3, Reductions.reductionScopes(a).size());
    }

    @Test
    void einsumChainSumsAtTheInnermostProduct() {
        Assignment a = Parser.parse("ik,kj,jl->il");
        Mul root = (Mul) a.rhs();
        assertSame(root.left(), Reductions.scopeOf(a, "k"));
        assertSame(root, Reductions.scopeOf(a, "j"));
    }

    @Test
    void unaryMinusAndLiterals() {
        Assignment a = Parser.parse("C(i) = -(2 * A(i,j)) + B(i)");
        Neg neg = (Neg) ((Add) a.rhs()).left();
        Mul scaled = (Mul) neg.operand();
        assertSame(scaled.right(), Reductions.scopeOf(a, "j"));
    }

    @Test
    void outputIndexHasNoScope() {
        Assignment a = Parser.parse("C(i) = A(i,j)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reductions.scopeOf(a, "i"));
        assertEquals("i is not a reduction index of C(i) = A(i,j) (reduction indices: [j])", e.getMessage());
        assertEquals(Map.of(), Reductions.reductionScopes(Parser.parse("C(i,j) = A(i,j) * B(i,j)")));
    }
}
