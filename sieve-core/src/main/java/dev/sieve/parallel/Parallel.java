package dev.sieve.parallel;

/**
 * The process-wide runtime. Its size comes from the system property {@code sieve.threads}
 * (default: available processors) and can be changed with {@link #setThreads(int)}, e.g. by the
 * CLI's {@code --threads}.
 */
public final class Parallel {
    public static final String THREADS_PROPERTY = "sieve.threads";

    private static volatile ParallelRuntime current;

    private Parallel() {}

    /** The shared runtime, created on first use. */
    public static ParallelRuntime runtime() {
        ParallelRuntime rt = current;
        if (rt == null) {
            synchronized (Parallel.class) {
                rt = current;
                if (rt == null) {
                    rt = new ParallelRuntime(defaultThreads());
                    current = rt;
                }
            }
        }
        return rt;
    }

    /** Replaces the shared runtime with one of {@code threads} threads. */
    public static synchronized void setThreads(int threads) {
        ParallelRuntime old = current;
        if (old != null && old.threads() == threads) return;
        current = new ParallelRuntime(threads);
        if (old != null) old.close();
    }

    public static int threads() {
        return runtime().threads();
    }

    static int defaultThreads() {
        String configured = System.getProperty(THREADS_PROPERTY);
        int cores = Runtime.getRuntime().availableProcessors();
        if (configured == null || configured.isBlank()) return cores;
        try {
            int t = Integer.parseInt(configured.trim());
            if (t >= 1) return t;
        } catch (NumberFormatException ignored) {
            // fall through to the warning
        }
        System.err.println("sieve: warning: ignoring " + THREADS_PROPERTY + "=" + configured
                + " (expected a positive integer); using " + cores + " threads");
        return cores;
    }
}
