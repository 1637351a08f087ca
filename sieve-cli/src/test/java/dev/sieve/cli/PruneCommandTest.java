package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.models.Checkpoints;
import dev.sieve.nn.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve prune}: one-shot pruning of a trained checkpoint with every method. */
class PruneCommandTest {
    @TempDir
    static Path tmp;

    static Path data, ckpt;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        data = TinyFashionMnist.write(tmp.resolve("fmnist"));
        ckpt = tmp.resolve("mlp.safetensors");
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--batch", "16", "--threads", "1",
                "--data", data.toString(), "-o", ckpt.toString());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void everyMethodPrunesAndTheCheckpointLoadsSparse() throws IOException {
        String[][] cases = {{"magnitude", "csr", "0.9"}, {"taylor", "csr", "0.75"}, {"movement", "bsr:2x2", "0.5"},
                {"wanda", "nm:2:4", "0.5"}, {"sparsegpt", "csr", "0.5"}, {"magnitude", "tw:16", "0.75"}};
        for (String[] c : cases) {
            Path out = tmp.resolve(c[0] + "-" + c[1].replace(':', '_') + ".safetensors");
            CliRunner r = CliRunner.run("prune", ckpt.toString(), "-o", out.toString(), "--sparsity", c[2], "--layout", c[1],
                    "--method", c[0], "--calib", "2", "--data", data.toString(), "--threads", "2", "--json");
            assertEquals(0, r.status(), String.join(" ", c) + ": " + r.err());
            String json = r.lastLine();
            assertTrue(json.startsWith("{\"model\":\"mlp\",\"method\":\"" + c[0] + "\",\"layout\":\"" + c[1] + "\",\"sparsity\":"), json);
            assertTrue(r.out().contains("fc1.weight"), "per-layer report: " + r.out());
            Checkpoints.Loaded loaded = Checkpoints.load(out);
            Linear fc1 = (Linear) loaded.model().namedModules().get("fc1");
            assertTrue(fc1.isSparse(), c[0]);
            assertEquals(c[1], fc1.sparseWeight().pattern().layout().toString());
            long nonzeros = 0;
            for (float v : fc1.denseWeight().toArray()) if (v != 0f) nonzeros++;
            assertTrue(nonzeros <= Math.round(300 * 784 * (1 - Double.parseDouble(c[2]))) + 1, c[0] + ": " + nonzeros + " nonzeros");
        }
    }

    @Test
    void badOptionsAndFilesAreReportedWithoutOutput() throws IOException {
        Path out = tmp.resolve("never.safetensors");
        String d = data.toString();
        assertEquals(2, CliRunner.run("prune", ckpt.toString(), "-o", out.toString(), "--sparsity", "1.2", "--data", d).status());
        assertEquals(2, CliRunner.run("prune", ckpt.toString(), "-o", out.toString(), "--sparsity", "0.9", "--layout", "nm:2:4", "--data", d).status());
        assertEquals(2, CliRunner.run("prune", ckpt.toString(), "-o", out.toString(), "--sparsity", "0.9", "--method", "random", "--data", d).status());
        assertEquals(2, CliRunner.run("prune", ckpt.toString(), "-o", tmp.resolve("x.npy").toString(), "--sparsity", "0.9", "--data", d).status());
        Path junk = tmp.resolve("junk.safetensors");
        Files.writeString(junk, "junk");
        CliRunner r = CliRunner.run("prune", junk.toString(), "-o", out.toString(), "--sparsity", "0.9", "--data", d);
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("sieve: error: " + junk + ": "), r.err());
        CliRunner noData = CliRunner.run("prune", ckpt.toString(), "-o", out.toString(), "--sparsity", "0.5", "--method", "wanda",
                "--data", tmp.resolve("nowhere").toString());
        assertEquals(1, noData.status(), noData.err());
        assertTrue(noData.err().contains("dataset-fashion-mnist"), noData.err());
        assertFalse(Files.exists(out));
    }
}
