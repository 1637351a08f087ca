package dev.sieve.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The error contract: one line on stderr, exit 2 for bad usage and 1 for bad input or failure. */
final class ErrorReporter {
    static final int BAD_INPUT = 1;
    static final int BAD_USAGE = 2;

    private ErrorReporter() {}

    static int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("sieve: error: " + ex.getMessage());
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        if (GlobalOptions.debug) ex.printStackTrace(err);
        err.flush();
        return BAD_USAGE;
    }

    static int failure(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ParameterException pe) {
            return usageError(pe, new String[0]);
        }
        if (ex instanceof InputException ie) {
            err.println("sieve: error: " + ie.file() + ": " + ie.getMessage());
        } else {
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("sieve: error: " + msg);
        }
        if (GlobalOptions.debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
    }
}
