package org.sparsevit4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict mapper: what it writes, and the one line it gives for each kind of bad file. */
class JsonTest {

    record Item(String name, double weight, int count, List<Integer> sizes) {
        Item {
            if (count < 0) {
                throw new InvalidInputException("count " + count + " must not be negative");
            }
        }
    }

    record Holder(Item item, Path where) {
    }

    @TempDir
    Path tmp;

    @Test
    void keysAreSortedAtEveryLevelAndPathsWrittenAsGiven() {
        String text = Json.write(new Holder(new Item("a", 0.5, 2, List.of(3)), Path.of("runs/x")));
        assertEquals("""
                {
                  "item" : {
                    "count" : 2,
                    "name" : "a",
                    "sizes" : [ 3 ],
                    "weight" : 0.5
                  },
                  "where" : "runs/x"
                }
                """, text);
        assertEquals(new Holder(new Item("a", 0.5, 2, List.of(3)), Path.of("runs/x")),
                Json.parse(text, Holder.class, "h"));
    }

    @Test
    void eachKindOfBadFileIsOneLineNamingTheFileAndTheField() throws Exception {
        String good = "{\"item\": {\"name\": \"a\", \"weight\": 0.5, \"count\": 2, \"sizes\": [3]}, \"where\": \"x\"}";
        assertEquals("f.json: \"item.weight\" must be a number, found the string \"heavy\"",
                message(good.replace("0.5", "\"heavy\"")));
        assertEquals("f.json: \"item.count\" must be a whole number, found the number 2.5",
                message(good.replace("\"count\": 2", "\"count\": 2.5")));
        assertEquals("f.json: unknown field \"item.title\"; the keys here are count, name, sizes, weight",
                message(good.replace("\"name\"", "\"title\": 1, \"name\"")));
        assertEquals("f.json: \"item.name\" must be a string, found the number 7",
                message(good.replace("\"a\"", "7")));
        assertEquals("f.json: \"item.name\" must be a string, found the number 7.5",
                message(good.replace("\"a\"", "7.5")));
        assertEquals("f.json: missing field \"item.count\"", message(good.replace("\"count\": 2, ", "")));
        assertEquals("f.json: field \"item\": count -1 must not be negative",
                message(good.replace("\"count\": 2", "\"count\": -1")));
        assertTrue(message("{\"item\": ").startsWith("f.json: invalid JSON at line 1 column "),
                message("{\"item\": "));
        for (String bad : List.of(good.replace("0.5", "\"heavy\""), "{\"item\": ")) {
            assertTrue(message(bad).lines().count() == 1, message(bad));
        }
        Path file = Files.writeString(tmp.resolve("f.json"), good.replace("[3]", "[\"three\"]"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.read(file, Holder.class));
        assertEquals(file + ": \"item.sizes[0]\" must be a whole number, found the string \"three\"", e.getMessage());
        assertEquals(tmp + ": is a directory, not a JSON file",
                assertThrows(InvalidInputException.class, () -> Json.read(tmp, Holder.class)).getMessage());
    }

    record Versioned(int format, String name) {
    }

    record Written(String name, Integer count) {
    }

    @Test
    void aFileOfAnotherFormatIsRefusedByItsFormatBeforeItsFields() throws IOException {
        Path current = Files.writeString(tmp.resolve("v1.json"), "{\"format\": 1, \"name\": \"a\"}");
        assertEquals(new Versioned(1, "a"), Json.readFormat(current, Versioned.class, 1));
        // a later format with a field this version does not know: the format is the reason given
        Path later = Files.writeString(tmp.resolve("v2.json"), "{\"format\": 2, \"name\": \"a\", \"extra\": 1}");
        assertEquals(later + ": format 2 is not 1; it was written by another version of sparsevit4j",
                assertThrows(InvalidInputException.class, () -> Json.readFormat(later, Versioned.class, 1)).getMessage());
        Path none = Files.writeString(tmp.resolve("v0.json"), "{\"name\": \"a\"}");
        assertEquals(none + ": missing field \"format\"",
                assertThrows(InvalidInputException.class, () -> Json.readFormat(none, Versioned.class, 1)).getMessage());
    }

    @Test
    void aFileAPersonWritesMayLeaveKeysOutButNotMisspellThem() throws IOException {
        Path partial = Files.writeString(tmp.resolve("job.json"), "{\"name\": \"a\"}");
        assertEquals(new Written("a", null), Json.readWritten(partial, Written.class));
        Path misspelt = Files.writeString(tmp.resolve("bad.json"), "{\"name\": \"a\", \"cuont\": 2}");
        assertEquals(misspelt + ": unknown field \"cuont\"; the keys here are count, name",
                assertThrows(InvalidInputException.class, () -> Json.readWritten(misspelt, Written.class)).getMessage());
    }

    private static String message(String text) {
        return assertThrows(InvalidInputException.class, () -> Json.parse(text, Holder.class, "f.json")).getMessage();
    }
}
