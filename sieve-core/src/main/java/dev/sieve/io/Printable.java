package dev.sieve.io;

/** Makes untrusted file content safe to quote in a one-line error message. */
final class Printable {
    private Printable() {}

    /** Up to {@code max} characters of {@code s} from {@code from}, control and non-ASCII characters as '?'. */
    static String snippet(CharSequence s, int from, int max) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(s.length(), from + max);
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (end < s.length()) sb.append("...");
        return sb.toString();
    }

    static String snippet(CharSequence s, int max) {
        return snippet(s, 0, max);
    }
}
