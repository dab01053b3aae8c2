package org.sparsevit4j.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build recorded about itself in {@code build.properties} (written by the build from
 * {@code git}; see search-core's pom): the project version and the commit the classes were built
 * from. A build without git, or classes compiled outside Maven, give {@code unknown} and
 * {@code development}, never an error: provenance must not fail a search.
 */
public final class BuildInfo {

    static final String UNKNOWN = "unknown";

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The project version, or {@code development} when the classes were not built by Maven. */
    public static String version() {
        return PROPERTIES.getProperty("version", "development");
    }

    /** The full commit hash, or {@code unknown}. */
    public static String gitCommit() {
        return PROPERTIES.getProperty("gitCommit", UNKNOWN);
    }

    /** Whether tracked files differed from the commit at build time: {@code true}, {@code false} or {@code unknown}. */
    public static String gitDirty() {
        return PROPERTIES.getProperty("gitDirty", UNKNOWN);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // a damaged resource reads as an unknown build
        }
        return p;
    }
}
