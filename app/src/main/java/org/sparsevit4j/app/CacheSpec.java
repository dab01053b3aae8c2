package org.sparsevit4j.app;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.evaluator.ResultCache;
import org.sparsevit4j.evaluator.SplitEvaluator;
import org.sparsevit4j.supernet.data.Split;
import org.sparsevit4j.supernet.model.Precision;

/**
 * Where evaluation results are kept across runs.
 *
 * @param directory the cache folder, or null for the default
 * @param off whether the cache is neither read nor written
 */
public record CacheSpec(Path directory, boolean off) {

    private static final Pattern SEMANTICS = Pattern.compile("^semantics=(\\d+);");

    /** The default folder, on. */
    public static CacheSpec standard() {
        return new CacheSpec(null, false);
    }

    /**
     * The key of an evaluation: everything its results depend on besides the configuration. The
     * semantics version keeps results of older code from being served ({@link SplitEvaluator}
     * says when it rises).
     */
    public static String key(String weightsSha256, String dataIdentity, Split split, int height, int width,
            Precision precision) {
        return "semantics=" + SplitEvaluator.EVALUATION_SEMANTICS + ";weights=" + weightsSha256 + ";data="
                + dataIdentity + ";split=" + split.name() + ";resolution=" + height + "x" + width
                + (precision == Precision.F32 ? "" : ";dtype=" + precision.cliName());
    }

    /** The semantics version a key was made under; empty for keys of versions before there was one. */
    public static OptionalInt semantics(String key) {
        Matcher m = SEMANTICS.matcher(key);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The folder this spec names: the given one, or the default. */
    public Path folder() {
        return directory != null ? directory : defaultDirectory();
    }

    /** The cache of one (weights, data, split, resolution) key. */
    public ResultCache open(String key) {
        if (off) {
            return ResultCache.inMemory();
        }
        return ResultCache.open(folder(), key);
    }

    /** {@code $XDG_CACHE_HOME/sparsevit4j/evaluations}, or {@code ~/.cache/sparsevit4j/evaluations}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sparsevit4j").resolve("evaluations");
    }
}
