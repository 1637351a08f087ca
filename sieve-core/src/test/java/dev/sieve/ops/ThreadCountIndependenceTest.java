package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.sieve.parallel.Parallel;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every op except GEMM computes each output element on one thread in a fixed order: same bits for any thread count. */
class ThreadCountIndependenceTest {

    private static List<float[]> runAll(Tensor x, Tensor row) {
        List<float[]> r = new ArrayList<>();
        r.add(x.sum(0).toArray());
        r.add(x.sum(2).toArray());
        r.add(new float[] {x.sum().item(), x.max().item(), x.argmax()});
        r.add(x.max(1).toArray());
        int[] arg = x.argmax(0).values();
        float[] argF = new float[arg.length];
        for (int i = 0; i < arg.length; i++) argF[i] = arg[i];
        r.add(argF);
        r.add(x.softmax(0).toArray());
        r.add(x.logSoftmax(2).toArray());
        r.add(Norms.layerNorm(x, new int[] {x.dim(2)}, 1e-5f).toArray());
        r.add(x.gelu().toArray());
        r.add(x.add(row).toArray());
        return r;
    }

    @Test
    void sameBitsForOneAndThreeThreads() {
        int before = Parallel.threads();
        try {
            Tensor x = Tensor.randn(5, 6, 300, 170);
            Tensor row = Tensor.randn(6, 170);
            Parallel.setThreads(1);
            List<float[]> one = runAll(x, row);
            Parallel.setThreads(3);
            List<float[]> three = runAll(x, row);
            for (int i = 0; i < one.size(); i++) assertArrayEquals(one.get(i), three.get(i), "result " + i);
        } finally {
            Parallel.setThreads(before);
        }
    }
}
