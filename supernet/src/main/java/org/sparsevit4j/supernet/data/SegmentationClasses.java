package org.sparsevit4j.supernet.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The class list of a segmentation folder, read strictly from its {@code classes.json}:
 * {@code {"classes": ["background", "road", ...], "ignore_index": 255}}. {@code classes} is
 * required (1 to 255 distinct, non-blank names; mask value {@code i} is class {@code i});
 * {@code ignore_index} is optional (255 when absent) and must be an integer in
 * {@code [numClasses, 255]}, since masks are 8-bit and a class index cannot double as "ignore".
 * Any other field, a duplicate field, or a value of the wrong type is an error naming the file.
 *
 * @param classes class names in index order
 * @param ignoreIndex mask value of pixels that are not scored
 */
record SegmentationClasses(List<String> classes, int ignoreIndex) {

    static final String FILE_NAME = "classes.json";
    static final int DEFAULT_IGNORE_INDEX = 255;
    private static final String EXAMPLE = "{\"classes\": [\"background\", \"road\"], \"ignore_index\": 255}";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    SegmentationClasses {
        classes = List.copyOf(Objects.requireNonNull(classes, "classes"));
    }

    static SegmentationClasses read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file; a segmentation folder needs it, e.g. " + EXAMPLE, e);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try (var parser = MAPPER.createParser(text)) {
            root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new InvalidInputException(file + ": unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " "), e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file + ": expected a JSON object like " + EXAMPLE);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("classes") && !name.equals("ignore_index")) {
                throw new InvalidInputException(file + ": unknown field \"" + name
                        + "\"; the fields are \"classes\" and \"ignore_index\"");
            }
        }
        List<String> classes = readClasses(file, root.get("classes"));
        int ignoreIndex = readIgnoreIndex(file, root.get("ignore_index"), classes.size());
        return new SegmentationClasses(classes, ignoreIndex);
    }

    private static List<String> readClasses(Path file, JsonNode node) {
        if (node == null) {
            throw new InvalidInputException(file + ": missing field \"classes\"; expected " + EXAMPLE);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(file + ": \"classes\" must be a non-empty list of class names, found "
                    + kind(node));
        }
        if (node.size() > 255) {
            throw new InvalidInputException(file + ": \"classes\" has " + node.size()
                    + " names; 8-bit masks hold at most 255 classes besides the ignore index");
        }
        List<String> classes = new ArrayList<>(node.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new InvalidInputException(file + ": class " + i + " must be a non-blank string, found " + kind(name));
            }
            if (!seen.add(name.asText())) {
                throw new InvalidInputException(file + ": class " + i + " \"" + name.asText() + "\" appears twice");
            }
            classes.add(name.asText());
        }
        return classes;
    }

    private static int readIgnoreIndex(Path file, JsonNode node, int numClasses) {
        if (node == null) {
            return DEFAULT_IGNORE_INDEX;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInputException(file + ": \"ignore_index\" must be an integer, found " + kind(node));
        }
        int value = node.intValue();
        if (value < numClasses || value > 255) {
            throw new InvalidInputException(file + ": \"ignore_index\" " + value + " must be in [" + numClasses
                    + ", 255]: not a class index, and an 8-bit mask value");
        }
        return value;
    }

    private static String kind(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }
}
