package dev.sieve.bench.einsum;

import dev.sieve.io.MatrixMarket;
import dev.sieve.io.Npy;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The directory written by {@code scripts/einsum-workloads.py}: its {@code workloads.properties} and the
 * .mtx / .npy files it names, by the layout that script's docstring gives.
 */
public final class Workloads {
    private final Path dir;
    private final Properties props = new Properties();

    public Workloads(Path dir) {
        this.dir = dir;
        Path p = dir.resolve("workloads.properties");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(p + " does not exist; generate the workloads first: scripts/einsum-workloads.py " + dir);
        }
        try (Reader r = Files.newBufferedReader(p)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String get(String key) {
        String v = props.getProperty(key);
        if (v == null) throw new IllegalArgumentException("workloads.properties in " + dir + " has no " + key);
        return v;
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public List<String> list(String key) {
        return Arrays.asList(get(key).split(","));
    }

    public int[] ints(String key) {
        return Arrays.stream(get(key).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    public double[] doubles(String key) {
        return Arrays.stream(get(key).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** A coordinate .mtx as CSR (repeated positions summed). */
    public CsrMatrix csr(String relative) {
        try {
            return MatrixMarket.read(dir.resolve(relative)).toCoo().toCsr();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A float32 .npy, any rank. */
    public Tensor tensor(String relative) {
        try {
            return Npy.read(dir.resolve(relative)).toTensor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sparsity 0.9 as it appears in file names: "90". */
    public static String pct(double sparsity) {
        return Long.toString(Math.round(sparsity * 100));
    }
}
