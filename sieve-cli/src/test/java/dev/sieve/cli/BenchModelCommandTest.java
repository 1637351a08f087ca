package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code sieve bench model} on the small bert-tiny: output, JSON last line, profile, and usage errors. */
class BenchModelCommandTest {
    @Test
    void denseEndsWithOneJsonLine() {
        CliRunner r = CliRunner.run("bench", "model", "--model", "bert-tiny", "--seq", "4", "--batch", "2", "--threads", "1",
                "--warmup", "0", "--iterations", "1", "--profile", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("min ") && r.out().contains("median "), r.out());
        assertTrue(r.out().contains("ffn1") && r.out().contains("attention"), r.out());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"model\":\"bert-tiny\",\"seq\":4,\"batch\":2,\"layout\":\"dense\",\"sparsity\":0,\"threads\":1,"), json);
        assertTrue(json.matches(".*\"min_ms\":[0-9.e-]+,\"median_ms\":[0-9.e-]+}"), json);
    }

    @Test
    void sparseLayoutsReportTheirSparsity() {
        CliRunner r = CliRunner.run("bench", "model", "--model", "bert-tiny", "--seq", "4", "--layout", "csr", "--sparsity", "0.9",
                "--threads", "2", "--warmup", "0", "--iterations", "1", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.lastLine().matches(".*\"layout\":\"csr\",\"sparsity\":0\\.(9|8999)[0-9]*,.*"), r.lastLine());
        CliRunner nm = CliRunner.run("bench", "model", "--model", "bert-tiny", "--seq", "2", "--layout", "nm:2:4", "--warmup", "0",
                "--iterations", "1", "--json");
        assertEquals(0, nm.status(), nm.err());
        assertTrue(nm.lastLine().contains("\"layout\":\"nm:2:4\",\"sparsity\":0.5,"), nm.lastLine());
    }

    @Test
    void badUsageExitsTwo() {
        String[][] cases = {
            {"bench", "model", "--model", "gpt-9"},
            {"bench", "model", "--model", "bert-tiny", "--seq", "0"},
            {"bench", "model", "--model", "bert-tiny", "--iterations", "0"},
            {"bench", "model", "--model", "bert-tiny", "--layout", "zigzag"},
            {"bench", "model", "--model", "bert-tiny", "--layout", "nm:2:4", "--sparsity", "0.9"},
            {"bench", "model", "--model", "bert-tiny", "--sparsity", "0.5"},
            {"bench", "model", "--model", "bert-tiny", "--layout", "csr", "--sparsity", "1.5"},
        };
        for (String[] args : cases) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("sieve: error: "), r.err());
        }
    }
}
