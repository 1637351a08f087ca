package dev.sieve.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand accepts. */
public final class GlobalOptions {
    /** Read by {@link ErrorReporter}; static because picocli sets it on whichever command parsed it. */
    static volatile boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
    void setDebug(boolean value) {
        debug = value;
    }
}
