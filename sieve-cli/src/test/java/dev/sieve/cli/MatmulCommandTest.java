package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.Npy;
import dev.sieve.ops.MatMul;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatmulCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, Tensor t) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, t);
        return p;
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape());
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-4f * Math.max(1, Math.abs(e[i])), "element " + i);
    }

    @Test
    void mtxTimesNpyInEveryLayout() throws IOException {
        Path a = dir.resolve("a.mtx");
        Files.writeString(a, "%%MatrixMarket matrix coordinate real general\n4 8 5\n1 1 2.0\n1 6 -1.0\n2 3 0.5\n4 8 3.0\n4 2 1.5\n");
        Tensor ad = Tensor.zeros(4, 8);
        ad.set(2f, 0, 0); ad.set(-1f, 0, 5); ad.set(0.5f, 1, 2); ad.set(3f, 3, 7); ad.set(1.5f, 3, 1);
        Tensor b = Tensor.randn(3, 8, 5);
        Path bp = write("b.npy", b);
        for (String layout : new String[] {"csr", "coo", "csc", "dense", "masked", "bsr:2x2", "tw:2"}) {
            Path out = dir.resolve("c-" + layout.replace(':', '_') + ".npy");
            CliRunner r = CliRunner.run("matmul", a.toString(), bp.toString(), "-o", out.toString(), "--layout", layout);
            assertEquals(0, r.status(), layout + ": " + r.err());
            assertTrue(r.out().contains("5 nonzeros"), r.out());
            assertFalse(r.out().contains("dropped"), r.out());
            assertClose(MatMul.matmul(ad, b), Npy.read(out).toTensor());
        }
    }

    @Test
    void exactTwoFourMatrixLosesNothingAsNmAndOtherMatricesSayWhatWasDropped() throws IOException {
        Tensor a = Tensor.of(new float[] {1, 0, 2, 0, 0, 3, 0, 4, 5, 6, 0, 0, 0, 0, 7, 8}, 2, 8);
        Tensor b = Tensor.randn(1, 8, 3);
        Path ap = write("a.npy", a), bp = write("b.npy", b), out = dir.resolve("c.npy");
        CliRunner exact = CliRunner.run("matmul", ap.toString(), bp.toString(), "-o", out.toString(), "--layout", "nm:2:4");
        assertEquals(0, exact.status(), exact.err());
        assertFalse(exact.out().contains("dropped"), exact.out());
        assertClose(MatMul.matmul(a, b), Npy.read(out).toTensor());

        Tensor dense = Tensor.full(1f, 2, 8);
        CliRunner lossy = CliRunner.run("matmul", write("d.npy", dense).toString(), bp.toString(), "-o", out.toString(), "--layout", "nm:2:4");
        assertEquals(0, lossy.status(), lossy.err());
        assertTrue(lossy.out().contains("8 dropped by the nm:2:4 sparsifier"), lossy.out());
    }

    @Test
    void badInputsFollowTheErrorContract() throws IOException {
        Path a = write("a.npy", Tensor.randn(1, 3, 4)), b = write("b.npy", Tensor.randn(2, 5, 2));
        Path out = dir.resolve("c.npy");
        CliRunner mismatch = CliRunner.run("matmul", a.toString(), b.toString(), "-o", out.toString());
        assertEquals(1, mismatch.status());
        assertTrue(mismatch.err().startsWith("sieve: error: " + b + ": has shape [5, 2]"), mismatch.err());
        assertFalse(Files.exists(out), "no output on failure");

        assertEquals(2, CliRunner.run("matmul", a.toString(), b.toString(), "-o", out.toString(), "--layout", "zigzag").status());
        assertEquals(2, CliRunner.run("matmul", a.toString(), b.toString(), "-o", dir.resolve("c.txt").toString()).status());
        assertEquals(2, CliRunner.run("matmul", a.toString(), b.toString(), "-o", out.toString(), "--layout", "nm:2:4", "--sparsity", "0.9").status());
        CliRunner missing = CliRunner.run("matmul", dir.resolve("nope.mtx").toString(), b.toString(), "-o", out.toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void benchSpmmEndsWithTheDocumentedJson() {
        CliRunner r = CliRunner.run("bench", "spmm", "--m", "64", "--k", "48", "--n", "16", "--sparsity", "0.75",
                "--layout", "csr", "--threads", "1", "--runs", "2", "--json");
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        for (String key : new String[] {"\"op\":\"spmm\"", "\"layout\":\"csr\"", "\"m\":64", "\"k\":48", "\"n\":16",
                "\"sparsity\":0.75", "\"threads\":1", "\"sparse_ms\":", "\"dense_ms\":", "\"sparse_gflops\":",
                "\"dense_gflops\":", "\"speedup\":"}) {
            assertTrue(json.contains(key), key + " missing in " + json);
        }
        assertEquals(2, CliRunner.run("bench", "spmm", "--m", "8", "--k", "8", "--n", "8", "--layout", "nm:2:4", "--sparsity", "0.9").status());
    }
}
