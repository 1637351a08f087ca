package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building the AST directly: validation, printing, and the derived lists of an assignment. */
class AstTest {
    private static final Access A_I = new Access("A", "i");
    private static final Access B_I = new Access("B", "i");
    private static final Access D_I = new Access("D", "i");

    @Test
    void accessPrinting() {
        assertEquals("A(i,k)", new Access("A", "i", "k").toString());
        assertEquals("alpha", new Access("alpha").toString());
        assertEquals("T(i,j,k)", new Access("T", List.of("i", "j", "k")).toString());
        assertEquals(2, new Access("A", "i", "k").rank());
    }

    @Test
    void accessCopiesItsIndices() {
        List<String> indices = new ArrayList<>(List.of("i", "j"));
        Access a = new Access("A", indices);
        indices.set(0, "z");
        assertEquals(List.of("i", "j"), a.indices());
        assertThrows(UnsupportedOperationException.class, () -> a.indices().add("k"));
    }

    @Test
    void accessValidation() {
        ExprException e = assertThrows(ExprException.class, () -> new Access("A", "i", "j", "i"));
        assertEquals("index i appears twice in A(i,j,i) (diagonals are not supported)", e.getMessage());
        assertEquals(-1, e.column());
        e = assertThrows(ExprException.class, () -> new Access("1A", "i"));
        assertEquals("tensor name \"1A\" is not an identifier [A-Za-z_][A-Za-z0-9_]*", e.getMessage());
        e = assertThrows(ExprException.class, () -> new Access("A", "i j"));
        assertEquals("index name \"i j\" is not an identifier [A-Za-z_][A-Za-z0-9_]*", e.getMessage());
        assertThrows(ExprException.class, () -> new Access("", "i"));
        assertThrows(ExprException.class, () -> new Access(null, "i"));
    }

    @Test
    void literalMustBeFinite() {
        assertThrows(ExprException.class, () -> new Literal(Double.NaN));
        assertThrows(ExprException.class, () -> new Literal(Double.POSITIVE_INFINITY));
    }

    @Test
    void literalPrinting() {
        assertEquals("2", new Literal(2).toString());
        assertEquals("0", new Literal(0).toString());
        assertEquals("2.5", new Literal(2.5).toString());
        assertEquals("0.001", new Literal(1e-3).toString());
        assertEquals("1e-7", new Literal(1e-7).toString());
        assertEquals("1.5e20", new Literal(1.5e20).toString());
        assertEquals("1e15", new Literal(1e15).toString());
        assertEquals("123456789", new Literal(123456789).toString());
        assertEquals("-0.5", new Literal(-0.5).toString());
    }

    @Test
    void minimalParentheses() {
        assertEquals("A(i) + (B(i) + D(i))", new Add(A_I, new Add(B_I, D_I)).toString());
        assertEquals("A(i) + B(i) + D(i)", new Add(new Add(A_I, B_I), D_I).toString());
        assertEquals("A(i) - (B(i) + D(i))", new Sub(A_I, new Add(B_I, D_I)).toString());
        assertEquals("A(i) + B(i) - D(i)", new Sub(new Add(A_I, B_I), D_I).toString());
        assertEquals("(A(i) + B(i)) * D(i)", new Mul(new Add(A_I, B_I), D_I).toString());
        assertEquals("A(i) * (B(i) - D(i))", new Mul(A_I, new Sub(B_I, D_I)).toString());
        assertEquals("A(i) + B(i) * D(i)", new Add(A_I, new Mul(B_I, D_I)).toString());
        assertEquals("-(A(i) * B(i))", new Neg(new Mul(A_I, B_I)).toString());
        assertEquals("-A(i) * B(i)", new Mul(new Neg(A_I), B_I).toString());
        assertEquals("--A(i)", new Neg(new Neg(A_I)).toString());
        assertEquals("-(A(i) + B(i))", new Neg(new Add(A_I, B_I)).toString());
    }

    @Test
    void negativeLiteralReadsBackAsUnaryMinus() {
        IndexExpr built = new Mul(A_I, new Literal(-2));
        assertEquals("A(i) * -2", built.toString());
        IndexExpr back = Parser.parse("C(i) = " + built).rhs();
        assertEquals(new Mul(A_I, new Neg(new Literal(2))), back);
        assertEquals("-2 * A(i)", new Mul(new Literal(-2), A_I).toString());
    }

    @Test
    void assignmentDerivedLists() {
        Assignment a = Parser.parse("y(i) = A(i,j) * x(j) + z(i) + A(i,k) * w(k)");
        assertEquals(List.of("A", "x", "z", "w"), a.inputs());
        assertEquals(List.of(new Access("A", "i", "j"), new Access("x", "j"), new Access("z", "i"),
                new Access("A", "i", "k"), new Access("w", "k")), a.accesses());
        assertEquals(List.of("j", "k"), a.reductionIndices());
        assertEquals(List.of("i", "j", "k"), a.indices());

        Assignment t = Parser.parse("C(j,i) = A(i,k) * B(k,j)");
        assertEquals(List.of("j", "i", "k"), t.indices());
        assertEquals(List.of("k"), t.reductionIndices());

        Assignment literal = Parser.parse("s = 2");
        assertEquals(List.of(), literal.inputs());
        assertEquals(List.of(), literal.indices());
    }

    @Test
    void assignmentRulesWithoutText() {
        ExprException e = assertThrows(ExprException.class,
                () -> new Assignment(new Access("C", "i", "j"), new Access("A", "i")));
        assertEquals("output index j does not appear on the right-hand side", e.getMessage());
        assertEquals(-1, e.column());
        e = assertThrows(ExprException.class,
                () -> new Assignment(new Access("C", "i"), new Add(new Access("C", "i"), A_I)));
        assertEquals("output tensor C also appears on the right-hand side", e.getMessage());
        e = assertThrows(ExprException.class,
                () -> new Assignment(new Access("C", "i"), new Mul(new Access("A", "i", "j"), A_I)));
        assertEquals("A is used with rank 2 in A(i,j) and rank 1 in A(i)", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Assignment(null, A_I));
        assertThrows(NullPointerException.class, () -> new Add(A_I, null));
    }
}
