package org.sparsevit4j.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.Json;

/**
 * The files of an ablation: {@code ablation.json} ({@link AblationResult}) and {@code ablation.html},
 * self-contained, its charts inline. Charts are drawn in memory first; each file is written
 * atomically, the page last.
 */
public final class AblationReport {

    public static final String JSON = "ablation.json";
    public static final String HTML = "ablation.html";

    private AblationReport() {
    }

    /** The files written, and why the page has no charts when it has none (no fonts, see {@link RunReport}). */
    public record Written(Path json, Path html, Optional<String> chartsMissing) {
    }

    public static Written write(Path dir, AblationResult result) {
        ChartRenderer.useHeadlessAwt();
        List<RenderedChart> charts;
        Optional<String> missing = Optional.empty();
        try {
            charts = List.of(ChartRenderer.render(AblationCharts.ADAPTATION, AblationCharts.adaptation(result)),
                    ChartRenderer.render(AblationCharts.BUDGETS, AblationCharts.budgets(result)));
        } catch (RuntimeException | LinkageError | InternalError e) {
            if (!RunReport.isFontFailure(e)) {
                throw e;
            }
            charts = List.of();
            missing = Optional.of("charts not drawn: Java2D could not draw text (" + e.getMessage() + "); install "
                    + "fontconfig and a font (e.g. Debian's fonts-dejavu-core)");
        }
        Path json = dir.resolve(JSON);
        Json.write(json, result);
        Path html = dir.resolve(HTML);
        AtomicFiles.writeString(html, AblationHtml.render(result, charts, missing));
        return new Written(json, html, missing);
    }
}
