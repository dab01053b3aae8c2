package org.sparsevit4j.supernet.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;

/** Constants and message helpers shared by the reader and the writer. */
final class SafetensorsFormat {

    /** Header key of the string-to-string metadata map. */
    static final String METADATA_KEY = "__metadata__";

    /** Bytes of the little-endian header length that starts every file. */
    static final int LENGTH_PREFIX_BYTES = 8;

    /** The writer pads the header so that the data starts at a multiple of this. */
    static final int DATA_ALIGNMENT = 8;

    /**
     * Largest header accepted. The reference implementation uses the same limit; it keeps a corrupt
     * length prefix from making us allocate gigabytes for the header.
     */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Strict about duplicate keys and trailing garbage, which would otherwise pass silently. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafetensorsFormat() {}

    /** {@code s} in single quotes, with control characters escaped so messages stay one line. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        appendEscaped(b, s);
        return b.append('\'').toString();
    }

    /** A path for a message, with control characters escaped so messages stay one line. */
    static String describe(Path file) {
        StringBuilder b = new StringBuilder();
        appendEscaped(b, file.toString());
        return b.toString();
    }

    /** Collapses whitespace runs (line breaks included) of a foreign message into single spaces. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        appendEscaped(b, s.strip().replaceAll("\\s+", " "));
        return b.toString();
    }

    private static void appendEscaped(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
    }
}
