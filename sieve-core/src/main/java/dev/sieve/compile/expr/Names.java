package dev.sieve.compile.expr;

import java.util.List;

/** Identifier rules shared by the AST constructors and the parsers. */
final class Names {
    private Names() {}

    static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty() || !isIdentifierStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentifierPart(s.charAt(i))) return false;
        }
        return true;
    }

    static void requireIdentifier(String s, String what) {
        if (!isIdentifier(s)) {
            throw new ExprException(what + " " + (s == null ? "null" : "\"" + s + "\"")
                    + " is not an identifier [A-Za-z_][A-Za-z0-9_]*");
        }
    }

    /** The error message if {@code indices[p]} already occurs before {@code p}, else null. */
    static String repeatedIndex(String tensor, List<String> indices, int p) {
        String index = indices.get(p);
        if (!indices.subList(0, p).contains(index)) return null;
        return "index " + index + " appears twice in " + tensor + "(" + String.join(",", indices)
                + ") (diagonals are not supported)";
    }
}
