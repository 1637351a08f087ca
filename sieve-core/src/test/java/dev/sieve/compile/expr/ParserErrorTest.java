package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input: each fails with one specific problem at one specific column. */
class ParserErrorTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                        | empty expression | 0
            `   `                     | empty expression | 0
            C(i,j) = A(i,k * B(k,j)   | expected ')' | 15
            C(i = A(i)                | expected ')' | 4
            C(i) = A(i                | expected ')' | 10
            C(i) = (A(i) + B(i)       | expected ')' | 19
            C(i) = A(i) + B(i))       | unmatched ')' | 18
            C(i) = A(i) % B(i)        | unknown character '%' | 12
            C(i) = A(i) * $x          | unknown character '$' | 14
            C(i) A(i)                 | expected '=' | 5
            C(i) += A(i)              | compound assignment '+=' is not supported (the output is assigned, not accumulated) | 5
            C(i) *= A(i)              | compound assignment '*=' is not supported (the output is assigned, not accumulated) | 5
            `C(i) = `                 | expected an expression | 7
            C(i) = A(i) +             | expected an expression | 13
            C(i) = ()                 | expected an expression | 8
            C(i) = -                  | expected an expression | 8
            C(i) = A(i) B(i)          | expected an operator or the end of the expression | 12
            C(i) = A(i) = B(i)        | expected an operator or the end of the expression | 12
            C(i,) = A(i)              | expected an index name | 4
            C(1) = A(1)               | expected an index name | 2
            C() = A(i)                | empty index list (write a rank-0 tensor without parentheses) | 1
            2 = A(i)                  | expected the name of the output tensor | 0
            C(i) = 1.5.2 * A(i)       | malformed number '1.5.2' | 7
            C(i) = A(i) * 1e          | malformed number '1e' | 14
            C(i) = 2i * A(i)          | malformed number '2i' | 7
            C(i) = 1e999 * A(i)       | number 1e999 is out of range | 7
            C(i) = A(i,i)             | index i appears twice in A(i,i) (diagonals are not supported) | 11
            C(i,i) = A(i)             | index i appears twice in C(i,i) (diagonals are not supported) | 4
            C(i,j) = A(i)             | output index j does not appear on the right-hand side | 4
            C(i) = C(i) * A(i)        | output tensor C also appears on the right-hand side | 7
            C(i) = A(i) * A(i,j)      | A is used with rank 1 in A(i) and rank 2 in A(i,j) | 14
            ij,jk->ik->i              | more than one '->' | 9
            ...ij->ij                 | ellipsis '...' is not supported | 0
            ij,,jk->ik                | operand 2 has no indices (rank-0 einsum operands are not supported) | 3
            `,ij->ij`                 | operand 1 has no indices (rank-0 einsum operands are not supported) | 0
            ->                        | operand 1 has no indices (rank-0 einsum operands are not supported) | 0
            i1,1j->ij                 | unknown character '1' (einsum indices are single letters a-z, A-Z) | 1
            ij,jk->iz                 | output index z does not appear on the right-hand side | 8
            ii->i                     | index i appears twice in A(i,i) (diagonals are not supported) | 1
            ij->ii                    | index i appears twice in out(i,i) (diagonals are not supported) | 5
            ij-ik                     | expected '->' | 2
            ij - > ik                 | expected '->' | 3
            ij,jk->ik,j               | unexpected ',' in the output | 9
            """)
    void reportsProblemAndColumn(String text, String problem, int column) {
        ExprException e = assertThrows(ExprException.class, () -> Parser.parse(text));
        assertEquals(problem, e.problem());
        assertEquals(column, e.column());
        assertEquals(text, e.text());
        assertEquals(problem + " at column " + column + " in \"" + text + "\"", e.getMessage());
    }

    @Test
    void messageQuotesTheText() {
        ExprException e = assertThrows(ExprException.class, () -> Parser.parse("C(i,j) = A(i,k * B(k,j)"));
        assertEquals("expected ')' at column 15 in \"C(i,j) = A(i,k * B(k,j)\"", e.getMessage());
    }

    @Test
    void controlCharactersAreShownByCodePoint() {
        ExprException e = assertThrows(ExprException.class, () -> Parser.parse("C(i) = A(i)\u0007"));
        assertEquals("unknown character U+0007", e.problem());
        assertEquals(11, e.column());
    }

    @Test
    void forcedSyntaxReportsInItsOwnTerms() {
        ExprException e = assertThrows(ExprException.class, () -> Parser.parseEinsum("C(i) = A(i)"));
        assertEquals("unknown character '(' (einsum indices are single letters a-z, A-Z)", e.problem());
        assertEquals(1, e.column());
        e = assertThrows(ExprException.class, () -> Parser.parseIndexNotation("ij->i"));
        assertEquals("expected '='", e.problem());
        assertEquals(2, e.column());
        e = assertThrows(ExprException.class, () -> Parser.parseIndexNotation(""));
        assertEquals("empty expression", e.problem());
    }

    @Test
    void nestingIsBounded() {
        String parens = "s = " + "(".repeat(2000) + "a" + ")".repeat(2000);
        ExprException e = assertThrows(ExprException.class, () -> Parser.parse(parens));
        assertEquals("expression nested too deeply (more than 1000 levels)", e.problem());
        assertEquals(4 + 1000, e.column());

        String minus = "s = " + "-".repeat(5000) + "a";
        e = assertThrows(ExprException.class, () -> Parser.parse(minus));
        assertEquals("expression nested too deeply (more than 1000 levels)", e.problem());

        String chain = "s = a" + " + a".repeat(1000);
        e = assertThrows(ExprException.class, () -> Parser.parse(chain));
        assertEquals("expression nested too deeply (more than 1000 levels)", e.problem());
        assertEquals(5 + 4 * 999 + 1, e.column());
    }

    @Test
    void nullTextIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> Parser.parse(null));
    }
}
