package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.MatrixMarket;
import dev.sieve.io.Npy;
import dev.sieve.ops.MatMul;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve einsum} and {@code sieve bench einsum}. */
class EinsumCommandTest {
    @TempDir
    static Path tmp;

    static Tensor a, b;
    static Path aNpy, aMtx, bNpy;

    @BeforeAll
    static void inputs() throws IOException {
        a = Tensor.randn(1, 9, 7);
        for (int i = 0; i < a.size(); i++) if (i % 3 != 0) a.data()[i] = 0f;
        b = Tensor.randn(2, 7, 5);
        aNpy = tmp.resolve("a.npy");
        aMtx = tmp.resolve("a.mtx");
        bNpy = tmp.resolve("b.npy");
        Npy.write(aNpy, a);
        MatrixMarket.write(aMtx, CooMatrix.fromDense(a));
        Npy.write(bNpy, b);
    }

    static void assertClose(Tensor want, Tensor got) {
        assertEquals(want.shape(), got.shape());
        for (int i = 0; i < want.size(); i++) assertEquals(want.data()[want.offset() + i], got.data()[got.offset() + i], 1e-4, "element " + i);
    }

    @Test
    void einsumAndIndexNotationWithFormatsGiveTheProduct() throws IOException {
        Path out = tmp.resolve("c.npy");
        CliRunner r = CliRunner.run("einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "--format", "A=csr", "--threads", "2", "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("A = " + aNpy + " [9, 7] as ds"), r.out());
        assertClose(MatMul.matmul(a, b), Npy.read(out).toTensor());

        Path out2 = tmp.resolve("c2.npy");
        CliRunner s = CliRunner.run("einsum", "C(i,j) = A(i,k) * B(k,j) - 2 * A2(i,k) * B(k,j)", aMtx.toString(), bNpy.toString(), aNpy.toString(),
                "--format", "A2=uq", "-o", out2.toString(), "--show-code");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().contains("package dev.sieve.compile.generated;"), "--show-code prints the source");
        Tensor minusOne = MatMul.matmul(a, b);
        for (int i = 0; i < minusOne.size(); i++) minusOne.data()[i] = -minusOne.data()[i];
        assertClose(minusOne, Npy.read(out2).toTensor());
    }

    @Test
    void threeDimensionalInputsInCsfContract() throws IOException {
        Tensor t = Tensor.randn(5, 4, 6, 3);
        for (int i = 0; i < t.size(); i++) if (i % 4 != 0) t.data()[i] = 0f;
        Tensor m = Tensor.randn(6, 6, 3, 2);
        Path tf = tmp.resolve("t3.npy"), mf = tmp.resolve("m3.npy"), out = tmp.resolve("c3.npy");
        Npy.write(tf, t);
        Npy.write(mf, m);
        CliRunner r = CliRunner.run("einsum", "C(i,l) = T(i,j,k) * M(j,k,l)", tf.toString(), mf.toString(), "--format", "T=csf",
                "--format", "M=dss:2,0,1", "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("T = " + tf + " [4, 6, 3] as sss"), r.out());
        Tensor got = Npy.read(out).toTensor();
        for (int i = 0; i < 4; i++) {
            for (int l = 0; l < 2; l++) {
                double want = 0;
                for (int j = 0; j < 6; j++) for (int k = 0; k < 3; k++) want += t.get(i, j, k) * m.get(j, k, l);
                assertEquals(want, got.get(i, l), 1e-4, "(" + i + ", " + l + ")");
            }
        }
    }

    @Test
    void aMtxOutputIsSparse() throws IOException {
        Path out = tmp.resolve("h.mtx");
        CliRunner r = CliRunner.run("einsum", "C(i,j) = A(i,j) * A(i,j)", aMtx.toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        CooMatrix c = MatrixMarket.read(out).toCoo();
        assertEquals(CooMatrix.fromDense(a).nnz(), c.nnz());
        Tensor sq = a.copy();
        for (int i = 0; i < sq.size(); i++) sq.data()[i] *= sq.data()[i];
        assertClose(sq, c.toDense());
    }

    @Test
    void badExpressionsFormatsAndFilesAreOneLineErrorsWithoutOutput() {
        Path out = tmp.resolve("never.npy");
        String[][] usage = {
            {"einsum", "ik,kq->ij", aNpy.toString(), bNpy.toString(), "-o", out.toString()},          // j not on the right
            {"einsum", "ik,kj->ij", aNpy.toString(), "-o", out.toString()},                             // one input short
            {"einsum", "ik,kj->ij", aNpy.toString(), aNpy.toString(), "-o", out.toString()},            // k is 7 and 9
            {"einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "--format", "A=xyz", "-o", out.toString()},
            {"einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "--format", "Q=ds", "-o", out.toString()},
            {"einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "--format", "A=dss", "-o", out.toString()},
            {"einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "-o", tmp.resolve("c.txt").toString()},
            {"einsum", "ik,kj->ij", aNpy.toString(), bNpy.toString(), "--schedule", "order=i,,j", "-o", out.toString()},
            {"einsum", "C(i,j) = A(i,k * B(k,j)", aNpy.toString(), bNpy.toString(), "-o", out.toString()},
        };
        for (String[] args : usage) {
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("sieve: error: "), r.err());
        }
        CliRunner missing = CliRunner.run("einsum", "ik,kj->ij", tmp.resolve("none.npy").toString(), bNpy.toString(), "-o", out.toString());
        assertEquals(1, missing.status(), missing.err());
        assertTrue(missing.err().startsWith("sieve: error: " + tmp.resolve("none.npy") + ": "), missing.err());
        CliRunner rank = CliRunner.run("einsum", "i,i->", bNpy.toString(), bNpy.toString(), "-o", out.toString());
        assertEquals(1, rank.status(), rank.err());
        assertFalse(Files.exists(out), "no partial output");
    }

    @Test
    void benchEinsumEndsWithTheJsonLine() {
        CliRunner r = CliRunner.run("bench", "einsum", "ik,kj->ij", aMtx.toString(), bNpy.toString(), "--threads", "1", "--warmup", "1",
                "--iterations", "3", "--json");
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"op\":\"einsum\",\"expr\":\"out(i,j) = A(i,k) * B(k,j)\",\"threads\":1,\"min_ms\":"), json);
        assertTrue(json.matches(".*\"median_ms\":[0-9.e-]+,\"compile_ms\":[0-9.e-]+,.*"), json);
        assertTrue(json.contains("\"formats\":\"A=ds,B=dd\""), json);
    }
}
