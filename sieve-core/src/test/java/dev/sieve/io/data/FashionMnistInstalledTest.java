package dev.sieve.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.io.data.FashionMnist.Split;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Loads the real dataset from Debian's dataset-fashion-mnist package. Skipped (by assumption) when the
 * package is not installed; install it with scripts/fetch-fashion-mnist. The only skip in these tests.
 */
class FashionMnistInstalledTest {
    @Test
    void debianPackageLoadsWithPublishedCountsIfInstalled() throws Exception {
        assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz"))
                        && Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("t10k-labels-idx1-ubyte.gz")),
                "dataset-fashion-mnist is not installed (scripts/fetch-fashion-mnist)");
        for (Split split : Split.values()) {
            FashionMnist.Data d = FashionMnist.load(FashionMnist.DEBIAN_DIR, split);
            assertEquals(split.size(), d.size());
            assertArrayEquals(new int[] {split.size(), 28, 28}, d.images().dims());
            int[] perClass = new int[10];
            for (int label : d.labels()) perClass[label]++;
            for (int c = 0; c < 10; c++) assertEquals(split.size() / 10, perClass[c], "class " + c); // balanced
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float v : d.images().data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(0f, min);
            assertEquals(1f, max);
            assertTrue(d.images().size() == split.size() * 784);
        }
    }
}
