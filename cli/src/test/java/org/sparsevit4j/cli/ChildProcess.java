package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code sparsevit} in a child JVM, for tests that need a real process (exit, signals). */
final class ChildProcess {

    private ChildProcess() {
    }

    /** {@code java [jvmOptions] -cp <this test's class path> Main args...}, with this JVM's java. */
    static List<String> sparsevit(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
