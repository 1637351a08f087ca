package dev.sieve.cli.util;

import java.io.Console;

/** Whether progress bars may be drawn. */
public final class Terminal {
    private Terminal() {}

    /** A terminal on standard error: {@code System.console()} exists and (JDK 22+) really is a terminal. */
    public static boolean stderrIsTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }
}
