package dev.sieve.cli.report;

import dev.sieve.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML report: headings, paragraphs, tables and charts (PNG embedded as data URIs), so
 * the one file can be opened or mailed without its neighbours. Written atomically.
 */
public final class HtmlReport {
    private final String title;
    private final List<String> body = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.add("<h2>" + escape(text) + "</h2>");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.add("<p>" + escape(text) + "</p>");
        return this;
    }

    /** A table whose first row is the header. */
    public HtmlReport table(List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table>");
        for (int r = 0; r < rows.size(); r++) {
            b.append("<tr>");
            String cell = r == 0 ? "th" : "td";
            for (String c : rows.get(r)) b.append('<').append(cell).append('>').append(escape(c)).append("</").append(cell).append('>');
            b.append("</tr>");
        }
        body.add(b.append("</table>").toString());
        return this;
    }

    public HtmlReport chart(LineChart chart) throws IOException {
        String data = Base64.getEncoder().encodeToString(chart.png(720, 420));
        body.add("<figure><img alt=\"" + escape(chart.title()) + "\" src=\"data:image/png;base64," + data + "\"></figure>");
        return this;
    }

    public String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .7em;text-align:right}")
                .append("th{background:#eee}td:first-child,th:first-child{text-align:left}img{max-width:100%}</style>\n")
                .append("</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (String part : body) b.append(part).append('\n');
        return b.append("</body></html>\n").toString();
    }

    public void write(Path path) throws IOException {
        AtomicFiles.write(path, html().getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
