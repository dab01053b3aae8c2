package org.sparsevit4j.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers, and a run resumed after a kill, see either the old file or the
 * whole new one: the bytes go to a temporary file in the same directory ({@code .NAME.UUID.tmp}),
 * are synced, and the temporary file is renamed over the target atomically. Every small result
 * file of the project is written this way.
 *
 * <p>A write that fails is bad input ({@link InvalidInputException}, exit status 2) only when the
 * path the user gave cannot hold a file: it is a directory, or one of its parents is a file. Any
 * other failure (a full disk, a permission error, a read-only file system) is the machine's
 * ({@link MachineFailureException}, exit status 1): the same command would work elsewhere.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that a process killed mid-write left in {@code dir} (they
     * never replaced their target, so nothing reads them).
     */
    public static void removeLeftovers(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(AtomicFiles::isLeftover).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new MachineFailureException(dir + ": cannot clean up temporary files: " + reason(e), e);
        }
    }

    private static boolean isLeftover(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p);
    }

    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new InvalidInputException(file + ": cannot write: not a file path");
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            // CREATE_NEW rather than Files.createTempFile: the latter makes the file owner-only,
            // and the rename would carry that mode over to the result.
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure(file, "cannot write", e);
        }
    }

    /**
     * The error to report for {@code e}, an I/O failure while writing {@code file} (or creating its
     * folders): bad input when the path cannot hold a file (it is a directory, or a parent is a
     * file), else a failure of the machine. {@code doing} says what failed, e.g. "cannot write".
     */
    public static RuntimeException failure(Path file, String doing, IOException e) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return new InvalidInputException(file + ": " + doing + ": is a directory; give a file name", e);
        }
        for (Path p = target.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    return new InvalidInputException(file + ": " + doing + ": " + p + " is a file, not a folder", e);
                }
                break;
            }
        }
        return new MachineFailureException(file + ": " + doing + ": " + reason(e), e);
    }

    /** A one-line reason for an I/O failure, naming the file where the exception does. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof NoSuchFileException missing) {
            return "no such file or directory " + missing.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }
}
