package org.sparsevit4j.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Writes a file so that readers, and a search resumed after a kill, see either the old file or the
 * whole new one: the bytes go to a temporary file in the same directory, are synced, and the
 * temporary file is renamed over the target atomically (the pattern of {@code SparsityConfigJson.write}).
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Deletes the temporary files that a process killed mid-write left in {@code dir} (they
     * never replaced their target, so nothing reads them).
     */
    static void removeLeftovers(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(AtomicFiles::isLeftover).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot clean up temporary files: " + e.getMessage(), e);
        }
    }

    private static boolean isLeftover(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p);
    }

    static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
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
            throw new InvalidInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
