package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fileCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failureHalfwayLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(target));
        assertEquals(0, fileCount(dir));
    }

    @Test
    void failureKeepsThePreviousContent() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "previous");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.US_ASCII));
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals("previous", Files.readString(target));
        assertEquals(1, fileCount(dir));
    }

    @Test
    void replacesTheTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "previous");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("new", Files.readString(target));
        assertEquals(1, fileCount(dir));
    }

    @Test
    void missingDirectoryIsAnOrdinaryIoError() {
        Path target = dir.resolve("no/such/dir/out.txt");
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
    }

    @Test
    void relativePathsWork() throws IOException {
        Path target = dir.resolve("rel.txt");
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        AtomicFiles.write(relative, out -> out.write('x'));
        assertEquals("x", Files.readString(target));
    }
}
