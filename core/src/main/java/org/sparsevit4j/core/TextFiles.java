package org.sparsevit4j.core;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the project's small text files (configurations, result files) with one-line errors that name the file. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The whole of {@code file} as UTF-8 text.
     *
     * @throws InvalidInputException when it is missing, a directory or not UTF-8; the message starts with the path
     * @throws MachineFailureException when it exists but cannot be read (permissions, a failing disk)
     */
    public static String readUtf8(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not a file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new MachineFailureException(file + ": cannot read: " + AtomicFiles.reason(e), e);
        }
    }
}
