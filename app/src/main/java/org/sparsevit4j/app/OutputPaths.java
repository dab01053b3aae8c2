package org.sparsevit4j.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MachineFailureException;

/**
 * Up-front checks of where a command will write, so that an output it cannot write fails with one
 * line before any work (and before anything is half-written) rather than after minutes of it. A path
 * that cannot hold the output (a directory for a file, a file for a folder) is bad input; a folder
 * this process may not write to is the machine's failure, as when the write itself is refused
 * ({@link org.sparsevit4j.core.AtomicFiles}).
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** A file to be written: not a directory, in an existing writable folder. */
    public static void requireWritableFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " " + file + ": is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InvalidInputException(option + " " + file + ": folder " + parent + " does not exist");
        }
        requireWritable(parent, option + " " + file);
    }

    /**
     * A run folder: an existing writable folder, or one that can be created under the nearest
     * existing ancestor (which must be a writable folder, not a file).
     */
    public static void requireWritableFolder(Path folder, String option) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new InvalidInputException(option + " " + folder + ": " + existing + " is a file, not a folder");
        }
        requireWritable(existing, option + " " + folder);
    }

    /** A run folder, checked as {@link #requireWritableFolder} and created with its parents if missing. */
    public static void createFolder(Path folder, String option) {
        requireWritableFolder(folder, option);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(option + " " + folder + ": cannot create the folder (" + e.getMessage()
                    + ")", e);
        }
    }

    private static void requireWritable(Path folder, String what) {
        if (!Files.isWritable(folder)) {
            throw new MachineFailureException(what + ": folder " + folder + " is not writable");
        }
    }
}
