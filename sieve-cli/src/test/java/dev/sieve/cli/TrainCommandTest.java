package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.Safetensors;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve train} on a tiny synthetic Fashion-MNIST-shaped dataset. */
class TrainCommandTest {
    @TempDir
    static Path tmp;

    static Path dataDir;

    @BeforeAll
    static void writeDataset() throws IOException {
        dataDir = tmp.resolve("fmnist");
        Files.createDirectories(dataDir);
        writeSplit(dataDir, "train", 64, 1, false);   // plain IDX
        writeSplit(dataDir, "t10k", 32, 2, true);     // gzip, as Debian ships them
    }

    /** Class c lights up row block c of the image, plus noise: learnable, but tiny. */
    private static void writeSplit(Path dir, String prefix, int n, long seed, boolean gzip) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] images = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = (row / 3 == c ? 200 : 0) + r.nextInt(40);
                images[i * 784 + p] = (byte) v;
            }
        }
        String suffix = gzip ? ".gz" : "";
        try (DataOutputStream out = open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip)) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(images);
        }
        try (DataOutputStream out = open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip)) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels);
        }
    }

    private static DataOutputStream open(Path p, boolean gzip) throws IOException {
        OutputStream os = Files.newOutputStream(p);
        return new DataOutputStream(gzip ? new GZIPOutputStream(os) : os);
    }

    @Test
    void trainsOneEpochWritesCheckpointAndEndsWithJson() throws IOException {
        Path ckpt = tmp.resolve("mlp.safetensors");
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--batch", "16", "--threads", "1",
                "--data", dataDir.toString(), "-o", ckpt.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("epoch 1/1"), r.out());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"model\":\"mlp\",\"epochs\":1,\"test_accuracy\":"), json);
        assertTrue(json.matches(".*\"test_accuracy\":(0|1|0\\.[0-9]+|[0-9.e-]+),.*"), json);
        assertTrue(json.matches(".*\"epoch_seconds\":[0-9.e-]+,.*"), json);
        assertTrue(json.matches(".*\"train_loss\":[0-9.e-]+,.*"), json);
        assertTrue(json.contains("\"threads\":1"), json);
        assertTrue(json.endsWith("\"normalize\":true}"), json);
        assertFalse(r.err().contains("epoch 1"), "no progress bar with --json: " + r.err());
        try (Safetensors st = Safetensors.open(ckpt)) {
            assertEquals(List.of("fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight", "fc3.bias", "fc3.weight"), List.copyOf(st.names()));
            assertEquals(300 * 784, st.tensor("fc1.weight").size());
            assertEquals(10, st.tensor("fc3.bias").size());
        }
    }

    @Test
    void sameSeedGivesSameResult() {
        String[] args = {"train", "--model", "mlp", "--epochs", "2", "--batch", "32", "--threads", "2", "--seed", "7",
                "--data", dataDir.toString(), "--json"};
        CliRunner a = CliRunner.run(args), b = CliRunner.run(args);
        assertEquals(0, a.status(), a.err());
        String ja = a.lastLine().replaceAll("\"epoch_seconds\":[^,]+,", "");
        String jb = b.lastLine().replaceAll("\"epoch_seconds\":[^,]+,", "");
        assertEquals(ja, jb);
    }

    @Test
    void noNormalizeIsReported() {
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--threads", "1", "--no-normalize",
                "--data", dataDir.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.lastLine().endsWith("\"normalize\":false}"), r.lastLine());
    }

    @Test
    void futureModelsAreBadUsage() {
        for (String m : new String[] {"cnn", "lstm", "transformer"}) {
            CliRunner r = CliRunner.run("train", "--model", m, "--data", dataDir.toString());
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("sieve: error: "), r.err());
            assertTrue(r.err().contains("not available yet: only mlp"), r.err());
        }
        assertEquals(2, CliRunner.run("train", "--model", "resnet", "--data", dataDir.toString()).status());
        assertEquals(2, CliRunner.run("train", "--model", "mlp", "--epochs", "0", "--data", dataDir.toString()).status());
        assertEquals(2, CliRunner.run("train", "--model", "mlp", "--lr", "-1", "--data", dataDir.toString()).status());
    }

    @Test
    void missingDatasetIsOneLineNamingThePackage() {
        Path missing = tmp.resolve("no-such-dir");
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--data", missing.toString());
        assertEquals(1, r.status(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("sieve: error: " + missing + ": "), err);
        assertTrue(err.contains("dataset-fashion-mnist"), err);
        assertTrue(err.contains("scripts/fetch-fashion-mnist"), err);
    }
}
