package dev.sieve.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strict subset of JSON a safetensors header uses: objects (duplicate keys rejected, order kept),
 * arrays, strings with all JSON escapes, integers that fit a {@code long}, {@code true}, {@code false}
 * and {@code null}. Fractions and exponents are rejected (no header field needs them). Nesting is
 * limited so a hostile header cannot exhaust the stack.
 */
final class SafetensorsJson {
    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private SafetensorsJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value followed only by whitespace; maps are {@link LinkedHashMap}s, integers {@link Long}s. */
    static Object parse(String text) throws FormatException {
        SafetensorsJson p = new SafetensorsJson(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("unexpected '" + Printable.snippet(text, p.pos, 8) + "' after the JSON value");
        return value;
    }

    private Object value(int depth) throws FormatException {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
        if (pos >= text.length()) throw error("unexpected end of JSON");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected '" + Printable.snippet(text, pos, 8) + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) throws FormatException {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) throw error("duplicate key \"" + Printable.snippet(key, 40) + "\"");
            map.put(key, v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}' in an object");
        }
    }

    private List<Object> array(int depth) throws FormatException {
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']' in an array");
        }
    }

    private String string() throws FormatException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("control character in a string");
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) throw error("unterminated string");
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("truncated \\u escape");
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) throw error("bad \\u escape");
                        v = v * 16 + d;
                    }
                    sb.append((char) v);
                }
                default -> throw error("bad escape '\\" + Printable.snippet(String.valueOf(e), 1) + "'");
            }
        }
    }

    private Long number() throws FormatException {
        int start = pos;
        if (peek() == '-') pos++;
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        if (pos == digits) throw error("bad number '" + Printable.snippet(text, start, 12) + "'");
        if (pos - digits > 1 && text.charAt(digits) == '0') throw error("number with a leading zero '" + Printable.snippet(text, start, 12) + "'");
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error("number '" + Printable.snippet(text, start, 12) + "' is not an integer");
        }
        try {
            return Long.parseLong(text, start, pos, 10);
        } catch (NumberFormatException e) {
            throw error("integer '" + Printable.snippet(text, start, 24) + "' does not fit 64 bits");
        }
    }

    private Object literal(String word, Object value) throws FormatException {
        if (!text.startsWith(word, pos)) throw error("unexpected '" + Printable.snippet(text, pos, 8) + "'");
        pos += word.length();
        return value;
    }

    private void expect(char c) throws FormatException {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private char peek() throws FormatException {
        if (pos >= text.length()) throw error("unexpected end of JSON");
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private FormatException error(String what) {
        return new FormatException("header JSON at character " + pos + ": " + what);
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Appends {@code s} as a JSON string literal; non-ASCII is kept as is (the header is UTF-8). */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
