package dev.sieve.cli;

import dev.sieve.io.FormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures on a named file into the one-line {@link InputException} of the error contract. */
public final class InputFiles {
    private InputFiles() {}

    /** Reads something from {@code file}; a failure becomes {@code sieve: error: <file>: <what>}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path path) throws IOException;
    }

    public static <T> T read(String file, Reader<T> reader) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new InputException(file, "is a directory");
        }
        try {
            return reader.read(path);
        } catch (FormatException e) {
            throw new InputException(file, e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new InputException(file, "permission denied", e);
        } catch (IOException e) {
            throw new InputException(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** The lower-case extension including the dot, or "" when there is none. */
    public static String extension(String file) {
        String name = Path.of(file).getFileName() == null ? file : Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
    }
}
