package dev.sieve.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file's content is malformed, unsupported, or cannot become what was asked of it.
 *
 * <p>The message is one line naming what is wrong (for text formats it starts with {@code "line N: "})
 * and never repeats the file name: callers print {@code <file>: <message>} using {@link #path()}.
 */
public class FormatException extends IOException {
    private final transient Path path;

    public FormatException(String message) {
        this(null, message);
    }

    public FormatException(Path path, String message) {
        super(message);
        this.path = path;
    }

    /** The file the problem was found in, when known. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
