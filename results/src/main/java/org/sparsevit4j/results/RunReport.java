package org.sparsevit4j.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
        return writeReport(runDir).report();
    }

    /**
     * The report written, and why its charts are missing when they are: Java2D draws text with the
     * machine's fonts, and a machine without any (a minimal container, a GPU box with a bare
     * runtime) cannot draw a chart at all. The page is then written without charts, saying why,
     * rather than failing a search whose results are already on disk.
     */
    public record Written(Path report, Optional<String> chartsMissing) {
    }

    /** As {@link #write}, and tells whether the charts could be drawn. */
    public static Written writeReport(Path runDir) {
        RunFolder run = RunFolderReader.read(runDir);
        Drawn drawn = draw(() -> charts(run), "sparsevit report " + runDir);
        String html = ReportHtml.render(run, drawn.charts(), drawn.missing());
        return new Written(writePage(runDir, REPORT, html, drawn.charts(), ALL_CHARTS), drawn.missing());
    }

    /** The charts of a page, or none and why (see {@link Written}). */
    record Drawn(List<RenderedChart> charts, Optional<String> missing) {
    }

    /**
     * Draws a page's charts in memory; where the machine has no fonts, none, and a line saying so
     * that ends with {@code redo}, what to run once fonts are installed.
     */
    static Drawn draw(Supplier<List<RenderedChart>> charts, String redo) {
        ChartRenderer.useHeadlessAwt();
        try {
            return new Drawn(charts.get(), Optional.empty());
        } catch (RuntimeException | LinkageError | InternalError e) {
            if (!isFontFailure(e)) {
                throw e;
            }
            return new Drawn(List.of(), Optional.of("charts not drawn: Java2D could not draw text (" + e.getMessage()
                    + "); install fontconfig and a font (e.g. Debian's fonts-dejavu-core), then " + redo));
        }
    }

    /**
     * Writes {@code charts} into {@code dir/plots/} and the page as {@code dir/page}, each atomically, the
     * page last; a chart among {@code names} that was not drawn this time is removed, since it would
     * otherwise be mistaken for a current one.
     */
    static Path writePage(Path dir, String page, String html, List<RenderedChart> charts, List<String> names) {
        Path plots = dir.resolve(PLOTS);
        if (Files.isDirectory(plots)) {
            AtomicFiles.removeLeftovers(plots);
        }
        for (RenderedChart chart : charts) {
            AtomicFiles.write(plots.resolve(chart.name() + ".png"), chart.png());
            AtomicFiles.writeString(plots.resolve(chart.name() + ".svg"), chart.svg());
        }
        removeChartsNotDrawn(plots, charts, names);
        Path file = dir.resolve(page);
        AtomicFiles.writeString(file, html);
        return file;
    }

    /** Whether Java2D failed for want of fonts (the message or a class on the way names them). */
    static boolean isFontFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("font")) {
                return true;
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().contains("Font")) {
                    return true;
                }
            }
        }
        return false;
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

    private static void removeChartsNotDrawn(Path plots, List<RenderedChart> drawn, List<String> names) {
        for (String name : names) {
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
