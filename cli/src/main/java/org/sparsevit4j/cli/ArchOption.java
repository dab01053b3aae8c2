package org.sparsevit4j.cli;

import org.sparsevit4j.core.ArchitectureSpec;
import picocli.CommandLine.Option;

/** {@code --arch}: a preset architecture by name. */
public final class ArchOption {

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Architecture preset: swin_micro, swin_t, swin_s or swin_b.")
    String name;

    /** The named preset, or {@code fallback} when none was given. */
    ArchitectureSpec orDefault(String fallback) {
        return ArchitectureSpec.preset(name != null ? name : fallback);
    }

    boolean given() {
        return name != null;
    }

    /** Fails with the list of presets when {@code name} is not one. */
    static void requireKnown(String name) {
        ArchitectureSpec.preset(name);
    }
}
