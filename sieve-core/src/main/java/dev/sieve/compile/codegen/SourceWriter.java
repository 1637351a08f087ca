package dev.sieve.compile.codegen;

/** Indented Java source, one statement per line. */
final class SourceWriter {
    private final StringBuilder b = new StringBuilder();
    private int depth;

    SourceWriter line(String s) {
        b.append("    ".repeat(depth)).append(s).append('\n');
        return this;
    }

    SourceWriter open(String s) {
        line(s + " {");
        depth++;
        return this;
    }

    SourceWriter close() {
        depth--;
        return line("}");
    }

    SourceWriter close(String suffix) {
        depth--;
        return line("}" + suffix);
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
