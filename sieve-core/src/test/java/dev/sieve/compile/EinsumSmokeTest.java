package dev.sieve.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.expr.ReferenceEinsum;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EinsumSmokeTest {
    static Tensor sparse(long seed, double density, int... dims) {
        Tensor t = Tensor.randn(seed, dims);
        Random r = new Random(seed);
        for (int i = 0; i < t.size(); i++) if (r.nextDouble() > density) t.data()[t.offset() + i] = 0f;
        return t;
    }

    static void check(String expr, Object... pairs) {
        Map<String, FormattedTensor> in = new LinkedHashMap<>();
        Map<String, Tensor> dense = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 3) {
            String name = (String) pairs[i];
            Tensor t = (Tensor) pairs[i + 1];
            dense.put(name, t);
            in.put(name, FormattedTensor.fromDense(t, Format.parse((String) pairs[i + 2])));
        }
        CompiledEinsum c = Einsum.compileFor(expr, in, null, Schedule.automatic());
        FormattedTensor got = c.evaluate(in);
        Tensor want = ReferenceEinsum.evaluate(Parser.parse(expr), dense);
        Tensor g = got.toDense();
        assertEquals(want.size(), g.size());
        for (int i = 0; i < want.size(); i++) {
            float w = want.data()[want.offset() + i], x = g.data()[g.offset() + i];
            assertEquals(w, x, 1e-4 * (1 + Math.abs(w)), expr + " at " + i + "\n" + c.source());
        }
    }

    @Test
    void spmm() {
        check("C(i,j) = A(i,k) * B(k,j)", "A", sparse(1, 0.2, 37, 29), "ds", "B", sparse(2, 1, 29, 45), "dd");
    }

    @Test
    void spmv() {
        check("y(i) = A(i,j) * x(j)", "A", sparse(1, 0.2, 37, 29), "ds", "x", sparse(2, 1, 29), "d");
    }

    @Test
    void sddmm() {
        check("C(i,j) = S(i,j) * U(i,k) * V(j,k)", "S", sparse(1, 0.2, 37, 29), "ds", "U", sparse(2, 1, 37, 21), "dd", "V", sparse(3, 1, 29, 21), "dd");
    }

    @Test
    void denseTimesCsrRunsTransposedWhenItWouldScatter() {
        check("C(i,j) = X(i,k) * W(k,j)", "X", sparse(1, 1, 150, 40), "dd", "W", sparse(2, 0.3, 40, 37), "ds");
        check("C(i,j) = X(i,k) * W(k,j)", "X", sparse(3, 1, 150, 40), "dd:1,0", "W", sparse(4, 0.3, 40, 37), "ds");
        Map<String, FormattedTensor> in = new LinkedHashMap<>();
        in.put("X", FormattedTensor.fromDense(sparse(1, 1, 150, 40), Format.dense(2)));
        in.put("W", FormattedTensor.fromDense(sparse(2, 0.3, 40, 37), Format.csr()));
        // The inferred output is CSR (W's compressed level indexes j); ask for a dense one.
        CompiledEinsum c = Einsum.compileFor("C(i,j) = X(i,k) * W(k,j)", in, Format.dense(2), Schedule.automatic());
        assertEquals(Format.dense(2), c.outputFormat());
        Tensor want = ReferenceEinsum.evaluate(Parser.parse("C(i,j) = X(i,k) * W(k,j)"), Map.of("X", in.get("X").toDense(), "W", in.get("W").toDense()));
        Tensor got = c.evaluate(in).toDense();
        for (int i = 0; i < want.size(); i++) assertEquals(want.data()[i], got.data()[i], 1e-4 * (1 + Math.abs(want.data()[i])));

        // Long enough along i for several cache blocks (the block shrinks as the reduction grows), on two threads.
        Map<String, FormattedTensor> big = new LinkedHashMap<>();
        big.put("X", FormattedTensor.fromDense(sparse(7, 1, 613, 300), Format.dense(2)));
        big.put("W", FormattedTensor.fromDense(sparse(8, 0.2, 300, 21), Format.csr()));
        CompiledEinsum b = Einsum.compileFor("C(i,j) = X(i,k) * W(k,j)", big, Format.dense(2), Schedule.automatic());
        if (Einsum.vectorLanes() > 0) org.junit.jupiter.api.Assertions.assertTrue(b.source().contains("tb += "), "blocked along i");
        Tensor wantBig = ReferenceEinsum.evaluate(Parser.parse("C(i,j) = X(i,k) * W(k,j)"), Map.of("X", big.get("X").toDense(), "W", big.get("W").toDense()));
        try (dev.sieve.parallel.ParallelRuntime two = new dev.sieve.parallel.ParallelRuntime(2)) {
            Tensor gotBig = b.evaluate(big, two).toDense();
            for (int i = 0; i < wantBig.size(); i++) assertEquals(wantBig.data()[i], gotBig.data()[i], 1e-3 * (1 + Math.abs(wantBig.data()[i])), "at " + i);
        }
        if (Einsum.vectorLanes() > 0) {
            org.junit.jupiter.api.Assertions.assertTrue(c.notes().stream().anyMatch(n -> n.contains("runs transposed")), c.notes().toString());
            org.junit.jupiter.api.Assertions.assertTrue(c.source().contains("FloatVector r0"), "register-tiled");
        }
    }

    @Test
    void transposedProductsAgreeOnRandomShapesAndFormats() {
        Random r = new Random(42);
        String[] sparseFormats = {"ds", "ss", "uq", "ds:1,0", "sd"};
        String[] denseFormats = {"dd", "dd:1,0"};
        try (dev.sieve.parallel.ParallelRuntime two = new dev.sieve.parallel.ParallelRuntime(2)) {
        for (int c = 0; c < 12; c++) {
            int ni = 64 + r.nextInt(300), nk = 1 + r.nextInt(90), nj = 1 + r.nextInt(40);
            Tensor x = sparse(100 + c, 1, ni, nk), w = sparse(200 + c, 0.1 + 0.8 * r.nextDouble(), nk, nj);
            Map<String, FormattedTensor> in = new LinkedHashMap<>();
            in.put("X", FormattedTensor.fromDense(x, Format.parse(denseFormats[r.nextInt(2)])));
            in.put("W", FormattedTensor.fromDense(w, Format.parse(sparseFormats[r.nextInt(sparseFormats.length)])));
            Format out = Format.parse(denseFormats[r.nextInt(2)]);
            CompiledEinsum k = Einsum.compileFor("C(i,j) = X(i,k) * W(k,j)", in, out, Schedule.automatic());
            assertEquals(out, k.outputFormat());
            FormattedTensor got = r.nextBoolean() ? k.evaluate(in) : k.evaluate(in, two);
            assertEquals(out, got.format());
            Tensor want = ReferenceEinsum.evaluate(Parser.parse("C(i,j) = X(i,k) * W(k,j)"), Map.of("X", x, "W", w));
            Tensor g = got.toDense();
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.data()[i], g.data()[i], 1e-3 * (1 + Math.abs(want.data()[i])), "case " + c + " " + in.get("W").format() + " " + k.notes());
            }
        }
        }
    }

    @Test
    void addAndHadamard() {
        check("C(i,j) = A(i,j) + B(i,j)", "A", sparse(1, 0.2, 17, 19), "ds", "B", sparse(2, 0.3, 17, 19), "ds");
        check("C(i,j) = A(i,j) * B(i,j)", "A", sparse(1, 0.4, 17, 19), "ds", "B", sparse(2, 0.5, 17, 19), "uq");
        check("C(i,j) = A(i,k) * B(k,j)", "A", sparse(1, 0.2, 17, 19), "ds", "B", sparse(2, 0.3, 19, 23), "ds");
        check("C(i,j) = A(i,j) + B(j,i)", "A", sparse(1, 0.2, 17, 17), "ds", "B", sparse(2, 0.3, 17, 17), "ds");
    }

    @Test
    void concurrentRequestsForANewKernelCompileItOnceAndAgree() throws Exception {
        java.nio.file.Path saved = dev.sieve.compile.codegen.KernelCache.directory();
        dev.sieve.compile.codegen.KernelCache.setDirectory(null);
        try {
            // A literal nobody else uses makes the plan new to this process.
            String expr = "C(i,j) = 3.25 * A(i,k) * B(k,j) + 0.5";
            Map<String, FormattedTensor> in = new LinkedHashMap<>();
            in.put("A", FormattedTensor.fromDense(sparse(5, 0.3, 13, 11), Format.csr()));
            in.put("B", FormattedTensor.fromDense(sparse(6, 1, 11, 9), Format.dense(2)));
            long before = dev.sieve.compile.codegen.KernelCache.compiles();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
            try {
                java.util.List<java.util.concurrent.Future<Tensor>> results = new java.util.ArrayList<>();
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                for (int t = 0; t < 6; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return Einsum.compileFor(expr, in, null, Schedule.automatic()).evaluate(in).toDense();
                    }));
                }
                start.countDown();
                Tensor first = results.get(0).get();
                for (var r : results) org.junit.jupiter.api.Assertions.assertArrayEquals(first.toArray(), r.get().toArray());
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, dev.sieve.compile.codegen.KernelCache.compiles() - before, "one compile for six concurrent requests");
        } finally {
            dev.sieve.compile.codegen.KernelCache.setDirectory(saved);
        }
    }
}
