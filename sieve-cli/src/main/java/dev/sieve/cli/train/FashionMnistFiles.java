package dev.sieve.cli.train;

import dev.sieve.cli.InputException;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.ReferenceModel;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Fashion-MNIST for the CLI: found or explained in one line, shaped for a reference model, standardised. */
public final class FashionMnistFiles {
    /** Pixel mean and standard deviation of the Fashion-MNIST training set (pixels in [0, 1]). */
    public static final float MEAN = 0.2860f, STD = 0.3530f;

    private FashionMnistFiles() {}

    /** One split as model inputs [n, ...exampleDims] and labels. */
    public record Split(Tensor inputs, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /** Loads a split from {@code dir} (null: $SIEVE_FASHION_MNIST, else the Debian directory). */
    public static FashionMnist.Data load(Path dir, FashionMnist.Split split) {
        String where = dir != null ? dir.toString() : FashionMnist.DEBIAN_DIR.toString();
        try {
            return FashionMnist.load(dir, split);
        } catch (NoSuchFileException e) {
            throw new InputException(where, e.getReason() != null ? e.getReason() : "Fashion-MNIST not found; install "
                    + FashionMnist.DEBIAN_PACKAGE + " (scripts/fetch-fashion-mnist)", e);
        } catch (IOException e) {
            throw new InputException(where, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** Loads a split shaped for {@code ref}, standardised when asked. */
    public static Split load(Path dir, FashionMnist.Split split, ReferenceModel ref, boolean normalize) {
        FashionMnist.Data d = load(dir, split);
        return new Split(examples(d.images(), d.size(), ref, normalize), d.labels());
    }

    /** The images as [n, ...exampleDims] of the model, standardised when asked. */
    public static Tensor examples(Tensor images, int n, ReferenceModel ref, boolean normalize) {
        int[] ex = ref.exampleDims();
        int[] dims = new int[ex.length + 1];
        dims[0] = n;
        System.arraycopy(ex, 0, dims, 1, ex.length);
        Tensor x = Tensor.of(images.toArray(), dims);
        if (normalize) standardise(x, MEAN, STD);
        return x;
    }

    /** (x − mean) / std in place. */
    public static void standardise(Tensor x, float mean, float std) {
        float[] d = x.data();
        for (int i = x.offset(), end = x.offset() + x.size(); i < end; i++) d[i] = (d[i] - mean) / std;
    }
}
