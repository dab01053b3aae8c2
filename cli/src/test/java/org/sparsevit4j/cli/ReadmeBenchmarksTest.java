package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark command the README names runs a benchmark: its {@code -Dtest=NAME} is a class in
 * the module its {@code -pl} names, tagged {@code benchmark}, with a test method, named so that
 * Surefire's includes ({@code *Test}, {@code *Benchmark}) select it; and no command selects by tag
 * alone, which once matched zero classes and ran nothing.
 */
class ReadmeBenchmarksTest {

    private static final Pattern COMMAND = Pattern.compile("mvn [^`]*");
    private static final Pattern MODULE = Pattern.compile("-pl ([\\w-]+)");
    private static final Pattern TEST = Pattern.compile("-Dtest=(\\w+)");

    @Test
    void everyBenchmarkCommandSelectsABenchmark() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        List<String> commands = new ArrayList<>();
        Matcher m = COMMAND.matcher(readme);
        while (m.find()) {
            if (m.group().contains("benchmark") || m.group().contains("Benchmark")) {
                commands.add(m.group());
            }
        }
        assertTrue(commands.size() >= 4, "benchmark commands in the README: " + commands);
        for (String command : commands) {
            Matcher module = MODULE.matcher(command);
            Matcher test = TEST.matcher(command);
            assertTrue(module.find() && test.find(), "names no module and benchmark class: " + command);
            assertTrue(command.contains("-am"), "without -am a fresh clone cannot resolve the sibling modules: "
                    + command);
            assertTrue(command.contains("-Dsparsevit.excludedGroups=none"), "leaves the benchmark tag excluded: "
                    + command);
            String name = test.group(1);
            assertTrue(name.endsWith("Benchmark") || name.endsWith("Test"), name + " matches no Surefire include");
            Path tests = root.resolve(module.group(1)).resolve("src/test/java");
            List<Path> found;
            try (Stream<Path> files = Files.walk(tests)) {
                found = files.filter(p -> p.getFileName().toString().equals(name + ".java")).toList();
            }
            assertFalse(found.isEmpty(), command + ": no " + name + ".java in " + tests);
            String source = Files.readString(found.get(0));
            assertTrue(source.contains("@Tag(\"benchmark\")") && source.contains("@Test"),
                    name + " is not a benchmark with a test method");
        }
    }
}
