package dev.sieve.parallel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads that runs a known number of chunks in parallel.
 *
 * <p>Work is split statically: chunk {@code c} of a call always covers the same range, and every
 * output element is written by exactly one chunk in a fixed order. Results therefore depend only on
 * the thread count, never on scheduling. The calling thread runs chunk 0 itself, so a runtime with
 * one thread runs everything inline with no hand-off.
 */
public final class ParallelRuntime implements AutoCloseable {

    /** A body that handles chunk {@code chunk} of {@code chunks}. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int chunks);
    }

    /** A body that handles the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;

    public ParallelRuntime(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.workers = null;
        } else {
            int poolId = POOL_IDS.incrementAndGet();
            AtomicInteger ids = new AtomicInteger();
            ThreadFactory factory = r -> new Worker(r, "sieve-" + poolId + "-worker-" + ids.incrementAndGet());
            this.workers = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} for chunks {@code 0..chunks-1}. Chunk 0 runs on the calling thread; the rest go
     * to workers. Returns when all chunks have finished; the first failure is rethrown.
     */
    public void runChunks(int chunks, ChunkBody body) {
        if (chunks <= 0) {
            return;
        }
        if (chunks == 1 || workers == null || isWorkerThread()) {
            for (int c = 0; c < chunks; c++) {
                body.run(c, chunks);
            }
            return;
        }
        Future<?>[] pending = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            final int chunk = c;
            pending[c - 1] = workers.submit(() -> body.run(chunk, chunks));
        }
        Throwable failure = null;
        try {
            body.run(0, chunks);
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException(failure);
    }

    /**
     * Splits {@code [0, n)} into at most {@link #threads()} contiguous ranges of nearly equal size
     * (never smaller than {@code grain}, except the only one) and runs them in parallel.
     */
    public void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = (int) Math.max(1, Math.min(threads, n / (long) Math.max(1, grain)));
        runChunks(chunks, (c, cs) -> body.run(Ranges.start(n, cs, c), Ranges.start(n, cs, c + 1)));
    }

    /**
     * Splits rows {@code [0, rows)} into ranges of nearly equal total weight, where
     * {@code prefix[r+1] - prefix[r]} is the weight of row r (e.g. a CSR row pointer), and runs them in
     * parallel.
     */
    public void forWeightedRange(int rows, long[] prefix, RangeBody body) {
        int chunks = Math.min(threads, Math.max(1, rows));
        int[] bounds = Ranges.splitByWeight(prefix, rows, chunks);
        runChunks(bounds.length - 1, (c, cs) -> {
            if (bounds[c + 1] > bounds[c]) body.run(bounds[c], bounds[c + 1]);
        });
    }

    /** Nested parallel calls from a worker run inline: a worker waiting on its own pool could deadlock. */
    private static boolean isWorkerThread() {
        return Thread.currentThread() instanceof Worker;
    }

    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
