package dev.sieve.cli;

/**
 * Bad input named by the user: reported as {@code sieve: error: <file>: <what>} with exit status 1.
 */
public final class InputException extends RuntimeException {
    private final String file;

    public InputException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public InputException(String file, String message) {
        this(file, message, null);
    }

    public String file() {
        return file;
    }
}
