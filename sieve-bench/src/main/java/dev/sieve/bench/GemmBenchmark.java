package dev.sieve.bench;

import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.kernel.gemm.GemmReference;
import dev.sieve.parallel.ParallelRuntime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dense GEMM on the BERT-base Linear shapes and 1024^3: C[M,N] = A[M,K] · op(B), with B either
 * row-major [K,N] ("nn") or a Linear weight [N,K] ("nt"). GFLOP/s = 2·M·K·N / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    /** MxKxN. */
    @Param({"128x768x768", "128x768x3072", "128x3072x768", "1024x1024x1024"})
    public String shape;

    @Param({"nn", "nt"})
    public String form;

    @Param({"2"})
    public int threads;

    private int m, k, n;
    private boolean transB;
    private float[] a, b, c;
    private ParallelRuntime runtime;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        m = Integer.parseInt(parts[0]);
        k = Integer.parseInt(parts[1]);
        n = Integer.parseInt(parts[2]);
        transB = form.equals("nt");
        SplittableRandom rnd = new SplittableRandom(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble();
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble();
        runtime = new ParallelRuntime(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public float[] sieve() {
        Gemm.sgemm(false, transB, m, n, k, 1f, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n, runtime);
        return c;
    }

    /** The scalar triple loop, single-threaded, for scale (only on the smallest shape). */
    @Benchmark
    public float[] reference() {
        if (m * k * n > 128 * 768 * 768) return c;
        GemmReference.sgemm(false, transB, m, n, k, 1f, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
