package org.sparsevit4j.supernet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Lists the folders and image files of a dataset folder. Names starting with a dot are left out
 * (editor and macOS side files such as {@code ._cat.jpg} are not images); everything is sorted by
 * name so that indices, splits and identities do not depend on the file system's order.
 */
final class FolderScan {

    /** Image name endings read, in lower case. */
    static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private FolderScan() {
    }

    /** Fails with a message naming {@code dir} unless it is an existing folder. */
    static void requireFolder(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(dir + ": no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": is not a folder");
        }
    }

    /** The visible subfolders of {@code dir}, sorted by name. */
    static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** The visible {@code .png/.jpg/.jpeg} files in {@code dir} (and below, if {@code recursive}), sorted. */
    static List<Path> images(Path dir, boolean recursive) {
        try (Stream<Path> entries = recursive ? Files.walk(dir) : Files.list(dir)) {
            List<Path> files = new ArrayList<>(entries
                    .filter(p -> !p.equals(dir))
                    .filter(p -> !hiddenBelow(dir, p))
                    .filter(Files::isRegularFile)
                    .filter(FolderScan::isImageName)
                    .toList());
            files.sort(null);
            return files;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The file name without its extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** What the folder should hold, for messages. */
    static String expectedImages() {
        return String.join("/", IMAGE_EXTENSIONS) + " images";
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
