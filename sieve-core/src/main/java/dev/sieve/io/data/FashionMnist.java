package dev.sieve.io.data;

import dev.sieve.io.FormatException;
import dev.sieve.io.Idx;
import dev.sieve.io.IdxArray;
import dev.sieve.io.IdxType;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28x28 greyscale images of clothing in 10 classes, 60000 for training and
 * 10000 for testing, stored as four IDX files ({@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), each
 * plain or with a {@code .gz} suffix.
 *
 * <p>The directory is, in order: the one the caller names (and only that one, when named); the
 * environment variable {@value #ENV_VAR}; Debian's package {@value #DEBIAN_PACKAGE}, which installs
 * the gzip files in {@code /usr/share/datasets/fashion-mnist} ({@code scripts/fetch-fashion-mnist}
 * installs it).
 *
 * <p>Images load as float32 {@code [n, 28, 28]} with pixel values divided by 255, so in [0, 1]
 * (reshape to {@code [n, 784]} for a dense layer; it is a view). Labels load as {@code int[n]} in 0..9.
 */
public final class FashionMnist {
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String ENV_VAR = "SIEVE_FASHION_MNIST";
    public static final int CLASSES = 10;
    public static final int ROWS = 28, COLS = 28;

    /** The two published splits and their file-name prefixes. */
    public enum Split {
        TRAIN("train", 60000),
        TEST("t10k", 10000);

        private final String prefix;
        private final int size;

        Split(String prefix, int size) {
            this.prefix = prefix;
            this.size = size;
        }

        /** The file-name prefix, {@code train} or {@code t10k}. */
        public String prefix() {
            return prefix;
        }

        /** The number of examples in the published dataset (not enforced on load). */
        public int size() {
            return size;
        }
    }

    /** Images {@code [n, 28, 28]} in [0, 1] and their labels, {@code labels.length == n}. */
    public record Data(Tensor images, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    private FashionMnist() {}

    /** Loads a split from the first directory that holds it (see the class notes). */
    public static Data load(Split split) throws IOException {
        return load(null, split);
    }

    /**
     * Loads a split from {@code dir}, or from the default locations when {@code dir} is null.
     *
     * @throws NoSuchFileException naming every path searched and the Debian package, when not found
     * @throws FormatException if a file is malformed, not ubyte [n, 28, 28] / [n], the counts differ,
     *     or a label is outside 0..9
     */
    public static Data load(Path dir, Split split) throws IOException {
        Path found = locate(dir, split);
        Path imagesFile = file(found, split.prefix + "-images-idx3-ubyte");
        Path labelsFile = file(found, split.prefix + "-labels-idx1-ubyte");
        IdxArray images = Idx.read(imagesFile);
        int[] dims = images.shape().dims();
        if (images.type() != IdxType.UBYTE || dims.length != 3 || dims[1] != ROWS || dims[2] != COLS) {
            throw new FormatException(imagesFile, "expected ubyte images [n, 28, 28], found " + images.type().label() + " " + images.shape());
        }
        IdxArray labelArray = Idx.read(labelsFile);
        if (labelArray.type() != IdxType.UBYTE || labelArray.shape().rank() != 1) {
            throw new FormatException(labelsFile, "expected ubyte labels [n], found " + labelArray.type().label() + " " + labelArray.shape());
        }
        int[] labels = labelArray.toIntArray();
        if (labels.length != dims[0]) {
            throw new FormatException(labelsFile, labels.length + " labels for " + dims[0] + " images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) throw new FormatException(labelsFile, "label " + labels[i] + " at index " + i + " is outside 0.." + (CLASSES - 1));
        }
        return new Data(images.toTensor(1f / 255), labels);
    }

    /**
     * The directory that holds both files of {@code split}: {@code dir} itself when given, else the
     * first default location that does.
     */
    public static Path locate(Path dir, Split split) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (dir != null) {
            candidates.add(dir);
        } else {
            String env = System.getenv(ENV_VAR);
            if (env != null && !env.isBlank()) candidates.add(Path.of(env));
            candidates.add(DEBIAN_DIR);
        }
        List<String> searched = new ArrayList<>();
        for (Path c : candidates) {
            Path images = find(c, split.prefix + "-images-idx3-ubyte");
            Path labels = find(c, split.prefix + "-labels-idx1-ubyte");
            if (images != null && labels != null) return c;
            searched.add(c.toString());
        }
        throw new NoSuchFileException(candidates.getFirst().toString(), null,
                "Fashion-MNIST " + split.prefix + " files (" + split.prefix + "-images-idx3-ubyte[.gz], " + split.prefix
                        + "-labels-idx1-ubyte[.gz]) not found in " + String.join(", ", searched)
                        + (dir != null ? "" : " (set " + ENV_VAR + " to a directory holding them)")
                        + "; install Debian's package " + DEBIAN_PACKAGE + " (scripts/fetch-fashion-mnist) or name the directory");
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static Path file(Path dir, String base) throws NoSuchFileException {
        Path p = find(dir, base);
        if (p == null) throw new NoSuchFileException(dir.resolve(base).toString(), null, "disappeared while loading");
        return p;
    }
}
