package dev.sieve.ops;

import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import java.util.concurrent.atomic.AtomicInteger;

/** Running per-image work of a convolution over a batch, on the shared threads, with deterministic gradient sums. */
final class ImageBatches {
    /** GEMMs inside a thread that owns whole images run on that thread alone. */
    static final ParallelRuntime SERIAL = new ParallelRuntime(1);

    private ImageBatches() {}

    /** Work for one image, given the runtime its GEMMs may use, this thread's scratch and the image's gradient sums (or null). */
    interface ImageBody {
        void run(int image, ParallelRuntime rt, Scratch scratch, Sums sums);
    }

    /** Most images in one work item: more items balance threads better, fewer save summing partial gradients. */
    private static final int MAX_ITEMS = 32;

    /**
     * Runs {@code body} for every image. Images are grouped into work items of a size that depends on the
     * batch size only; with partials, each item sums its images' gradients on its own and the items are
     * added in order at the end, so results do not depend on the thread count or on which thread took
     * which item. With at least as many images as threads, threads take items as they come free (a shared
     * machine stalls threads unevenly) and run their GEMMs alone; otherwise images go in order and each
     * GEMM that can be split is.
     */
    static void forEachImage(int n, ImageBody body, Partials partials) {
        ParallelRuntime rt = Parallel.runtime();
        int threads = rt.threads();
        int per = Math.max(1, Math.min(8, n / 16));
        if ((n + per - 1) / per > MAX_ITEMS) per = (n + MAX_ITEMS - 1) / MAX_ITEMS;
        int size = per, items = (n + per - 1) / per;
        if (partials != null) partials.items = new Sums[items];
        if (threads > 1 && n >= threads) {
            AtomicInteger next = new AtomicInteger();
            rt.runChunks(threads, (chunk, chunks) -> {
                Scratch sc = new Scratch();
                for (int item = next.getAndIncrement(); item < items; item = next.getAndIncrement()) {
                    runItem(body, item, size, n, SERIAL, sc, partials);
                }
            });
        } else {
            Scratch sc = new Scratch();
            for (int item = 0; item < items; item++) runItem(body, item, size, n, rt, sc, partials);
        }
    }

    private static void runItem(ImageBody body, int item, int size, int n, ParallelRuntime rt, Scratch sc, Partials partials) {
        Sums sums = null;
        if (partials != null) {
            sums = new Sums(partials.weightSize, partials.biasSize);
            partials.items[item] = sums;
        }
        for (int i = item * size, end = Math.min(n, i + size); i < end; i++) body.run(i, rt, sc, sums);
    }

    /** Per-thread work buffers (im2col matrices and the like), reused across a thread's images. */
    static final class Scratch {
        private final float[][] buffers = new float[3][];

        /** Buffer {@code slot} with room for at least {@code size} floats (contents undefined). */
        float[] buffer(int slot, int size) {
            if (buffers[slot] == null || buffers[slot].length < size) buffers[slot] = new float[size];
            return buffers[slot];
        }
    }

    /** One work item's share of the weight and bias gradients (null arrays when not wanted). */
    static final class Sums {
        final float[] weight, bias;

        Sums(int weightSize, int biasSize) {
            weight = weightSize == 0 ? null : new float[weightSize];
            bias = biasSize == 0 ? null : new float[biasSize];
        }
    }

    /** Sizes of the gradient sums, and every work item's sums once the work has run. */
    static final class Partials {
        final int weightSize, biasSize;
        Sums[] items;

        Partials(int weightSize, int biasSize) {
            this.weightSize = weightSize;
            this.biasSize = biasSize;
        }

        float[] sumWeight() {
            float[] sum = new float[weightSize];
            for (Sums t : items) add(sum, t.weight);
            return sum;
        }

        float[] sumBias() {
            float[] sum = new float[biasSize];
            for (Sums t : items) add(sum, t.bias);
            return sum;
        }

        private static void add(float[] into, float[] x) {
            for (int i = 0; i < into.length; i++) into[i] += x[i];
        }
    }
}
