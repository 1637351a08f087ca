package dev.sieve.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the Python dict literal at the start of a .npy file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * <p>Only what NumPy writes is accepted: string keys, and values that are quoted strings without
 * escapes, {@code True}/{@code False}, integers (an optional Python 2 {@code L} suffix) and tuples of
 * integers. Values come back as {@link String}, {@link Boolean}, {@link Long} and {@code List<Long>}.
 * Anything else is a {@link FormatException} that says what was expected and where.
 */
final class NpyHeaderDict {
    private final String text;
    private final Path path;
    private int pos;

    private NpyHeaderDict(String text, Path path) {
        this.text = text;
        this.path = path;
    }

    static Map<String, Object> parse(String text, Path path) throws FormatException {
        return new NpyHeaderDict(text, path).dict();
    }

    private Map<String, Object> dict() throws FormatException {
        skipSpace();
        expect('{', "'{' to open the header dict");
        Map<String, Object> entries = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            if (peek() != '\'' && peek() != '"') throw error("expected a quoted key or '}'");
            String key = string();
            skipSpace();
            expect(':', "':' after key '" + key + "'");
            skipSpace();
            Object value = value();
            if (entries.put(key, value) != null) throw error("duplicate key '" + key + "'");
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}' after the value of '" + key + "'");
            }
        }
        pos++;
        skipSpace();
        if (pos < text.length()) throw error("unexpected text after the header dict");
        return entries;
    }

    private Object value() throws FormatException {
        char c = peek();
        if (c == '\'' || c == '"') return string();
        if (c == '(') return tuple();
        if (c == '-' || isDigit(c)) return integer();
        if (c == '[') throw error("lists are not supported (structured dtypes cannot be read)");
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("expected a string, True, False, an integer or a tuple");
    }

    private String string() throws FormatException {
        char quote = text.charAt(pos++);
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos);
            if (c == '\\') throw error("escape sequences in strings are not supported");
            if (c == '\n') break;
            pos++;
        }
        if (pos >= text.length() || text.charAt(pos) != quote) {
            pos = start - 1;
            throw error("unterminated string");
        }
        return text.substring(start, pos++);
    }

    /** A tuple of integers; like Python, one element needs a trailing comma ({@code (3)} is not a tuple). */
    private List<Long> tuple() throws FormatException {
        pos++;
        List<Long> items = new ArrayList<>();
        boolean trailingComma = false;
        skipSpace();
        while (peek() != ')') {
            if (peek() != '-' && !isDigit(peek())) throw error("expected an integer or ')' in tuple");
            items.add(integer());
            skipSpace();
            trailingComma = peek() == ',';
            if (trailingComma) {
                pos++;
                skipSpace();
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in tuple");
            }
        }
        if (items.size() == 1 && !trailingComma) throw error("(n) is not a tuple; a one-element tuple is written (n,)");
        pos++;
        return items;
    }

    private Long integer() throws FormatException {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) pos++;
        if (!isDigit(peek())) throw error("expected digits");
        long value = 0;
        while (isDigit(peek())) {
            int digit = text.charAt(pos) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                pos = start;
                throw error("integer too large");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (peek() == 'L' || peek() == 'l') pos++; // Python 2 long literal, seen in old files
        return negative ? -value : value;
    }

    private void expect(char c, String what) throws FormatException {
        if (peek() != c) throw error("expected " + what);
        pos++;
    }

    /** The current character, or NUL at the end (NUL never appears in valid input). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\n\r\f\013".indexOf(text.charAt(pos)) >= 0) pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private FormatException error(String what) {
        String found = pos >= text.length() ? "end of header" : "'" + Printable.snippet(text, pos, 16) + "'";
        return new FormatException(path, "bad header dict: " + what + " at offset " + pos + ", found " + found);
    }
}
