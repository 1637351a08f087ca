package dev.sieve.bench;

import dev.sieve.autograd.Variable;
import dev.sieve.io.data.Batch;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.models.Cnn;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.ops.ConvReluPool;
import dev.sieve.ops.Convolutions;
import dev.sieve.ops.MatMul;
import dev.sieve.ops.Pooling;
import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Times training epochs of the reference CNN (models.Cnn) as scripts/torch-fmnist-epoch.py times PyTorch:
 * forward, cross-entropy, backward and an Adam step (lr 1e-3) for every batch of 128 over the 60k
 * Fashion-MNIST training images (or random data of that shape), one JSON line per epoch. With
 * {@code --profile}, instead times each op of one training step on its own (best of several runs; with
 * {@code --threads 1} in CPU time).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp sieve-bench/target/sieve-bench.jar \
 *     dev.sieve.bench.CnnEpoch [--threads 2] [--epochs 2] [--batches 469] [--random] [--profile]
 * </pre>
 */
public final class CnnEpoch {
    private static final float MEAN = 0.2860f, STD = 0.3530f;

    private CnnEpoch() {}

    public static void main(String[] args) throws Exception {
        int threads = 2, epochs = 2, batches = Integer.MAX_VALUE, batch = 128;
        boolean random = false, profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--random" -> random = true;
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Parallel.setThreads(threads);
        System.err.println("# " + VectorizationProvider.get().name() + ", threads " + threads + ", JDK " + Runtime.version());
        if (profile) {
            profile(batch);
            return;
        }
        Tensor images;
        int[] labels;
        if (random) {
            images = Tensor.randn(1, 60000, 1, 28, 28);
            labels = new SplittableRandom(2).ints(60000, 0, 10).toArray();
        } else {
            FashionMnist.Data d = FashionMnist.load(FashionMnist.Split.TRAIN);
            float[] v = d.images().toArray();
            for (int i = 0; i < v.length; i++) v[i] = (v[i] - MEAN) / STD;
            images = Tensor.wrap(v, d.size(), 1, 28, 28);
            labels = d.labels();
        }
        Cnn net = new Cnn(42);
        Adam opt = new Adam(net.parameters(), 1e-3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        BatchLoader loader = new BatchLoader(images, labels, batch, true, 42, false);
        for (int epoch = 0; epoch < epochs; epoch++) {
            // Gather the batches first: the timed loop covers the training step only, like the PyTorch script.
            List<Batch> all = new ArrayList<>();
            for (Batch b : loader.epoch(epoch)) {
                if (all.size() == batches) break;
                all.add(b);
            }
            double lossSum = 0;
            long seen = 0;
            long t0 = System.nanoTime();
            int index = 0;
            for (Batch b : all) {
                long tb = System.nanoTime();
                opt.zeroGrad();
                Variable loss = ce.forward(net.forward(Variable.constant(b.inputs())), b.labels());
                loss.backward();
                opt.step();
                lossSum += loss.value().item() * b.size();
                seen += b.size();
                if (epoch == 0 && (index < 10 || index % 50 == 0)) {
                    System.err.printf(Locale.ROOT, "  batch %d: %.1f ms%n", index, (System.nanoTime() - tb) / 1e6);
                }
                index++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "{\"runtime\": \"sieve\", \"model\": \"cnn\", \"epoch\": %d, \"epoch_seconds\": %.3f, "
                            + "\"batches\": %d, \"batch\": %d, \"threads\": %d, \"train_loss\": %.4f, \"data\": \"%s\"}%n",
                    epoch + 1, seconds, all.size(), batch, threads, lossSum / seen, random ? "random" : "fashion-mnist");
        }
    }

    /** Each op of one CNN training step, timed alone on the step's shapes. */
    private static void profile(int n) {
        Tensor x = Tensor.randn(1, n, 1, 28, 28);
        Tensor w1 = Tensor.randn(2, 32, 1, 3, 3), b1 = Tensor.randn(3, 32);
        Tensor w2 = Tensor.randn(4, 64, 32, 3, 3), b2 = Tensor.randn(5, 64);
        Tensor h1 = Tensor.randn(6, n, 32, 14, 14);
        Tensor y2 = Tensor.randn(8, n, 64, 14, 14), g2 = Tensor.randn(10, n, 64, 14, 14);
        Tensor f = Tensor.randn(11, n, 3136), fw = Tensor.randn(12, 128, 3136), fb = Tensor.randn(13, 128);
        int[] one = {1};
        var p2 = Pooling.reluMaxPool2d(y2, new int[] {2}, null, null, null);
        Tensor gp1 = Tensor.randn(14, n, 32, 14, 14), gp2 = Tensor.randn(15, n, 64, 7, 7);
        Tensor gf = Tensor.randn(16, n, 128);
        double total = 0;
        var c1 = ConvReluPool.forward(x, w1, b1, null, one, null, 1, true);
        total += time("conv1+relu+pool1 forward", () -> ConvReluPool.forward(x, w1, b1, null, one, null, 1, true));
        total += time("conv1+relu+pool1 backward (weight, bias)", () -> ConvReluPool.backward(gp1, c1, x, w1, null, one, null, 1, false, true, true));
        total += time("conv2 forward", () -> Convolutions.conv2d(h1, w2, b2, null, one, null, 1));
        total += time("conv2 backward (input, weight, bias)", () -> Convolutions.conv2dBackward(g2, h1, w2, null, one, null, 1, true, true, true));
        total += time("relu+pool2 forward", () -> Pooling.reluMaxPool2d(y2, new int[] {2}, null, null, null));
        total += time("pool2 backward", () -> Pooling.maxPool2dBackward(gp2, p2.argmax(), y2.dims()));
        total += time("fc1 forward", () -> MatMul.linear(f, fw, fb));
        total += time("fc1 backward (input, weight)", () -> {
            MatMul.matmul(gf, fw);
            return MatMul.matmul(gf.t(), f);
        });
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms  (x 469 = %.1f s)%n", "sum", total, total * 469 / 1000);
    }

    /**
     * Best of 15 runs after warm-up. With one thread the calling thread's CPU time is measured, which
     * time slices lost to other processes on a shared machine do not inflate.
     */
    private static double time(String what, Supplier<Object> op) {
        for (int i = 0; i < 5; i++) op.get();
        double best = Double.MAX_VALUE;
        double[] runs = new double[15];
        boolean cpu = Parallel.threads() == 1;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs.length; i++) {
            long t0 = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
            op.get();
            runs[i] = ((cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e6;
            best = Math.min(best, runs[i]);
        }
        java.util.Arrays.sort(runs);
        System.out.printf(Locale.ROOT, "%-40s %8.2f ms  (median %.2f)%n", what, best, runs[runs.length / 2]);
        return best;
    }
}
