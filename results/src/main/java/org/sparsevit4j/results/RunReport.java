package org.sparsevit4j.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The report of a search's run folder: {@code report.html} (self-contained) and its charts as
 * {@code plots/NAME.png} and {@code plots/NAME.svg}. The same code serves {@code sparsevit search}
 * at the end of a run and {@code sparsevit report RUN_DIR} afterwards.
 *
 * <p>Everything is read and drawn in memory first, so bad input writes nothing; then each file is
 * written atomically ({@link AtomicFiles}), the page last.
 */
public final class RunReport {

    public static final String REPORT = "report.html";
    public static final String PLOTS = "plots";

    static final String PARETO_MACS = "pareto-macs";
    static final String PARETO_LATENCY = "pareto-latency";
    static final String HYPERVOLUME = "hypervolume";
    static final String LAYER_SPARSITY = "layer-sparsity";
    private static final List<String> ALL_CHARTS = List.of(PARETO_MACS, PARETO_LATENCY, HYPERVOLUME, LAYER_SPARSITY);

    private RunReport() {
    }

    /**
     * Writes the report of {@code runDir} and returns the path of {@code report.html}.
     *
     * @throws InvalidInputException when the folder or one of its result files is missing or malformed
     */
    public static Path write(Path runDir) {
        ChartRenderer.useHeadlessAwt();
        RunFolder run = RunFolderReader.read(runDir);
        List<RenderedChart> charts = charts(run);
        String html = ReportHtml.render(run, charts);

        Path plots = runDir.resolve(PLOTS);
        if (Files.isDirectory(plots)) {
            AtomicFiles.removeLeftovers(plots);
        }
        for (RenderedChart chart : charts) {
            AtomicFiles.write(plots.resolve(chart.name() + ".png"), chart.png());
            AtomicFiles.writeString(plots.resolve(chart.name() + ".svg"), chart.svg());
        }
        removeChartsNotDrawn(plots, charts);
        Path report = runDir.resolve(REPORT);
        AtomicFiles.writeString(report, html);
        return report;
    }

    /** The charts {@code run} has data for, in page order. */
    static List<RenderedChart> charts(RunFolder run) {
        List<RenderedChart> charts = new ArrayList<>();
        charts.add(ChartRenderer.render(PARETO_MACS, ParetoChart.ofMacs(run)));
        if (run.hasLatency()) {
            charts.add(ChartRenderer.render(PARETO_LATENCY, ParetoChart.ofLatency(run)));
        }
        if (!run.generations().isEmpty()) {
            charts.add(ChartRenderer.render(HYPERVOLUME, HypervolumeChart.of(run)));
        }
        charts.add(ChartRenderer.render(LAYER_SPARSITY, LayerSparsityChart.of(run)));
        return charts;
    }

    /** A chart of an earlier report that this run has no data for would otherwise be mistaken for a current one. */
    private static void removeChartsNotDrawn(Path plots, List<RenderedChart> drawn) {
        for (String name : ALL_CHARTS) {
            if (drawn.stream().noneMatch(c -> c.name().equals(name))) {
                for (String ext : List.of(".png", ".svg")) {
                    try {
                        Files.deleteIfExists(plots.resolve(name + ext));
                    } catch (IOException e) {
                        throw new InvalidInputException(plots.resolve(name + ext) + ": cannot remove an outdated chart: "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }
}
