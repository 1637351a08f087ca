package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text -> AST -> canonical text -> the same AST, for both syntaxes. */
class ParserRoundTripTest {

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            C(i,j) = A(i,k) * B(k,j)                 | C(i,j) = A(i,k) * B(k,j)
            C(i,j)=A(i,k)*B(k,j)                     | C(i,j) = A(i,k) * B(k,j)
            `C ( i , j ) =  A ( i , j ) `            | C(i,j) = A(i,j)
            y(i) = A(i,j) * x(j) + z(i)              | y(i) = A(i,j) * x(j) + z(i)
            C(i) = A(i,j) + B(i,j)                   | C(i) = A(i,j) + B(i,j)
            s = A(i,j) * B(i,j)                      | s = A(i,j) * B(i,j)
            s = a                                    | s = a
            s = 2                                    | s = 2
            s = a * b + 2.5                          | s = a * b + 2.5
            C(i) = 1e-3 * A(i)                       | C(i) = 0.001 * A(i)
            s = 1E+3 * a                             | s = 1000 * a
            s = 1.5e20 * a + 2.5e-8                  | s = 1.5e20 * a + 2.5e-8
            s = 100 * a + .5                         | s = 100 * a + 0.5
            C(i) = 3.0 * A(i)                        | C(i) = 3 * A(i)
            C(i) = -A(i)                             | C(i) = -A(i)
            C(i) = -(A(i) + B(i))                    | C(i) = -(A(i) + B(i))
            C(i) = -(-A(i))                          | C(i) = --A(i)
            C(i) = -A(i) * B(i)                      | C(i) = -A(i) * B(i)
            C(i) = -(A(i) * B(i))                    | C(i) = -(A(i) * B(i))
            C(i) = A(i) * -B(i)                      | C(i) = A(i) * -B(i)
            C(i) = A(i) - -B(i)                      | C(i) = A(i) - -B(i)
            C(i) = -2 * A(i)                         | C(i) = -2 * A(i)
            C(i) = ((A(i)))                          | C(i) = A(i)
            C(i) = (A(i) + B(i)) * (D(i) - E(i))     | C(i) = (A(i) + B(i)) * (D(i) - E(i))
            C(i) = A(i) - (B(i) - D(i))              | C(i) = A(i) - (B(i) - D(i))
            C(i) = (A(i) - B(i)) - D(i)              | C(i) = A(i) - B(i) - D(i)
            C(i) = A(i) + (B(i) + D(i))              | C(i) = A(i) + (B(i) + D(i))
            C(i) = A(i) * (B(i) * D(i))              | C(i) = A(i) * (B(i) * D(i))
            C(i) = (A(i) * B(i)) * D(i)              | C(i) = A(i) * B(i) * D(i)
            C(i) = A(i) + B(i) * D(i)                | C(i) = A(i) + B(i) * D(i)
            C(i) = ((A(i) + (B(i))) * ((2)))         | C(i) = (A(i) + B(i)) * 2
            C(i) = 2 * A(i) * 3                      | C(i) = 2 * A(i) * 3
            C(i,j) = A(i,k,l) * B(k,l,j)             | C(i,j) = A(i,k,l) * B(k,l,j)
            T(i,j,k) = A(i,j,k) + B(i,j,k)           | T(i,j,k) = A(i,j,k) + B(i,j,k)
            out_1(row, col) = W_2(row, k) * x0(k, col) | out_1(row,col) = W_2(row,k) * x0(k,col)
            ik,kj->ij                                | out(i,j) = A(i,k) * B(k,j)
            ij,j->i                                  | out(i) = A(i,j) * B(j)
            ij,ij->ij                                | out(i,j) = A(i,j) * B(i,j)
            ij,ij->                                  | out = A(i,j) * B(i,j)
            ikl,klj->ij                              | out(i,j) = A(i,k,l) * B(k,l,j)
            ij->ji                                   | out(j,i) = A(i,j)
            i->i                                     | out(i) = A(i)
            i,i,i->                                  | out = A(i) * B(i) * C(i)
            `  i j , j k -> i k  `                   | out(i,k) = A(i,j) * B(j,k)
            ik,kj                                    | out(i,j) = A(i,k) * B(k,j)
            ba                                       | out(a,b) = A(b,a)
            ij,ij                                    | out = A(i,j) * B(i,j)
            ab,AB                                    | out(A,B,a,b) = A(a,b) * B(A,B)
            """)
    void roundTrips(String text, String canonical) {
        Assignment parsed = Parser.parse(text);
        assertEquals(canonical, parsed.toString());
        Assignment reparsed = Parser.parse(canonical);
        assertEquals(parsed, reparsed);
        assertEquals(canonical, reparsed.toString());
    }

    @Test
    void precedenceAndAssociativity() {
        IndexExpr rhs = Parser.parse("s = a - b - c * d * -e").rhs();
        Access a = new Access("a"), b = new Access("b"), c = new Access("c"), d = new Access("d"), e = new Access("e");
        assertEquals(new Sub(new Sub(a, b), new Mul(new Mul(c, d), new Neg(e))), rhs);
    }

    @Test
    void literalsAreNonNegativeUnaryMinusIsANode() {
        assertEquals(new Neg(new Literal(2)), Parser.parse("s = -2").rhs());
        assertEquals(new Literal(0.001), Parser.parse("s = 1e-3").rhs());
        assertEquals(new Literal(1.5), Parser.parse("s = 1.5").rhs());
    }

    @Test
    void bareIdentifierIsRankZeroTensor() {
        Assignment a = Parser.parse("s = alpha * A(i)");
        assertEquals(new Access("alpha", List.of()), ((Mul) a.rhs()).left());
        assertEquals(0, a.lhs().rank());
    }

    @Test
    void einsumNamesOperandsByPosition() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 28; p++) text.append(p == 0 ? "" : ",").append('i');
        Assignment a = Parser.parseEinsum(text + "->i");
        assertEquals("A", a.inputs().getFirst());
        assertEquals("Z", a.inputs().get(25));
        assertEquals(List.of("T26", "T27"), a.inputs().subList(26, 28));
        assertEquals("out", a.lhs().tensor());
        assertEquals(Parser.EINSUM_OUTPUT, a.lhs().tensor());
        for (int p = 0; p < 28; p++) assertEquals(Parser.einsumOperandName(p), a.inputs().get(p));
    }

    @Test
    void parseChoosesTheSyntax() {
        assertEquals("out(i) = A(i,j) * B(j)", Parser.parse("ij,j->i").toString());
        assertEquals("out(i) = A(i)", Parser.parse("i").toString());
        assertEquals("s = a", Parser.parse("s = a").toString());
        assertEquals("C(i) = A(i)", Parser.parse("C(i) = A(i)").toString());
    }

    /** Random trees (non-negative literals only) print to text that parses back to the same tree. */
    @Test
    void randomTreesRoundTrip() {
        Random rnd = new Random(20240611);
        for (int n = 0; n < 500; n++) {
            Assignment a = new Assignment(new Access("out"), randomTree(rnd, 5));
            Assignment back = Parser.parseIndexNotation(a.toString());
            assertEquals(a, back, a.toString());
        }
    }

    private static IndexExpr randomTree(Random rnd, int depth) {
        int kind = depth == 0 ? rnd.nextInt(2) : rnd.nextInt(6);
        return switch (kind) {
            case 0 -> List.of(new Access("A", "i"), new Access("B", "i", "j"), new Access("s"), new Access("x", "j"))
                    .get(rnd.nextInt(4));
            case 1 -> new Literal(List.of(0.0, 2.0, 0.5, 1e-3, 1.25e30, 7.0 / 3).get(rnd.nextInt(6)));
            case 2 -> new Add(randomTree(rnd, depth - 1), randomTree(rnd, depth - 1));
            case 3 -> new Sub(randomTree(rnd, depth - 1), randomTree(rnd, depth - 1));
            case 4 -> new Mul(randomTree(rnd, depth - 1), randomTree(rnd, depth - 1));
            default -> new Neg(randomTree(rnd, depth - 1));
        };
    }

    @Test
    void deepButAllowedNestingParses() {
        String text = "s = " + "(".repeat(900) + "a" + ")".repeat(900);
        assertInstanceOf(Access.class, Parser.parse(text).rhs());
        String chain = "s = a" + " + a".repeat(998);
        assertEquals(chain, Parser.parse(chain).toString());
    }
}
