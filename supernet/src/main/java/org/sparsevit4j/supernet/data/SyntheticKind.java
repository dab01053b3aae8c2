package org.sparsevit4j.supernet.data;

import java.util.List;
import java.util.Locale;
import org.sparsevit4j.core.InvalidInputException;

/**
 * Which built-in scenes: the benchmark, where sparsity has a price ({@link BenchmarkGenerator}), or
 * the easy scenes kept as a quick smoke test, which every configuration solves ({@link SceneGenerator}).
 */
public enum SyntheticKind {
    /** Small clustered objects told apart by fill hue and the tone of a thin rim, among clutter. */
    BENCHMARK("benchmark", "synthetic-benchmark", BenchmarkGenerator.VERSION, List.of(BenchmarkGenerator.classNames())),
    /** A few objects told apart by colour, shape and texture: easy for every configuration. */
    EASY("easy", "synthetic-scenes", SceneGenerator.VERSION, easyNames());

    private final String cliName;
    private final String identityPrefix;
    private final int version;
    private final List<String> objectClasses;

    SyntheticKind(String cliName, String identityPrefix, int version, List<String> objectClasses) {
        this.cliName = cliName;
        this.identityPrefix = identityPrefix;
        this.version = version;
        this.objectClasses = objectClasses;
    }

    /** The kind named {@code text} ({@code benchmark} or {@code easy}, any case). */
    public static SyntheticKind parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (SyntheticKind kind : values()) {
            if (kind.cliName.equals(name)) {
                return kind;
            }
        }
        throw new InvalidInputException("built-in data \"" + text + "\" must be benchmark or easy");
    }

    /** The name the command line and the files use. */
    public String cliName() {
        return cliName;
    }

    /** The version of the pictures, part of a dataset's identity. */
    public int version() {
        return version;
    }

    /** The names of the object classes, in class order (background excluded). */
    public List<String> objectClasses() {
        return objectClasses;
    }

    /** Classes of the scenes for {@code task}: the object classes, and the background for segmentation. */
    public int classCount(Task task) {
        return objectClasses.size() + (task == Task.SEGMENTATION ? 1 : 0);
    }

    /** The start of a dataset's identity, e.g. {@code synthetic-benchmark/v1}. */
    String identityPrefix() {
        return identityPrefix + "/v" + version;
    }

    RenderedScene render(long seed, int height, int width) {
        return switch (this) {
            case BENCHMARK -> BenchmarkGenerator.render(seed, height, width);
            case EASY -> SceneGenerator.render(seed, height, width);
        };
    }

    private static List<String> easyNames() {
        return java.util.Arrays.stream(SceneClass.values()).map(SceneClass::displayName).toList();
    }
}
