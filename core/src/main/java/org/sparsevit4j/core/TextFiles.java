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
     * @throws InvalidInputException when it is missing, unreadable or not UTF-8; the message starts with the path
     */
    public static String readUtf8(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + AtomicFiles.reason(e), e);
        }
    }
}
