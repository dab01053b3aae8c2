package org.sparsevit4j.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.evaluator.ResultCache;
import org.sparsevit4j.evaluator.SplitEvaluator;

/** The evaluation cache as a whole: what it holds, and removing it. */
public final class Caches {

    private Caches() {
    }

    /**
     * What an evaluation cache folder holds.
     *
     * @param folder the folder
     * @param exists whether it exists
     * @param files cache files (one per model, data, split and resolution)
     * @param results evaluation results over all files
     * @param bytes their size on disk
     * @param semantics this build's {@link SplitEvaluator#EVALUATION_SEMANTICS}
     * @param staleFiles files keyed by another semantics version, which this build never reads
     * @param staleResults the results in them
     */
    public record Info(Path folder, boolean exists, int files, long results, long bytes, int semantics,
            int staleFiles, long staleResults) {
    }

    /** What {@code cache}'s folder holds. */
    public static Info info(CacheSpec cache) {
        Path folder = cache.folder();
        int semantics = SplitEvaluator.EVALUATION_SEMANTICS;
        if (!Files.exists(folder)) {
            return new Info(folder, false, 0, 0, 0, semantics, 0, 0);
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("evaluation cache " + folder + ": is a file, not a folder");
        }
        int files = 0;
        int staleFiles = 0;
        long results = 0;
        long staleResults = 0;
        long bytes = 0;
        for (Path file : cacheFiles(folder)) {
            try {
                ResultCache.Contents contents = ResultCache.contents(file);
                files++;
                results += contents.results();
                bytes += Files.size(file);
                OptionalInt version = CacheSpec.semantics(contents.key());
                if (version.isEmpty() || version.getAsInt() != semantics) {
                    staleFiles++;
                    staleResults += contents.results();
                }
            } catch (IOException e) {
                throw new MachineFailureException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return new Info(folder, true, files, results, bytes, semantics, staleFiles, staleResults);
    }

    /**
     * Removes {@code cache}'s folder and returns what it held. The folder is first renamed aside in
     * one atomic step, so no evaluation ever reads a half-removed cache; a run that is writing to it
     * meanwhile starts its file again. A folder that holds anything but cache files is refused (a
     * mistyped {@code --cache-dir} must not cost a user their files).
     */
    public static Info clear(CacheSpec cache) {
        Info before = info(cache);
        if (!before.exists()) {
            return before;
        }
        Path folder = before.folder().toAbsolutePath();
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> others = entries.filter(p -> !ResultCache.isCacheFile(p)).sorted().toList();
            if (!others.isEmpty()) {
                throw new InvalidInputException(folder + " holds " + others.get(0).getFileName()
                        + (others.size() > 1 ? " and " + (others.size() - 1) + " more" : "")
                        + ", which is not an evaluation cache file; not clearing it");
            }
        } catch (IOException e) {
            throw AtomicFiles.failure(folder, "cannot list", e);
        }
        Path aside = folder.resolveSibling("." + folder.getFileName() + "." + UUID.randomUUID() + ".clearing");
        try {
            Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> all = Files.walk(aside)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new MachineFailureException(folder + ": cannot remove the evaluation cache: " + e.getMessage(), e);
        }
        return before;
    }

    private static List<Path> cacheFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(ResultCache::isCacheFile).sorted().toList();
        } catch (IOException e) {
            throw AtomicFiles.failure(folder, "cannot list", e);
        }
    }
}
