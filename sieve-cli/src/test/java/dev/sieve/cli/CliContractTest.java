package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The command-line contract of DESIGN.md: exit codes, one-line errors, JSON last lines. */
class CliContractTest {
    @Test
    void versionNamesSieveJavaAndKernels() {
        CliRunner r = CliRunner.run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("sieve "), r.out());
        assertTrue(r.out().contains("kernels: "), r.out());
    }

    @Test
    void unknownCommandIsBadUsage() {
        CliRunner r = CliRunner.run("frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("sieve: error: "), r.err());
    }

    @Test
    void badOptionValueIsBadUsage() {
        CliRunner r = CliRunner.run("bench", "gemm", "--m", "x", "--k", "2", "--n", "2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'x' is not an int"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void missingRequiredOptionIsBadUsage() {
        assertEquals(2, CliRunner.run("bench", "gemm", "--m", "4").status());
        assertEquals(2, CliRunner.run("bench", "gemm", "--m", "4", "--k", "4", "--n", "4", "--threads", "0").status());
    }

    @Test
    void benchGemmEndsWithOneJsonLine() {
        CliRunner r = CliRunner.run("bench", "gemm", "--m", "3", "--k", "5", "--n", "7", "--threads", "1", "--runs", "2", "--json");
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"op\":\"gemm\",\"m\":3,\"k\":5,\"n\":7,"), json);
        assertTrue(json.contains("\"threads\":1"), json);
        assertTrue(json.matches(".*\"ms\":[0-9.e-]+.*\"gflops\":[0-9.e-]+}"), json);
    }
}
