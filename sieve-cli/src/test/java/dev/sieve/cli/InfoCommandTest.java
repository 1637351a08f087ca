package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.MatrixMarket;
import dev.sieve.io.Npy;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void describesNpyWithNnzAndSparsity() throws IOException {
        Path f = dir.resolve("w.npy");
        Npy.write(f, Tensor.of(new float[] {0, 1, 0, 2, 0, 0}, 2, 3));
        CliRunner r = CliRunner.run("info", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("shape     [2, 3]"), r.out());
        assertTrue(r.out().contains("float32"), r.out());
        String json = r.lastLine();
        assertTrue(json.contains("\"nnz\":2"), json);
        assertTrue(json.contains("\"sparsity\":0.666667"), json);
        assertTrue(json.contains("\"layout\":\"dense\""), json);
    }

    @Test
    void describesMtxWithMirroredSymmetricEntries() throws IOException {
        Path f = dir.resolve("s.mtx");
        Files.writeString(f, "%%MatrixMarket matrix coordinate real symmetric\n% comment\n3 3 2\n1 1 4.0\n3 1 2.5\n");
        CliRunner r = CliRunner.run("info", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        assertTrue(json.contains("\"nnz\":3"), json);         // (1,1), (3,1) and its mirror (1,3)
        assertTrue(json.contains("\"symmetry\":\"symmetric\""), json);
        assertTrue(json.contains("\"layout\":\"coo\""), json);
    }

    @Test
    void roundTripsWrittenMtx() throws IOException {
        Path f = dir.resolve("g.mtx");
        MatrixMarket.write(f, new CooMatrix(4, 5, new int[] {0, 3}, new int[] {4, 0}, new float[] {1.5f, -2f}));
        CliRunner r = CliRunner.run("info", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.lastLine().contains("\"shape\":\"[4, 5]\""), r.lastLine());
        assertTrue(r.lastLine().contains("\"nnz\":2"), r.lastLine());
    }

    @Test
    void describesSafetensorsWithSparseMatrices() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        dev.sieve.io.Safetensors.Builder b = dev.sieve.io.Safetensors.builder().put("bias", Tensor.zeros(4));
        dev.sieve.io.SafetensorsSparse.put(b, "W", dev.sieve.sparse.CsrMatrix.fromDense(Tensor.of(new float[] {0, 1, 0, 2, 0, 0, 3, 0}, 2, 4)));
        b.write(f);
        CliRunner r = CliRunner.run("info", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("W") && r.out().contains("csr") && r.out().contains("nnz 3"), r.out());
        assertTrue(r.out().contains("W.crow_indices"), r.out());
        assertTrue(r.lastLine().contains("\"sparse_matrices\":1"), r.lastLine());
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        CliRunner e = CliRunner.run("info", bad.toString());
        assertEquals(1, e.status());
        assertTrue(e.err().startsWith("sieve: error: " + bad + ": "), e.err());
    }

    @Test
    void malformedFilesGiveOneLineErrorAndStatusOne() throws IOException {
        Path badNpy = dir.resolve("bad.npy");
        Files.write(badNpy, "not numpy at all".getBytes(StandardCharsets.US_ASCII));
        Path lying = dir.resolve("lying.mtx");
        Files.writeString(lying, "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n");
        Path unknown = dir.resolve("x.csv");
        Files.writeString(unknown, "1,2\n");
        for (Path p : new Path[] {badNpy, lying, unknown, dir.resolve("missing.npy"), dir}) {
            CliRunner r = CliRunner.run("info", p.toString());
            assertEquals(1, r.status(), p + ": " + r.err());
            String[] lines = r.err().strip().split("\n");
            assertEquals(1, lines.length, r.err());
            assertTrue(lines[0].startsWith("sieve: error: " + p + ": "), lines[0]);
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void debugAddsStackTrace() throws IOException {
        Path badNpy = dir.resolve("bad.npy");
        Files.write(badNpy, new byte[] {1, 2, 3});
        CliRunner r = CliRunner.run("--debug", "info", badNpy.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
