package org.sparsevit4j.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes a {@link SparsityConfig} as {@code {"ratios": [[0.3,0.3],[0,0],...]}}, the
 * shape of the reference implementation's {@code pruning_ratios}, so its configs can be pasted.
 *
 * <p>Reading is strict: anything but one {@code ratios} field holding lists of numbers is
 * rejected with a one-line {@link InvalidInputException} that starts with the source name. The
 * one exception is a search's result record ({@code best.json}): an object with a
 * {@code provenance} field is read for its {@code ratios} alone.
 * The JSON tree is walked by hand rather than bound to a class so that every message can name
 * the stage and block at fault.
 */
public final class SparsityConfigJson {

    private static final String FIELD = "ratios";
    /** The field that marks a search's result record, whose other fields are ignored on reading. */
    private static final String RESULT_MARKER = "provenance";
    private static final String EXAMPLE = "{\"ratios\": [[0.3,0.3],[0,0],[0.1,0.1,0.2,0.2,0.2,0.2],[0,0]]}";

    // NaN and Infinity are read as numbers so that the ratio check can reject them with their
    // stage and block; Jackson's own error for them only names a parser feature.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SparsityConfigJson() {
    }

    /** Parses {@code json}; {@code sourceName} (a file path, "stdin", ...) starts every error message. */
    public static SparsityConfig parse(String json, String sourceName) {
        JsonNode root;
        try {
            // Editors on Windows may start UTF-8 files with a byte-order mark; JSON forbids it.
            String text = json == null ? "" : json.startsWith("\uFEFF") ? json.substring(1) : json;
            root = text.isBlank() ? null : readOneValue(text, sourceName);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(sourceName + ": invalid JSON" + where(e.getLocation())
                    + ": " + jacksonMessage(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(sourceName + ": is empty; expected " + EXAMPLE);
        }
        if (!root.isObject()) {
            throw new InvalidInputException(sourceName + ": expected a JSON object like " + EXAMPLE
                    + ", found " + describe(root));
        }
        // A result record (best.json) carries its objectives and provenance beside the ratios and
        // must be usable as --config as it is; a hand-written config stays strict, so a misspelt
        // field is caught rather than silently ignored.
        boolean resultRecord = root.has(RESULT_MARKER);
        for (Iterator<String> names = root.fieldNames(); names.hasNext() && !resultRecord; ) {
            String name = names.next();
            if (!FIELD.equals(name)) {
                throw new InvalidInputException(sourceName + ": unknown field \"" + oneLine(name)
                        + "\"; the only field is \"" + FIELD + "\"");
            }
        }
        JsonNode stages = root.get(FIELD);
        if (stages == null) {
            throw new InvalidInputException(sourceName + ": missing field \"" + FIELD + "\"; expected " + EXAMPLE);
        }
        if (!stages.isArray()) {
            throw new InvalidInputException(sourceName + ": \"" + FIELD
                    + "\" must be a list with one list of numbers per stage, found " + describe(stages));
        }
        List<List<Double>> ratios = new ArrayList<>(stages.size());
        for (int s = 0; s < stages.size(); s++) {
            JsonNode stage = stages.get(s);
            if (!stage.isArray()) {
                throw new InvalidInputException(sourceName + ": stage " + s
                        + " must be a list of numbers, one per block, found " + describe(stage));
            }
            List<Double> blocks = new ArrayList<>(stage.size());
            for (int b = 0; b < stage.size(); b++) {
                JsonNode ratio = stage.get(b);
                if (!ratio.isNumber()) {
                    throw new InvalidInputException(sourceName + ": stage " + s + " block " + b
                            + ": expected a number (one of " + SparsityConfig.ALLOWED + "), found "
                            + describe(ratio));
                }
                blocks.add(ratio.doubleValue());
            }
            ratios.add(blocks);
        }
        try {
            return SparsityConfig.ofRatios(ratios);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /** Reads a config file; messages start with the file's path. */
    public static SparsityConfig read(Path file) {
        return parse(TextFiles.readUtf8(file), file.toString());
    }

    /** Reads a config file and checks that it has one ratio per block of {@code arch}. */
    public static SparsityConfig read(Path file, ArchitectureSpec arch) {
        SparsityConfig config = read(file);
        try {
            config.requireMatches(arch);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** Pretty JSON with one stage per line; the same config always gives the same text. */
    public static String toJson(SparsityConfig config) {
        StringBuilder sb = new StringBuilder("{\n  \"").append(FIELD).append("\": [\n");
        for (int s = 0; s < config.numStages(); s++) {
            sb.append("    [");
            for (int b = 0; b < config.depth(s); b++) {
                sb.append(b == 0 ? "" : ", ").append(SparsityConfig.format(config.level(s, b)));
            }
            sb.append(s + 1 < config.numStages() ? "],\n" : "]\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    /**
     * Writes {@code config} to {@code file} so that readers see either the old file or the whole
     * new one: the text goes to a temporary file in the same directory, is synced, and is then
     * renamed over {@code file} atomically. Missing parent directories are created.
     */
    public static void write(SparsityConfig config, Path file) {
        AtomicFiles.writeString(file, toJson(config));
    }

    /**
     * The single JSON value in {@code text}. Trailing content is checked here rather than with
     * Jackson's FAIL_ON_TRAILING_TOKENS, whose message names Jackson classes.
     */
    private static JsonNode readOneValue(String text, String sourceName) throws JsonProcessingException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new InvalidInputException(sourceName + ": invalid JSON"
                        + where(parser.currentTokenLocation()) + ": unexpected content after the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String cannot fail", e);
        }
    }

    /** Jackson's message without its input-source descriptions, which only say "REDACTED". */
    private static String jacksonMessage(JsonProcessingException e) {
        return oneLine(e.getOriginalMessage())
                .replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)]", "line $1 column $2");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string \"" + oneLine(node.textValue()) + "\"";
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + node.booleanValue();
            case NUMBER -> "the number " + node.asText();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
