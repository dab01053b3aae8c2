package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.app.Caches;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit cache --info | --clear}: the evaluation cache that evaluate and search share. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Shows the evaluation cache (--info: its folder, files, results, size and the evaluation "
                + "semantics version) or removes it (--clear).")
public final class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    /** Exactly one of the two. */
    static final class Action {
        @Option(names = "--info", required = true, description = "Show where the cache is and what it holds.")
        boolean info;

        @Option(names = "--clear", required = true, description = "Remove the cache folder (refused when it holds "
                + "anything but cache files).")
        boolean clear;
    }

    @Option(names = "--cache-dir", paramLabel = "DIR", description = CacheOptions.DIRECTORY_HELP)
    Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CacheSpec cache = new CacheSpec(directory, false);
        if (action.clear) {
            Caches.Info removed = Caches.clear(cache);
            out.println(removed.exists()
                    ? String.format(Locale.ROOT, "removed the evaluation cache %s: %d results in %d files, %s",
                            removed.folder(), removed.results(), removed.files(), size(removed.bytes()))
                    : "no evaluation cache at " + removed.folder() + "; nothing to remove");
            return 0;
        }
        Caches.Info info = Caches.info(cache);
        out.println("folder     " + info.folder() + (info.exists() ? "" : " (does not exist yet)"));
        out.printf(Locale.ROOT, "results    %d in %d files, %s%n", info.results(), info.files(), size(info.bytes()));
        out.printf(Locale.ROOT, "semantics  %d (this build's EVALUATION_SEMANTICS)%s%n", info.semantics(),
                info.staleFiles() == 0 ? "" : String.format(Locale.ROOT, "; %d results in %d files are of another "
                        + "version and never served", info.staleResults(), info.staleFiles()));
        return 0;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
