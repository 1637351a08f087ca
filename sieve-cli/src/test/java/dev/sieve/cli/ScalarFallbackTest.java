package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without the Vector API module Sieve still works, on scalar kernels, and warns exactly once. */
class ScalarFallbackTest {
    @Test
    void warnsOnceAndRunsScalarWithoutTheVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "bench", "gemm", "--m", "5", "--k", "6", "--n", "7", "--runs", "1", "--threads", "1", "--json");
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "subprocess timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertTrue(out.contains("kernels=scalar"), out);
        long warnings = err.lines().filter(l -> l.startsWith("sieve: warning: ")).count();
        assertEquals(1, warnings, err);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
    }
}
