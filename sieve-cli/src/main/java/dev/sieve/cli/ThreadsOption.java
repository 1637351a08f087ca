package dev.sieve.cli;

import dev.sieve.parallel.Parallel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --threads T}: sizes the shared thread pool before the command runs. */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private int threads;

    @Option(names = "--threads", paramLabel = "T",
            description = "Worker threads (default: the sieve.threads property, else all cores).")
    void setThreads(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + value);
        }
        threads = value;
    }

    /** Applies the option (if given) and returns the thread count in effect. */
    public int apply() {
        if (threads > 0) Parallel.setThreads(threads);
        return Parallel.threads();
    }
}
