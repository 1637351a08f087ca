package dev.sieve.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Splits a Matrix Market file into lines and whitespace-separated tokens, and parses tokens as
 * numbers, with errors that name the line.
 *
 * <p>Works on bytes with a fixed line limit, so no input (a 10 GB line, binary garbage) can make it
 * allocate more than a few kilobytes. Comment lines are skipped without being stored, so they may
 * be any length.
 */
final class MatrixMarketLines {
    /** Far longer than any banner, size line or entry; comments are exempt. */
    static final int MAX_LINE_BYTES = 1024;
    /** A line of MAX_LINE_BYTES holds at most this many tokens, so every token's position fits. */
    private static final int MAX_TOKENS = MAX_LINE_BYTES / 2 + 1;

    private final Path path;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferLen;
    private long consumed;

    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLen;
    private long lineNumber;
    private final int[] tokenStart = new int[MAX_TOKENS];
    private final int[] tokenEnd = new int[MAX_TOKENS];
    private int tokenCount;

    MatrixMarketLines(Path path, InputStream in) {
        this.path = path;
        this.in = in;
    }

    /** Reads and tokenizes the next line, comment or not. False at the end of the input. */
    boolean nextLine() throws IOException {
        return readLine(false);
    }

    /** Reads and tokenizes the next line that is neither a comment ({@code %...}) nor blank. */
    boolean nextContentLine() throws IOException {
        while (readLine(true)) {
            if (tokenCount > 0) return true;
        }
        return false;
    }

    private boolean readLine(boolean skipComments) throws IOException {
        int b = read();
        if (b < 0) return false;
        lineNumber++;
        lineLen = 0;
        tokenCount = 0;
        if (skipComments && b == '%') {
            while (b >= 0 && b != '\n') b = read();
            return true;
        }
        while (b >= 0 && b != '\n') {
            if (lineLen == MAX_LINE_BYTES) throw error("line is longer than " + MAX_LINE_BYTES + " bytes");
            line[lineLen++] = (byte) b;
            b = read();
        }
        if (lineLen > 0 && line[lineLen - 1] == '\r') lineLen--;
        tokenize();
        return true;
    }

    private void tokenize() {
        int i = 0;
        while (i < lineLen) {
            while (i < lineLen && (line[i] == ' ' || line[i] == '\t')) i++;
            if (i == lineLen) break;
            int start = i;
            while (i < lineLen && line[i] != ' ' && line[i] != '\t') i++;
            tokenStart[tokenCount] = start;
            tokenEnd[tokenCount] = i;
            tokenCount++;
        }
    }

    private int read() throws IOException {
        if (bufferPos == bufferLen) {
            bufferLen = in.read(buffer, 0, buffer.length);
            bufferPos = 0;
            if (bufferLen <= 0) {
                bufferLen = 0;
                return -1;
            }
        }
        consumed++;
        return buffer[bufferPos++] & 0xff;
    }

    /** Tokens on the current line. */
    int tokenCount() {
        return tokenCount;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed so far, through the end of the current line. */
    long bytesConsumed() {
        return consumed;
    }

    String token(int i) {
        return new String(line, tokenStart[i], tokenEnd[i] - tokenStart[i], StandardCharsets.ISO_8859_1);
    }

    /** The token quoted for an error message, shortened and with unprintable bytes replaced. */
    String quoted(int i) {
        return "'" + Printable.snippet(token(i), 24) + "'";
    }

    /** A decimal integer with optional sign; {@code what} names it in errors ("row index"). */
    long integer(int i, String what) throws FormatException {
        int p = tokenStart[i], end = tokenEnd[i];
        boolean negative = line[p] == '-';
        if (line[p] == '-' || line[p] == '+') p++;
        if (p == end) throw error(what + " " + quoted(i) + " is not an integer");
        long value = 0;
        for (; p < end; p++) {
            int digit = line[p] - '0';
            if (digit < 0 || digit > 9) throw error(what + " " + quoted(i) + " is not an integer");
            if (value > (Long.MAX_VALUE - digit) / 10) throw error(what + " " + quoted(i) + " is too large");
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * A decimal real as C's strtod reads it ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e-3}), or
     * nan / inf / infinity in any case. Java-only forms (hex floats, {@code 1f}, {@code 1d}) are refused.
     */
    float real(int i, String what) throws FormatException {
        String s = token(i);
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean negative = s.startsWith("-");
        if (body.equalsIgnoreCase("nan")) return Float.NaN;
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        if (!isDecimal(body)) throw error(what + " " + quoted(i) + " is not a number");
        return Float.parseFloat(s);
    }

    /** digits [. digits] | . digits, then an optional exponent. */
    private static boolean isDecimal(String s) {
        int p = 0, n = s.length();
        int intDigits = 0, fracDigits = 0;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
            intDigits++;
        }
        if (p < n && s.charAt(p) == '.') {
            p++;
            while (p < n && isDigit(s.charAt(p))) {
                p++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) return false;
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) p++;
            int expDigits = 0;
            while (p < n && isDigit(s.charAt(p))) {
                p++;
                expDigits++;
            }
            if (expDigits == 0) return false;
        }
        return p == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An error about the current line. */
    FormatException error(String message) {
        return new FormatException(path, "line " + lineNumber + ": " + message);
    }
}
