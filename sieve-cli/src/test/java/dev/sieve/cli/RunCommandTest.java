package dev.sieve.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.io.Npy;
import dev.sieve.io.Safetensors;
import dev.sieve.models.Checkpoints;
import dev.sieve.models.Mlp;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sieve run}: a checkpoint from {@code sieve train} applied to .npy inputs. */
class RunCommandTest {
    @TempDir
    static Path tmp;

    static Path ckpt;

    @BeforeAll
    static void trainTinyModel() throws IOException {
        Path data = TinyFashionMnist.write(tmp.resolve("fmnist"));
        ckpt = tmp.resolve("mlp.safetensors");
        CliRunner r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--batch", "16", "--threads", "1",
                "--data", data.toString(), "-o", ckpt.toString());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void logitsMatchTheModelInEveryInputShape() throws IOException {
        Tensor images = Tensor.uniform(3, 0f, 1f, 5, 28, 28);
        Checkpoints.Loaded loaded = Checkpoints.load(ckpt);
        assertEquals("mlp", loaded.reference().name());
        Tensor expected;
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor standardised = images.copy().reshape(5, Mlp.IN).sub(0.2860f).div(0.3530f);
            expected = loaded.model().forward(Variable.constant(standardised)).value();
        }
        for (int[] shape : new int[][] {{5, 28, 28}, {5, 1, 28, 28}, {5, 784}}) {
            Path in = tmp.resolve("in" + shape.length + ".npy");
            Npy.write(in, images.copy().reshape(shape));
            Path out = tmp.resolve("out" + shape.length + ".npy");
            CliRunner r = CliRunner.run("run", ckpt.toString(), "--input", "input=" + in, "-o", out.toString(), "--batch", "2");
            assertEquals(0, r.status(), r.err());
            Tensor got = Npy.read(out).toTensor();
            assertArrayEquals(new int[] {5, 10}, got.dims());
            float[] e = expected.toArray(), g = got.toArray();
            for (int i = 0; i < e.length; i++) assertEquals(e[i], g[i], 1e-4f * Math.max(1f, Math.abs(e[i])), "logit " + i);
        }
    }

    @Test
    void oneImageIsABatchOfOne() throws IOException {
        Path in = tmp.resolve("one.npy");
        Npy.write(in, Tensor.uniform(4, 0f, 1f, 28, 28));
        Path out = tmp.resolve("one-out.npy");
        CliRunner r = CliRunner.run("run", ckpt.toString(), "--input", "input=" + in, "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(new int[] {1, 10}, Npy.read(out).toTensor().dims());
    }

    @Test
    void badInputsAreOneLineAndWriteNothing() throws IOException {
        Path good = tmp.resolve("good.npy");
        Npy.write(good, Tensor.zeros(2, 784));
        Path wrongShape = tmp.resolve("wrong.npy");
        Npy.write(wrongShape, Tensor.zeros(2, 100));
        Path noModel = tmp.resolve("nomodel.safetensors");
        Safetensors.write(noModel, Map.of("w", Tensor.zeros(2)), Map.of());
        Path otherModel = tmp.resolve("other.safetensors");
        Safetensors.write(otherModel, Map.of("w", Tensor.zeros(2)), Map.of("model", "mlp"));
        Path garbage = tmp.resolve("garbage.safetensors");
        Files.writeString(garbage, "not a checkpoint");
        Path out = tmp.resolve("never.npy");

        String[][] cases = {
            {ckpt.toString(), "input=" + wrongShape, "is not a batch of examples"},
            {noModel.toString(), "input=" + good, "not a Sieve reference-model checkpoint"},
            {otherModel.toString(), "input=" + good, "does not fit model mlp"},
            {garbage.toString(), "input=" + good, garbage.toString()},
            {tmp.resolve("missing.safetensors").toString(), "input=" + good, "no such file"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("run", c[0], "--input", c[1], "-o", out.toString());
            assertEquals(1, r.status(), c[2] + ": " + r.err());
            String err = r.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.startsWith("sieve: error: "), err);
            assertTrue(err.contains(c[2]), err);
            assertFalse(Files.exists(out), "no output for " + c[2]);
        }
        assertEquals(2, CliRunner.run("run", ckpt.toString(), "--input", "x=" + good, "-o", out.toString()).status());
        assertEquals(2, CliRunner.run("run", ckpt.toString(), "--input", "input=" + good, "-o", tmp.resolve("o.txt").toString()).status());
        assertFalse(Files.exists(out));
    }
}
