package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Two folders written by the same run here and on Spark, compared file by file. */
final class SameFiles {

    private SameFiles() {
    }

    /**
     * Asserts that {@code here} and {@code there} hold the same files with the same bytes, but for each
     * folder's own path (which reports give), and returns their paths relative to the folder.
     */
    static List<Path> assertSame(Path here, Path there) throws IOException {
        List<Path> files = files(here);
        assertEquals(files, files(there));
        for (Path file : files) {
            assertEquals(withoutFolder(here, file), withoutFolder(there, file), file + " differs");
        }
        return files;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    private static String withoutFolder(Path run, Path file) throws IOException {
        return new String(Files.readAllBytes(run.resolve(file)), StandardCharsets.ISO_8859_1)
                .replace(run.toAbsolutePath().toString(), "RUN_FOLDER");
    }
}
