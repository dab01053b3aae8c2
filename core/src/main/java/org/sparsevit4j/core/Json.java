package org.sparsevit4j.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one JSON mapper of the project's files: records in and out, keys sorted at every level (so two
 * runs' files diff line by line), and strict reading: an unknown key, a missing primitive, a string
 * where a number belongs, a number where a whole number belongs or a number where text belongs is
 * bad input, named with its file and field, never a silent default. Paths are written as the user
 * gave them (Jackson's default is a {@code file://} URI, which is absolute and unreadable in a diff).
 */
public final class Json {

    /** The mapper; its configuration is the schema's rules, so nothing else configures its own. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("paths-as-written").addSerializer(Path.class, new ToStringSerializer())
                    .addDeserializer(Path.class, new FromStringDeserializer<>(Path.class) {
                        @Override
                        protected Path _deserialize(String value, DeserializationContext context) {
                            return Path.of(value);
                        }
                    }))
            // a number or boolean where text belongs is refused, not turned into its text: a budget of
            // 0.5 (GMACs) is not the "0.5x" (of dense) its writer may have meant
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** {@code value} as the project writes JSON: indented, keys sorted, a final newline. */
    public static String write(Object value) {
        try {
            // through the tree, whose keys are sorted at every level even where a record unwraps another
            return MAPPER.writeValueAsString(MAPPER.valueToTree(value)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} to {@code file} atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }

    /**
     * Writes {@code value} to {@code file} atomically on one line, keys sorted: for state files that
     * a program rewrites often and a person rarely reads (one gene per line would multiply their size).
     */
    public static void writeCompact(Path file, Object value) {
        AtomicFiles.writeString(file, compact(value) + "\n");
    }

    /** {@code value} on one line, keys sorted, no final newline: a line of a JSON-lines file. */
    public static String compact(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(MAPPER.valueToTree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads a file written by {@link #write(Path, Object)}. */
    public static <T> T read(Path file, Class<T> type) {
        return read(file, MAPPER.constructType(type));
    }

    /**
     * Reads {@code file} as {@code type}, strictly.
     *
     * @throws InvalidInputException one line naming the file and the field: missing, a folder, not
     *     JSON, an unknown key, a value of the wrong type
     */
    public static <T> T read(Path file, JavaType type) {
        return read(file, MAPPER.readerFor(type));
    }

    /**
     * Reads a file that carries its format in a {@code format} field, refusing one of another format
     * first: such a file may lack or add fields, and naming those would hide the real reason.
     */
    public static <T> T readFormat(Path file, Class<T> type, int format) {
        requireFormat(file, format);
        return read(file, type);
    }

    /** Refuses {@code file} unless its {@code format} field is {@code format}, before any other field is read. */
    public static void requireFormat(Path file, int format) {
        Object found = format(file);
        if (found == null) {
            throw new InvalidInputException(file + ": missing field \"format\"");
        }
        if (!(found instanceof Integer number) || number != format) {
            throw new InvalidInputException(file + ": format " + found + " is not " + format
                    + "; it was written by another version of sparsevit4j");
        }
    }

    /**
     * Reads a file whose keys may be left out, one a person writes (a batch job) or one an earlier
     * version wrote without the fields added since: an absent key reads as null, for the record to
     * give its default. Every other rule holds as in
     * {@link #read(Path, Class)}: an unknown key, a wrong type or malformed JSON is one line naming
     * the file and the field. Optional fields must therefore be of boxed types.
     */
    public static <T> T readWritten(Path file, Class<T> type) {
        return read(file, toleratingAbsentFields(type));
    }

    private static <T> T read(Path file, ObjectReader reader) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory, not a JSON file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        try {
            return reader.readValue(file.toFile());
        } catch (JsonMappingException e) {
            // a file cut short inside a value reaches the binder first; it is bad JSON, not a bad field
            throw new InvalidInputException(file + ": " + (e.getCause() instanceof JsonParseException p ? invalidJson(p)
                    : describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": " + invalidJson(e), e);
        } catch (IOException e) {
            throw new MachineFailureException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses {@code text} as {@code type}, strictly; {@code source} starts every error message. */
    public static <T> T parse(String text, Class<T> type, String source) {
        return parse(text, MAPPER.readerFor(type), source);
    }

    /**
     * A reader of {@code type} by the mapper's rules, except that a field absent from the text reads
     * as null: for files written by earlier versions, which lack the fields later ones added (the
     * record then says what those versions meant).
     */
    public static ObjectReader toleratingAbsentFields(Class<?> type) {
        return MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    }

    /** Parses {@code text} with {@code reader} (the mapper's, or a variant of it), errors as the mapper's. */
    public static <T> T parse(String text, ObjectReader reader, String source) {
        try {
            return reader.readValue(text);
        } catch (JsonMappingException e) {
            // a file cut short inside a value reaches the binder first; it is bad JSON, not a bad field
            throw new InvalidInputException(source + ": " + (e.getCause() instanceof JsonParseException p ? invalidJson(p)
                    : describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": " + invalidJson(e), e);
        }
    }

    /**
     * The top-level {@code format} and {@code version} of a file (each null when absent), every other
     * field left for the record of that format: a file of another format lacks or adds fields, which
     * would otherwise hide the real reason.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Header(Object format, Object version) {
    }

    /** The top-level {@code "format"} value of a JSON text (null when absent), read before the rest. */
    public static Object format(String text, String source) {
        return Json.<Header>parse(text, toleratingAbsentFields(Header.class), source).format();
    }

    /** {@link #format(String, String)} of a file. */
    public static Object format(Path file) {
        return header(file).format();
    }

    /** The {@link Header} of a file. */
    public static Header header(Path file) {
        return read(file, toleratingAbsentFields(Header.class));
    }

    private static String invalidJson(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return "invalid JSON" + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + " column "
                + at.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                .replaceAll(" \\(start marker at .*", "");
    }

    /**
     * One line: {@code "a.b[2]" must be a number, found the string "x"} for a value of the wrong
     * type, else {@code field "a.b[2]": message} (an unknown or missing field, a record's own rule).
     */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        if (e.getOriginalMessage().startsWith("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        if (e.getOriginalMessage().startsWith("No content to map")) {
            return "empty, where a JSON value belongs";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && !(e instanceof UnrecognizedPropertyException) && !e.getOriginalMessage().startsWith("Missing")) {
            return (path.isEmpty() ? "the top level" : "\"" + path + "\"") + " must be " + expected(m.getTargetType())
                    + ", found " + found(e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            // the keys allowed there, so that a misspelt key shows its right spelling
            return "unknown field \"" + path + "\"; the keys here are " + String.join(", ",
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        }
        if (e.getOriginalMessage().startsWith("Missing")) {
            return "missing field \"" + path + "\"";
        }
        // a record's own validation (its compact constructor) says the rule better than Jackson's wrapper
        String message = e.getCause() instanceof InvalidInputException invalid ? invalid.getMessage()
                : e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(class [^)]*\\)", "");
        return (path.isEmpty() ? "" : "field \"" + path + "\": ") + message;
    }

    private static String expected(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        return java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "a list" : "an object";
    }

    /** What was there instead: from the parser where it still stands on the value, else from Jackson's message. */
    private static String found(JsonMappingException e) {
        java.util.regex.Matcher coerce = java.util.regex.Pattern.compile("from (String|Number|Boolean|Floating-point|Float|Integer) value \\([\"']?(.*?)[\"']?\\)|"
                + "coerce (String|Number|Boolean|Floating-point|Float|Integer) value \\([\"']?(.*?)[\"']?\\)").matcher(e.getOriginalMessage());
        if (coerce.find()) {
            String kind = coerce.group(1) != null ? coerce.group(1) : coerce.group(3);
            String value = coerce.group(2) != null ? coerce.group(2) : coerce.group(4);
            return switch (kind) {
                case "String" -> "the string \"" + value + "\"";
                case "Boolean" -> "the boolean " + value;
                default -> "the number " + value;
            };
        }
        if (e.getProcessor() instanceof JsonParser parser && parser.currentToken() != null) {
            try {
                return switch (parser.currentToken()) {
                    case VALUE_STRING -> "the string \"" + parser.getText() + "\"";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
                    case VALUE_TRUE, VALUE_FALSE -> "the boolean " + parser.getText();
                    case VALUE_NULL -> "null";
                    case START_ARRAY, END_ARRAY -> "a list";
                    default -> "an object";
                };
            } catch (IOException io) {
                return "a value of another type";
            }
        }
        if (e.getOriginalMessage().contains("from Array value")) {
            return "a list";
        }
        return e.getOriginalMessage().contains("from Object value") ? "an object" : "a value of another type";
    }
}
