package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
        dataDir = TinyFashionMnist.write(tmp.resolve("fmnist"));
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

    static List<String> models() {
        return dev.sieve.models.ReferenceModels.names();
    }

    /** Every reference model trains from the CLI, saves a checkpoint, and sieve run applies it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("models")
    void everyModelTrainsSavesAndRuns(String model) throws IOException {
        Path ckpt = tmp.resolve(model + "-any.safetensors");
        CliRunner r = CliRunner.run("train", "--model", model, "--epochs", "1", "--batch", "32", "--threads", "2",
                "--data", dataDir.toString(), "-o", ckpt.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.lastLine().startsWith("{\"model\":\"" + model + "\",\"epochs\":1,"), r.lastLine());
        Path in = tmp.resolve(model + "-in.npy");
        dev.sieve.io.Npy.write(in, dev.sieve.tensor.Tensor.uniform(1, 0f, 1f, 3, 28, 28));
        Path out = tmp.resolve(model + "-out.npy");
        CliRunner run = CliRunner.run("run", ckpt.toString(), "--input", "input=" + in, "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(3, 10), java.util.Arrays.stream(dev.sieve.io.Npy.read(out).toTensor().dims()).boxed().toList());
    }

    @Test
    void pruneToReachesTheSparsityAndStoresTheLayout() throws IOException {
        Path ckpt = tmp.resolve("mlp-pruned.safetensors");
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--batch", "16", "--threads", "1",
                "--prune-to", "0.75", "--layout", "csr", "--method", "taylor", "--schedule", "cubic",
                "--prune-epochs", "2", "--finetune-epochs", "1", "--data", dataDir.toString(), "-o", ckpt.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("prune 3/3"), r.out());
        String json = r.lastLine();
        assertTrue(json.matches(".*\"sparsity\":0\\.7[45][0-9]*,.*"), json);
        assertTrue(json.contains("\"dense_accuracy\":") && json.contains("\"layout\":\"csr\"") && json.contains("\"method\":\"taylor\""), json);
        try (Safetensors st = Safetensors.open(ckpt)) {
            assertTrue(st.names().contains("fc1.weight.crow_indices"), st.names().toString());
            assertTrue(st.metadata().get("fc2.weight").contains("csr"));
        }
        for (String[] variant : new String[][] {{"nm:2:4", "0.5", "stages", "magnitude"}, {"tw:16", "0.75", "oneshot", "movement"},
                {"bsr:4x4", "0.5", "cubic", "wanda"}}) {
            CliRunner v = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--batch", "32", "--threads", "2",
                    "--prune-to", variant[1], "--layout", variant[0], "--schedule", variant[2], "--method", variant[3],
                    "--prune-epochs", "1", "--finetune-epochs", "0", "--data", dataDir.toString(), "--json");
            assertEquals(0, v.status(), String.join(" ", variant) + ": " + v.err());
            assertTrue(v.lastLine().contains("\"layout\":\"" + variant[0] + "\""), v.lastLine());
        }
    }

    @Test
    void initStartsFromACheckpointAndPrunesWithoutDenseEpochs() throws IOException {
        Path dense = tmp.resolve("cnn-dense.safetensors");
        String d = dataDir.toString();
        CliRunner t = CliRunner.run("train", "--model", "cnn", "--epochs", "1", "--batch", "32", "--threads", "2", "--data", d, "-o", dense.toString(), "--json");
        assertEquals(0, t.status(), t.err());
        String trained = t.lastLine().replaceAll(".*\"test_accuracy\":([^,]+),.*", "$1");
        CliRunner r = CliRunner.run("train", "--model", "cnn", "--init", dense.toString(), "--epochs", "0", "--batch", "32", "--threads", "2",
                "--prune-to", "0.75", "--method", "wanda", "--global", "--prune-epochs", "1", "--finetune-epochs", "0", "--data", d, "--json");
        assertEquals(0, r.status(), r.err());
        String json = r.lastLine();
        // The dense accuracy is the checkpoint's own: no dense epoch ran.
        assertTrue(json.contains("\"dense_accuracy\":" + trained + ","), trained + " vs " + json);
        assertTrue(json.matches(".*\"dense_p50_us\":[0-9.e]+,\"p50_us\":[0-9.e]+.*"), json);
        assertTrue(json.contains("\"method\":\"wanda\""), json);
        assertTrue(r.out().contains("latency, one image on one thread: dense p50"), r.out());

        String[][] bad = {{"--model", "mlp"}, {"--model", "cnn", "--no-normalize"}};
        for (String[] b : bad) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--init", dense.toString(), "--epochs", "0", "--prune-to", "0.5", "--data", d));
            args.addAll(List.of(b));
            CliRunner e = CliRunner.run(args.toArray(String[]::new));
            assertEquals(1, e.status(), e.err());
            assertTrue(e.err().startsWith("sieve: error: " + dense + ": "), e.err());
        }
        CliRunner missing = CliRunner.run("train", "--model", "cnn", "--init", tmp.resolve("none.safetensors").toString(), "--data", d);
        assertEquals(1, missing.status(), missing.err());
    }

    @Test
    void badPruneOptionsAreBadUsage() {
        String d = dataDir.toString();
        String[][] bad = {
            {"--prune-to", "1.5"}, {"--prune-to", "0.9", "--layout", "nm:2:4"}, {"--prune-to", "0.9", "--method", "oracle"},
            {"--prune-to", "0.9", "--schedule", "linear"}, {"--prune-to", "0.5", "--layout", "nm:2:4", "--global"},
            {"--prune-to", "0.9", "--layout", "dense"}, {"--prune-to", "0.9", "--prune-epochs", "0"},
        };
        for (String[] b : bad) {
            String[] args = new String[b.length + 5];
            System.arraycopy(new String[] {"train", "--model", "mlp", "--data", d}, 0, args, 0, 5);
            System.arraycopy(b, 0, args, 5, b.length);
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.status(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().startsWith("sieve: error: "), r.err());
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
    void badOptionsAreBadUsage() {
        CliRunner r = CliRunner.run("train", "--model", "resnet", "--data", dataDir.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("sieve: error: "), r.err());
        assertTrue(r.err().contains("unknown model; choose one of mlp, cnn, lstm, transformer"), r.err());
        assertEquals(2, CliRunner.run("train", "--model", "mlp", "--lr-schedule", "warm", "--data", dataDir.toString()).status());
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
