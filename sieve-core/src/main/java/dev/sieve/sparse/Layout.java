package dev.sieve.sparse;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The name and parameters of a storage layout, as written on the command line and in file metadata:
 * {@code dense}, {@code coo}, {@code csr}, {@code csc}, {@code bsr:RxC}, {@code nm:N:M},
 * {@code nmg:N:M:G}, {@code tw:G}, {@code masked}.
 *
 * <p>A descriptor is only a name: it holds no data. Its parameters are checked when it is built, so
 * every descriptor that exists names a layout Sieve can store. {@link #toString()} gives the
 * canonical text, and {@code parse(l.toString()).equals(l)} holds for every descriptor.
 */
public sealed interface Layout {
    Dense DENSE = new Dense();
    Coo COO = new Coo();
    Csr CSR = new Csr();
    Csc CSC = new Csc();
    Masked MASKED = new Masked();

    /** The largest m for n:m and n:m:g: positions inside a group are stored in one byte. */
    int MAX_M = 128;

    /**
     * The largest n:m:g chunk width C(m, n) * g. In-chunk column indices then fit a signed 16-bit
     * integer, as in STen's int16 index tensor.
     */
    int MAX_NMG_CHUNK = Short.MAX_VALUE;

    /** The sparsity the layout fixes by itself (n:m and n:m:g: 1 - n/m), or empty if it takes any. */
    default OptionalDouble impliedSparsity() {
        return OptionalDouble.empty();
    }

    /**
     * Parses a layout name such as {@code csr}, {@code bsr:4x4} or {@code nmg:2:4:8} (case-insensitive,
     * surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    static Layout parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String args = colon < 0 ? null : t.substring(colon + 1);
        try {
            return switch (kind) {
                case "dense", "coo", "csr", "csc", "masked" -> {
                    if (args != null) throw new IllegalArgumentException(kind + " takes no parameters");
                    yield switch (kind) {
                        case "dense" -> DENSE;
                        case "coo" -> COO;
                        case "csr" -> CSR;
                        case "csc" -> CSC;
                        default -> MASKED;
                    };
                }
                case "bsr" -> {
                    String[] p = parameters(args, "x", 2, "bsr:RxC");
                    yield new Bsr(number(p[0]), number(p[1]));
                }
                case "nm" -> {
                    String[] p = parameters(args, ":", 2, "nm:N:M");
                    yield new Nm(number(p[0]), number(p[1]));
                }
                case "nmg" -> {
                    String[] p = parameters(args, ":", 3, "nmg:N:M:G");
                    yield new Nmg(number(p[0]), number(p[1]), number(p[2]));
                }
                case "tw" -> {
                    String[] p = parameters(args, ":", 1, "tw:G");
                    yield new TileWise(number(p[0]));
                }
                default -> throw new IllegalArgumentException("unknown layout");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad layout '" + text + "': " + e.getMessage()
                    + " (expected one of dense, coo, csr, csc, bsr:RxC, nm:N:M, nmg:N:M:G, tw:G, masked)", e);
        }
    }

    private static String[] parameters(String args, String separator, int count, String form) {
        if (args == null) throw new IllegalArgumentException("missing parameters, the form is " + form);
        String[] p = args.split(java.util.regex.Pattern.quote(separator), -1);
        if (p.length != count) throw new IllegalArgumentException("the form is " + form);
        return p;
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException("'" + s + "' is not a positive integer below 10^9");
        }
        return Integer.parseInt(s);
    }

    private static void positive(int v, String what) {
        if (v < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }

    record Dense() implements Layout {
        @Override
        public String toString() {
            return "dense";
        }
    }

    record Coo() implements Layout {
        @Override
        public String toString() {
            return "coo";
        }
    }

    record Csr() implements Layout {
        @Override
        public String toString() {
            return "csr";
        }
    }

    record Csc() implements Layout {
        @Override
        public String toString() {
            return "csc";
        }
    }

    record Masked() implements Layout {
        @Override
        public String toString() {
            return "masked";
        }
    }

    /** Block sparse rows with blocks of {@code height} rows by {@code width} columns. */
    record Bsr(int height, int width) implements Layout {
        public Bsr {
            positive(height, "block height R");
            positive(width, "block width C");
        }

        @Override
        public String toString() {
            return "bsr:" + height + "x" + width;
        }
    }

    /** At most n nonzeros in every aligned group of m along each row (the reduction dimension). */
    record Nm(int n, int m) implements Layout {
        public Nm {
            positive(n, "n");
            if (m < n || m > MAX_M) throw new IllegalArgumentException("n:m needs n <= m <= " + MAX_M + ", got " + n + ":" + m);
        }

        @Override
        public OptionalDouble impliedSparsity() {
            return OptionalDouble.of(1.0 - (double) n / m);
        }

        @Override
        public String toString() {
            return "nm:" + n + ":" + m;
        }
    }

    /** STen's grouped n:m: C(m, n) position patterns, each used by exactly g columns per chunk. */
    record Nmg(int n, int m, int g) implements Layout {
        public Nmg {
            positive(n, "n");
            positive(g, "g");
            if (m < n || m > MAX_M) throw new IllegalArgumentException("n:m:g needs n <= m <= " + MAX_M + ", got " + n + ":" + m);
            long width = NmgPatterns.binomial(m, n, MAX_NMG_CHUNK + 1L) * g;
            if (width > MAX_NMG_CHUNK) {
                throw new IllegalArgumentException("chunk width C(" + m + ", " + n + ") * " + g + " exceeds " + MAX_NMG_CHUNK
                        + ": in-chunk column indices must fit 16 bits");
            }
        }

        /** C(m, n): the number of position patterns. */
        public int patternCount() {
            return (int) NmgPatterns.binomial(m, n, MAX_NMG_CHUNK + 1L);
        }

        /** C(m, n) * g: the number of columns in one chunk. */
        public int chunkWidth() {
            return patternCount() * g;
        }

        @Override
        public OptionalDouble impliedSparsity() {
            return OptionalDouble.of(1.0 - (double) n / m);
        }

        @Override
        public String toString() {
            return "nmg:" + n + ":" + m + ":" + g;
        }
    }

    /** Tile-wise sparsity with tiles of {@code g} kept output rows. */
    record TileWise(int g) implements Layout {
        public TileWise {
            positive(g, "tile size G");
        }

        @Override
        public String toString() {
            return "tw:" + g;
        }
    }
}
