package dev.sieve.compile.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parser for numpy-style einsum subscripts, {@code "ik,kj->ij"}: one letter per index, operands
 * separated by commas, whitespace ignored. Operands are named A, B, C, ... by position (T26, T27, ...
 * after Z) and the output {@code out}.
 */
final class EinsumParser {
    /** The name of the output tensor of every einsum. */
    static final String OUTPUT = "out";

    /** One index list as written: its letters and each letter's column (none for an implicit output). */
    private record Subscripts(List<String> letters, List<Integer> columns) {}

    private final String text;
    private final Map<Access, int[]> columns = new IdentityHashMap<>();

    private EinsumParser(String text) {
        this.text = text;
    }

    static Assignment parse(String text) {
        if (text.isBlank()) throw new ExprException("empty expression", 0, text);
        return new EinsumParser(text).assignment();
    }

    /** The name of operand {@code position} (0-based). */
    static String operandName(int position) {
        return position < 26 ? String.valueOf((char) ('A' + position)) : "T" + position;
    }

    private Assignment assignment() {
        List<Subscripts> operands = new ArrayList<>();
        boolean afterArrow = false;
        List<String> letters = new ArrayList<>();
        List<Integer> letterColumns = new ArrayList<>();
        for (int pos = 0; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) continue;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letters.add(String.valueOf(c));
                letterColumns.add(pos);
            } else if (c == ',') {
                if (afterArrow) throw new ExprException("unexpected ',' in the output", pos, text);
                operands.add(operand(operands.size(), letters, letterColumns, pos));
                letters = new ArrayList<>();
                letterColumns = new ArrayList<>();
            } else if (c == '-' && pos + 1 < text.length() && text.charAt(pos + 1) == '>') {
                if (afterArrow) throw new ExprException("more than one '->'", pos, text);
                operands.add(operand(operands.size(), letters, letterColumns, pos));
                afterArrow = true;
                letters = new ArrayList<>();
                letterColumns = new ArrayList<>();
                pos++;
            } else if (c == '-') {
                throw new ExprException("expected '->'", pos, text);
            } else if (c == '.') {
                throw new ExprException("ellipsis '...' is not supported", pos, text);
            } else {
                throw new ExprException("unknown character " + IndexNotationParser.describe(text.codePointAt(pos))
                        + " (einsum indices are single letters a-z, A-Z)", pos, text);
            }
        }
        Subscripts output;
        if (afterArrow) {
            output = new Subscripts(letters, letterColumns);
        } else {
            operands.add(operand(operands.size(), letters, letterColumns, text.length()));
            output = implicitOutput(operands);
        }
        if (operands.size() > IndexNotationParser.MAX_DEPTH) {
            throw new ExprException("too many operands (more than " + IndexNotationParser.MAX_DEPTH + ")", 0, text);
        }

        Access lhs = access(OUTPUT, output, output.columns.isEmpty() ? text.length() : output.columns.getFirst());
        IndexExpr rhs = null;
        for (int p = 0; p < operands.size(); p++) {
            Subscripts s = operands.get(p);
            Access a = access(operandName(p), s, s.columns.getFirst());
            rhs = rhs == null ? a : new Mul(rhs, a);
        }
        AssignmentRules.check(lhs, rhs, (problem, access, p) -> new ExprException(problem, columns.get(access)[p + 1], text));
        return new Assignment(lhs, rhs);
    }

    /** Closes operand {@code position}; {@code endColumn} is where an empty one is reported. */
    private Subscripts operand(int position, List<String> letters, List<Integer> letterColumns, int endColumn) {
        if (letters.isEmpty()) {
            throw new ExprException("operand " + (position + 1) + " has no indices (rank-0 einsum operands are not supported)",
                    endColumn, text);
        }
        return new Subscripts(letters, letterColumns);
    }

    /** numpy's implicit mode: the letters used exactly once, in ASCII order (upper case first). */
    private static Subscripts implicitOutput(List<Subscripts> operands) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Subscripts s : operands) {
            for (String letter : s.letters) counts.merge(letter, 1, Integer::sum);
        }
        List<String> once = new ArrayList<>();
        counts.forEach((letter, n) -> {
            if (n == 1) once.add(letter);
        });
        return new Subscripts(once, List.of());
    }

    private Access access(String name, Subscripts s, int nameColumn) {
        for (int p = 0; p < s.letters.size(); p++) {
            String repeated = Names.repeatedIndex(name, s.letters, p);
            if (repeated != null) throw new ExprException(repeated, s.columns.get(p), text);
        }
        Access access = new Access(name, s.letters);
        int[] cols = new int[s.letters.size() + 1];
        cols[0] = nameColumn;
        // Implicit outputs were never written, so their indices have no column of their own.
        for (int p = 0; p < s.letters.size(); p++) cols[p + 1] = p < s.columns.size() ? s.columns.get(p) : nameColumn;
        columns.put(access, cols);
        return access;
    }
}
