package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which error kind a failed write is: bad input (exit 2) only where the path given cannot hold a
 * file, a failure of the machine (exit 1) otherwise, each one line naming the file.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
        Path file = dir.resolve("sub/result.json");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertEquals("two", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "a temporary file was left behind");
        }
    }

    @Test
    void aDirectoryInTheWayIsBadInput() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("taken"));
        var e = assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(folder, "x"));
        assertEquals(folder + ": cannot write: is a directory; give a file name", e.getMessage());
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aParentThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path target = file.resolve("deeper/out.json");
        var e = assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(target, "x"));
        assertEquals(target + ": cannot write: " + file + " is a file, not a folder", e.getMessage());
    }

    /**
     * A folder no process can create files in, not even root's (tests run as root here, where a
     * read-only permission bit would not stop the write): procfs. What fails is the machine's
     * file system, not the path's shape, so the status must be 1, not 2.
     */
    @Test
    void aFolderThatRefusesFilesIsAFailureOfTheMachine() {
        Path proc = Path.of("/proc/self");
        assumeTrue(Files.isDirectory(proc), "needs Linux procfs");
        Path target = proc.resolve("sparsevit-result.json");
        var e = assertThrows(MachineFailureException.class, () -> AtomicFiles.writeString(target, "x"));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void readingADirectoryIsBadInputAndAMissingFileToo() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertEquals(folder + ": is a directory, not a file",
                assertThrows(InvalidInputException.class, () -> TextFiles.readUtf8(folder)).getMessage());
        Path missing = dir.resolve("missing.txt");
        assertEquals(missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> TextFiles.readUtf8(missing)).getMessage());
    }
}
