package dev.sieve.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** A tiny, learnable Fashion-MNIST-shaped dataset (64 train, 32 test images) in IDX files, for CLI tests. */
final class TinyFashionMnist {
    private TinyFashionMnist() {}

    /** Writes the four IDX files into {@code dir} (train plain, test gzipped as Debian ships them). */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, "train", 64, 1, false);
        writeSplit(dir, "t10k", 32, 2, true);
        return dir;
    }

    /** Class c lights up row block c of the image, plus noise: learnable, but tiny. */
    static void writeSplit(Path dir, String prefix, int n, long seed, boolean gzip) throws IOException {
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

}
