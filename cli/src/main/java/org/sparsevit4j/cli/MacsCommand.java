package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.MacCount;
import org.sparsevit4j.core.MacCounter;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit macs}: analytic MACs of a configuration and its fraction of dense. */
@Command(name = "macs", mixinStandardHelpOptions = true,
        description = "Analytic MACs of the backbone under a sparsity configuration, and their fraction of dense.")
public final class MacsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "swin_t",
            description = "Architecture preset: swin_micro, swin_t, swin_s or swin_b. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--resolution", paramLabel = "SIZE", defaultValue = "672", converter = ResolutionConverter.class,
            description = "Input size: a side (672) or height x width (256x192). Default: ${DEFAULT-VALUE}.")
    Resolution resolution;

    @Option(names = "--config", paramLabel = "FILE", description = "Sparsity configuration JSON (default: dense).")
    Path config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        ArchitectureSpec spec = ArchitectureSpec.preset(arch);
        SparsityConfig cfg = config == null ? SparsityConfig.dense(spec) : SparsityConfigJson.read(config, spec);
        MacCount count = MacCounter.count(spec, resolution.height(), resolution.width(), cfg);
        MacCount dense = MacCounter.count(spec, resolution.height(), resolution.width(), SparsityConfig.dense(spec));
        double fraction = (double) count.backbone() / dense.backbone();
        var out = this.spec.commandLine().getOut();
        if (json) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arch", spec.name());
            row.put("height", resolution.height());
            row.put("width", resolution.width());
            row.put("ratios", cfg.ratios());
            row.put("macs", count.backbone());
            row.put("gmacs", count.backbone() / 1e9);
            row.put("mac_fraction", fraction);
            row.put("dense_macs", dense.backbone());
            row.put("head_macs", count.head());
            row.put("block_macs", count.perBlock());
            out.print(Json.write(row));
        } else {
            out.printf(Locale.ROOT, "%s at %s, ratios %s%n", spec.name(), resolution, cfg.compact());
            out.printf(Locale.ROOT, "  backbone %10.3f GMACs  %5.1f%% of dense (%.3f GMACs)%n", count.backbone() / 1e9,
                    100 * fraction, dense.backbone() / 1e9);
            out.printf(Locale.ROOT, "  head     %10.3f GMACs  (not in the fraction)%n", count.head() / 1e9);
        }
        return 0;
    }
}
