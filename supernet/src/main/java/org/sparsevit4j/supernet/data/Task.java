package org.sparsevit4j.supernet.data;

import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;

/** What a dataset's targets are: one class per image, or one class per pixel. */
public enum Task {
    /** One label per image; {@link Sample#label()} holds it and {@link Sample#mask()} is null. */
    CLASSIFICATION,
    /** One class per pixel; {@link Sample#mask()} holds them and {@link Sample#label()} is -1. */
    SEGMENTATION;

    /** The task named {@code text} ({@code classification} or {@code segmentation}, any case). */
    public static Task parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Task task : values()) {
            if (task.name().equals(name)) {
                return task;
            }
        }
        throw new InvalidInputException("task \"" + text + "\" must be classification or segmentation");
    }

    /** The lower-case name the command line uses. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
