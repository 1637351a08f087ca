package dev.sieve.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** Fixture lookup and the assertion every malformed-input case makes. */
final class IoTestSupport {
    private IoTestSupport() {}

    /** A committed fixture under src/test/resources/io/. */
    static Path fixture(String relative) {
        URL url = IoTestSupport.class.getResource("/io/" + relative);
        if (url == null) throw new IllegalArgumentException("no fixture io/" + relative);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /**
     * The read must fail with a FormatException (nothing else: no OutOfMemoryError, no
     * NumberFormatException) whose message is one line, contains {@code expected}, and carries the path
     * separately rather than in the text.
     */
    static FormatException assertFormatError(Path file, String expected, Executable read) {
        FormatException e = assertThrows(FormatException.class, read);
        String m = e.getMessage();
        assertTrue(m.contains(expected), () -> "message '" + m + "' should contain '" + expected + "'");
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message should be one line: " + m);
        assertFalse(m.contains(file.getFileName().toString()), () -> "message should not repeat the file name: " + m);
        assertTrue(e.path().isPresent() && e.path().get().equals(file), () -> "exception should carry the path: " + e.path());
        return e;
    }

    /** Files in {@code dir}, to check that a failed or finished write left no temporary file behind. */
    static long fileCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
