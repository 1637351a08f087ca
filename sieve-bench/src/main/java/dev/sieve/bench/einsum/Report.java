package dev.sieve.bench.einsum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Output: Markdown tables for people, and one JSON line per measurement (prefixed by nothing, starting with
 * {@code {"bench":"einsum"}) for scripts/einsum-vs-torch.py. Tables are printed when complete; JSON lines as
 * measurements finish.
 */
public final class Report {
    private final boolean json;

    public Report(boolean json) {
        this.json = json;
    }

    /** A Markdown table filled row by row. */
    public static final class Table {
        private final String title;
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        public Table(String title, String... header) {
            this.title = title;
            this.header = header;
        }

        public void row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) r[i] = cell(cells[i]);
            rows.add(r);
        }

        private static String cell(Object o) {
            if (o instanceof Double d) return fmt(d);
            if (o instanceof Float f) return fmt(f);
            return String.valueOf(o);
        }

        public String render() {
            StringBuilder b = new StringBuilder("\n### ").append(title).append("\n\n|");
            for (String h : header) b.append(' ').append(h).append(" |");
            b.append("\n|");
            b.append("---|".repeat(header.length));
            for (String[] r : rows) {
                b.append("\n|");
                for (String c : r) b.append(' ').append(c).append(" |");
            }
            return b.append('\n').toString();
        }
    }

    public void print(Table t) {
        System.out.print(t.render());
        System.out.flush();
    }

    /** A JSON object built in insertion order. */
    public static final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        public Line put(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public Line timing(Timing.Stats s) {
            return put("min_ms", s.min()).put("median_ms", s.median()).put("rounds", s.sortedMs().length).put("reps", s.reps());
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("{\"bench\":\"einsum\"");
            for (var e : fields.entrySet()) {
                b.append(",\"").append(e.getKey()).append("\":");
                Object v = e.getValue();
                if (v == null) b.append("null");
                else if (v instanceof Double d) b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
                else if (v instanceof Number || v instanceof Boolean) b.append(v);
                else b.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return b.append('}').toString();
        }
    }

    public static Line line(String section, String workload, String op, String impl) {
        return new Line().put("section", section).put("workload", workload).put("op", op).put("impl", impl);
    }

    public void emit(Line l) {
        if (json) {
            System.out.println(l);
            System.out.flush();
        }
    }

    public static String fmt(double v) {
        if (!Double.isFinite(v)) return "-";
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 0.1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.2g", v);
    }

    /** Effective GFLOP/s for {@code flops} floating-point operations in {@code ms}. */
    public static double gflops(double flops, double ms) {
        return flops / ms / 1e6;
    }
}
