package org.sparsevit4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
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
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} to {@code file} atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
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
        JsonNode found = read(file, JsonNode.class).get("format");
        if (found == null || !found.isInt() || found.intValue() != format) {
            throw new InvalidInputException(file + ": format " + found + " is not " + format
                    + "; it was written by another version of sparsevit4j");
        }
        return read(file, type);
    }

    /**
     * Reads a file that a person writes, such as a batch job, whose keys may be left out: an absent
     * key reads as null, for the record to give its default. Every other rule holds as in
     * {@link #read(Path, Class)}: an unknown key, a wrong type or malformed JSON is one line naming
     * the file and the field. Optional fields must therefore be of boxed types.
     */
    public static <T> T readWritten(Path file, Class<T> type) {
        return read(file, MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES));
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
            throw new InvalidInputException(file + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new MachineFailureException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses {@code text} as {@code type}, strictly; {@code source} starts every error message. */
    public static <T> T parse(String text, Class<T> type, String source) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonMappingException e) {
            throw new InvalidInputException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** {@code field a.b[2]: message} in one line. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown key \"" + unknown.getPropertyName() + "\"; the keys here are "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } else {
            // Jackson's advice on its own configuration means nothing to the file's writer
            message = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(class [^)]*\\)", "")
                    .replaceAll(" \\(but [^)]*\\)", "").replaceAll("`java\\.lang\\.(\\w+)`", "$1");
        }
        return (path.isEmpty() ? "" : "field \"" + path + "\": ") + message;
    }
}
