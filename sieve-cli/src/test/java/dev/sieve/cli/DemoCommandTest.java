package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve demo} end to end on the tiny dataset: train, cache, prune, measure, report. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsEndToEndThenReusesTheCachedModel() throws IOException {
        Path data = TinyFashionMnist.write(tmp.resolve("fmnist"));
        Path cache = tmp.resolve("cache"), report = tmp.resolve("report.html");
        String[] args = {"demo", "--data", data.toString(), "--cache", cache.toString(), "--report", report.toString(),
                "--threads", "2", "--json"};
        CliRunner first = CliRunner.run(args);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("[1/4] training the dense model"), first.out());
        assertTrue(first.out().contains("after / before"), first.out());
        assertTrue(first.out().contains("fc1.weight"), first.out());
        String json = first.lastLine();
        assertTrue(json.startsWith("{\"model\":\"mlp\",\"sparsity\":0.9"), json);
        for (String key : new String[] {"dense_accuracy", "test_accuracy", "p50_us", "p95_us", "images_per_s", "bytes"})
            assertTrue(json.contains("\"" + key + "\":"), key + " in " + json);
        String html = Files.readString(report);
        assertEquals(3, html.split("data:image/png;base64,", -1).length - 1, "three charts");
        assertTrue(html.contains("<th>p50 latency</th>"), "the before/after table");

        CliRunner second = CliRunner.run(args);
        assertEquals(0, second.status(), second.err());
        assertTrue(second.out().contains("[1/4] dense model from the cache"), second.out());
        assertFalse(second.out().contains("dense 1/5"), "no retraining");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, CliRunner.run("demo", "--sparsity", "1").status());
        assertEquals(2, CliRunner.run("demo", "--layout", "nm:2:4").status());
        assertEquals(2, CliRunner.run("demo", "--method", "coin").status());
    }
}
