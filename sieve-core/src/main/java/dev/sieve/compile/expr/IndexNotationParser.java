package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for {@code C(i,j) = A(i,k) * B(k,j) + D(i,j)}.
 *
 * <pre>
 * assignment := access '=' expr END
 * expr       := term (('+' | '-') term)*
 * term       := unary ('*' unary)*
 * unary      := '-' unary | primary
 * primary    := NUMBER | access | '(' expr ')'
 * access     := IDENT ( '(' IDENT (',' IDENT)* ')' )?
 * </pre>
 *
 * Tokens are read lazily so that the first problem in reading order is the one reported.
 */
final class IndexNotationParser {
    /** Bounds nesting and tree depth, so recursion over a parsed tree cannot overflow the stack. */
    static final int MAX_DEPTH = 1000;

    private enum Kind { IDENT, NUMBER, LPAREN, RPAREN, COMMA, PLUS, MINUS, STAR, EQUALS, END }

    private record Token(Kind kind, String text, int column) {}

    /** A parsed subtree and its height, tracked to enforce {@link #MAX_DEPTH}. */
    private record Node(IndexExpr expr, int depth) {}

    private final String text;
    private int pos;
    private Token current;
    private int nesting;
    /** Column of each parsed access: its name, then each index. */
    private final Map<Access, int[]> columns = new IdentityHashMap<>();

    private IndexNotationParser(String text) {
        this.text = text;
    }

    static Assignment parse(String text) {
        if (text.isBlank()) throw new ExprException("empty expression", 0, text);
        return new IndexNotationParser(text).assignment();
    }

    private Assignment assignment() {
        advance();
        if (current.kind != Kind.IDENT) throw error("expected the name of the output tensor", current);
        Access lhs = access();
        if (isCompoundAssignment(current)) {
            throw error("compound assignment '" + current.text + "=' is not supported (the output is assigned, not accumulated)",
                    current);
        }
        if (current.kind != Kind.EQUALS) throw error("expected '='", current);
        advance();
        Node rhs = expression();
        if (current.kind == Kind.RPAREN) throw error("unmatched ')'", current);
        if (current.kind != Kind.END) throw error("expected an operator or the end of the expression", current);
        AssignmentRules.check(lhs, rhs.expr, (problem, access, p) -> new ExprException(problem, columns.get(access)[p + 1], text));
        return new Assignment(lhs, rhs.expr);
    }

    private boolean isCompoundAssignment(Token t) {
        boolean operator = t.kind == Kind.PLUS || t.kind == Kind.MINUS || t.kind == Kind.STAR;
        return operator && t.column + 1 < text.length() && text.charAt(t.column + 1) == '=';
    }

    private Node expression() {
        Node left = term();
        while (current.kind == Kind.PLUS || current.kind == Kind.MINUS) {
            Token op = current;
            advance();
            Node right = term();
            IndexExpr e = op.kind == Kind.PLUS ? new Add(left.expr, right.expr) : new Sub(left.expr, right.expr);
            left = node(e, Math.max(left.depth, right.depth), op);
        }
        return left;
    }

    private Node term() {
        Node left = unary();
        while (current.kind == Kind.STAR) {
            Token op = current;
            advance();
            Node right = unary();
            left = node(new Mul(left.expr, right.expr), Math.max(left.depth, right.depth), op);
        }
        return left;
    }

    private Node unary() {
        if (current.kind != Kind.MINUS) return primary();
        Token op = current;
        advance();
        enter(op);
        Node operand = unary();
        nesting--;
        return node(new Neg(operand.expr), operand.depth, op);
    }

    private Node primary() {
        Token t = current;
        switch (t.kind) {
            case NUMBER -> {
                double v = Double.parseDouble(t.text);
                if (!Double.isFinite(v)) throw error("number " + t.text + " is out of range", t);
                advance();
                return new Node(new Literal(v), 1);
            }
            case IDENT -> {
                return new Node(access(), 1);
            }
            case LPAREN -> {
                advance();
                enter(t);
                Node inner = expression();
                if (current.kind != Kind.RPAREN) throw error("expected ')'", current);
                advance();
                nesting--;
                return inner;
            }
            default -> throw error("expected an expression", t);
        }
    }

    /** Parses {@code NAME} or {@code NAME(i,j,...)}; {@link #current} is the name. */
    private Access access() {
        Token name = current;
        advance();
        List<String> indices = new ArrayList<>();
        List<Integer> indexColumns = new ArrayList<>();
        if (current.kind == Kind.LPAREN) {
            Token open = current;
            advance();
            if (current.kind == Kind.RPAREN) {
                throw error("empty index list (write a rank-0 tensor without parentheses)", open);
            }
            while (true) {
                if (current.kind != Kind.IDENT) throw error("expected an index name", current);
                indices.add(current.text);
                indexColumns.add(current.column);
                advance();
                if (current.kind == Kind.RPAREN) break;
                if (current.kind != Kind.COMMA) throw error("expected ')'", current);
                advance();
            }
            advance();
            for (int p = 0; p < indices.size(); p++) {
                String repeated = Names.repeatedIndex(name.text, indices, p);
                if (repeated != null) throw new ExprException(repeated, indexColumns.get(p), text);
            }
        }
        Access access = new Access(name.text, indices);
        int[] cols = new int[indices.size() + 1];
        cols[0] = name.column;
        for (int p = 0; p < indices.size(); p++) cols[p + 1] = indexColumns.get(p);
        columns.put(access, cols);
        return access;
    }

    private Node node(IndexExpr e, int childDepth, Token at) {
        if (childDepth + 1 > MAX_DEPTH) throw error("expression nested too deeply (more than " + MAX_DEPTH + " levels)", at);
        return new Node(e, childDepth + 1);
    }

    private void enter(Token at) {
        if (++nesting > MAX_DEPTH) throw error("expression nested too deeply (more than " + MAX_DEPTH + " levels)", at);
    }

    private ExprException error(String problem, Token at) {
        return new ExprException(problem, at.column, text);
    }

    // ---- lexer --------------------------------------------------------------------------------

    private void advance() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        int start = pos;
        if (pos == text.length()) {
            current = new Token(Kind.END, "", start);
            return;
        }
        char c = text.charAt(pos);
        if (Names.isIdentifierStart(c)) {
            while (pos < text.length() && Names.isIdentifierPart(text.charAt(pos))) pos++;
            current = new Token(Kind.IDENT, text.substring(start, pos), start);
        } else if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            current = new Token(Kind.NUMBER, number(), start);
        } else {
            Kind kind = switch (c) {
                case '(' -> Kind.LPAREN;
                case ')' -> Kind.RPAREN;
                case ',' -> Kind.COMMA;
                case '+' -> Kind.PLUS;
                case '-' -> Kind.MINUS;
                case '*' -> Kind.STAR;
                case '=' -> Kind.EQUALS;
                default -> throw new ExprException("unknown character " + describe(text.codePointAt(pos)), pos, text);
            };
            pos++;
            current = new Token(kind, String.valueOf(c), start);
        }
    }

    /** Reads {@code digits [. digits] [e [+-] digits]} (or {@code .digits ...}), not followed by a name character. */
    private String number() {
        int start = pos;
        skipDigits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            skipDigits();
        }
        boolean ok = true;
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            ok = pos < text.length() && isDigit(text.charAt(pos));
            skipDigits();
        }
        if (!ok || (pos < text.length() && (Names.isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.'))) {
            while (pos < text.length() && (Names.isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
            throw new ExprException("malformed number '" + text.substring(start, pos) + "'", start, text);
        }
        return text.substring(start, pos);
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character for an error message; control characters by code point so they are visible. */
    static String describe(int codePoint) {
        if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + Character.toString(codePoint) + "'";
    }
}
