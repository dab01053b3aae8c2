package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsevit4j.results.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit report RUN_DIR}: the report of a search's run folder again (after copying the
 * folder, or with a newer version), the same one {@code sparsevit search} writes when it ends.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes RUN_DIR/report.html (one self-contained page: Pareto front with the baselines, "
                + "hypervolume per generation, per-layer sparsity, the front's table, provenance) and the charts as "
                + "RUN_DIR/plots/*.png and *.svg, from a search's result files; prints the page's path.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run folder of a search (its --out).")
    Path runDir;

    @Override
    public Integer call() {
        RunReport.Written page = RunReport.writeReport(runDir);
        page.chartsMissing().ifPresent(why -> spec.commandLine().getErr().println("warning: " + why));
        spec.commandLine().getOut().println(page.report().toAbsolutePath());
        return 0;
    }
}
