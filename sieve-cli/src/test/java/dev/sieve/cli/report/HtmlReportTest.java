package dev.sieve.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void embedsChartsAsPngAndEscapesText() throws IOException {
        LineChart chart = new LineChart("accuracy vs sparsity", "sparsity (%)", "accuracy (%)")
                .add(new LineChart.Series("mlp", new double[] {0, 50, 90}, new double[] {89, 88.9, 88.5}));
        HtmlReport r = new HtmlReport("Sieve <demo>").heading("a & b").paragraph("x < y")
                .table(List.of(List.of("model", "accuracy"), List.of("dense", "89.0%"))).chart(chart);
        Path out = tmp.resolve("report.html");
        r.write(out);
        String html = Files.readString(out);
        assertTrue(html.contains("<title>Sieve &lt;demo&gt;</title>"), html);
        assertTrue(html.contains("<h2>a &amp; b</h2>") && html.contains("<p>x &lt; y</p>"));
        assertTrue(html.contains("<th>model</th><th>accuracy</th></tr><tr><td>dense</td><td>89.0%</td>"));
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertTrue(m.find(), "an embedded PNG");
        byte[] png = Base64.getDecoder().decode(m.group(1));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(png.length > 2000, "a real image: " + png.length + " bytes");
        assertEquals(1, Files.list(tmp).count(), "no temporary files left");
    }

    @Test
    void seriesLengthsMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> new LineChart.Series("s", new double[] {1, 2}, new double[] {1}));
    }
}
