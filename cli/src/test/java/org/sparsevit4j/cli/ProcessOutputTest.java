package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a command prints reaches stdout in a real process, where {@link Main} ends with
 * System.exit: a {@code --json} document has no line end after it, and an unflushed writer lost it
 * (the in-process runner of the other tests cannot see that).
 */
class ProcessOutputTest {

    @Test
    void jsonOutputSurvivesTheProcessExit() throws Exception {
        List<String> command = ChildProcess.sparsevit(List.of(),
                "macs", "--arch", "swin_t", "--resolution", "224", "--json");
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue());
        String text = new String(out, StandardCharsets.UTF_8);
        JsonNode row = new ObjectMapper().readTree(text);
        assertTrue(row != null && row.isObject() && row.size() > 0, "stdout: [" + text + "]");
    }
}
