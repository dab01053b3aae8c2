package org.sparsevit4j.supernet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A hash of a dataset folder's file list: each file's path relative to the root, size and
 * modification time, sorted. Reading every byte would make opening a large dataset slow; an edit
 * that keeps size and time is not worth that price. Files that cannot be read still count, by
 * name.
 */
final class FolderFingerprint {

    private final Path root;
    private final List<String> lines = new ArrayList<>();

    FolderFingerprint(Path root) {
        this.root = root;
    }

    void add(Path file) {
        String name = root.relativize(file).toString().replace('\\', '/');
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            lines.add(name + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            lines.add(name + "\tunreadable");
        }
    }

    /** The first 16 hex digits of the SHA-256 of the sorted lines. */
    String digest() {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : sorted) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
