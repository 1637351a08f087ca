package dev.sieve.cli;

import picocli.CommandLine;

/** Entry point of the {@code sieve} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 ok, 1 bad input or failure, 2 bad usage). */
    public static int run(String... args) {
        return SieveCommand.commandLine().execute(args);
    }

    /** As {@link #run(String...)}, writing to the given streams (tests capture them). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        picocli.CommandLine cl = SieveCommand.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
