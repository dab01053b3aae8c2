package org.sparsevit4j.supernet.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;

/**
 * The class list of a segmentation folder, read strictly from its {@code classes.json}:
 * {@code {"classes": ["background", "road", ...], "ignore_index": 255}}. {@code classes} is
 * required (1 to 255 distinct, non-blank names; mask value {@code i} is class {@code i});
 * {@code ignore_index} is optional (255 when absent) and must be an integer in
 * {@code [numClasses, 255]}, since masks are 8-bit and a class index cannot double as "ignore".
 * The file is read by the project's JSON rules ({@link Json}): any other field, a duplicate field,
 * or a value of the wrong type is an error naming the file and the field.
 *
 * @param classes class names in index order
 * @param ignoreIndex mask value of pixels that are not scored
 */
record SegmentationClasses(List<String> classes, int ignoreIndex) {

    static final String FILE_NAME = "classes.json";
    static final int DEFAULT_IGNORE_INDEX = 255;
    private static final String EXAMPLE = "{\"classes\": [\"background\", \"road\"], \"ignore_index\": 255}";

    SegmentationClasses {
        classes = List.copyOf(Objects.requireNonNull(classes, "classes"));
    }

    /** The file as written; both fields may be absent from the text (null), the rules below say what that means. */
    private record ClassesFile(List<String> classes, @JsonProperty("ignore_index") Integer ignoreIndex) {
    }

    static SegmentationClasses read(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such file; a segmentation folder needs it, e.g. " + EXAMPLE);
        }
        ClassesFile read = Json.readWritten(file, ClassesFile.class);
        List<String> classes = checkClasses(file, read.classes());
        return new SegmentationClasses(classes, checkIgnoreIndex(file, read.ignoreIndex(), classes.size()));
    }

    private static List<String> checkClasses(Path file, List<String> classes) {
        if (classes == null) {
            throw new InvalidInputException(file + ": missing field \"classes\"; expected " + EXAMPLE);
        }
        if (classes.isEmpty()) {
            throw new InvalidInputException(file + ": \"classes\" must be a non-empty list of class names");
        }
        if (classes.size() > 255) {
            throw new InvalidInputException(file + ": \"classes\" has " + classes.size()
                    + " names; 8-bit masks hold at most 255 classes besides the ignore index");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            String name = classes.get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(file + ": class " + i + " must be a non-blank string, found "
                        + (name == null ? "null" : "\"" + name + "\""));
            }
            if (!seen.add(name)) {
                throw new InvalidInputException(file + ": class " + i + " \"" + name + "\" appears twice");
            }
        }
        return classes;
    }

    private static int checkIgnoreIndex(Path file, Integer value, int numClasses) {
        if (value == null) {
            return DEFAULT_IGNORE_INDEX;
        }
        if (value < numClasses || value > 255) {
            throw new InvalidInputException(file + ": \"ignore_index\" " + value + " must be in [" + numClasses
                    + ", 255]: not a class index, and an 8-bit mask value");
        }
        return value;
    }
}
