package org.sparsevit4j.cli;

import java.io.PrintWriter;
import org.sparsevit4j.core.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsevit4j.profiler.CalibratedTable;
import org.sparsevit4j.profiler.DeviceFingerprint;
import org.sparsevit4j.profiler.LatencyResult;
import org.sparsevit4j.profiler.LatencySummary;

/**
 * How {@code bench} and {@code profile} print measured configurations: a text table, or JSON rows
 * that each carry the device fingerprint. With a latency table, each row also shows the table's
 * prediction and its relative error.
 */
final class LatencyRows {

    private LatencyRows() {
    }

    /** {@code bench --json}: keys {@code latency_ms_*}, the fraction of the first row. */
    static void printBenchJson(PrintWriter out, List<LatencyResult> rows, DeviceFingerprint fingerprint) {
        List<Map<String, Object>> array = new ArrayList<>();
        for (LatencyResult r : rows) {
            Map<String, Object> row = common(r, fingerprint, "latency_ms_");
            row.put("latency_fraction", r.latencyFraction());
            array.add(row);
        }
        out.print(Json.write(array));
    }

    /** {@code profile --json}: keys {@code measured_ms_*} and {@code predicted_ms} (null without a table). */
    static void printProfileJson(PrintWriter out, List<LatencyResult> rows, CalibratedTable table,
            DeviceFingerprint fingerprint) {
        List<Map<String, Object>> array = new ArrayList<>();
        for (LatencyResult r : rows) {
            Map<String, Object> row = common(r, fingerprint, "measured_ms_");
            LatencySummary s = r.latency();
            Double predicted = table == null ? null : table.latencyMs(r.config());
            Double asBuilt = table == null ? null : table.table().latencyMs(r.config());
            row.put("predicted_ms", predicted);
            row.put("relative_error", predicted == null ? null : (predicted - s.medianMs()) / s.medianMs());
            row.put("predicted_ms_unanchored", asBuilt);
            row.put("relative_error_unanchored", asBuilt == null ? null : (asBuilt - s.medianMs()) / s.medianMs());
            row.put("latency_scale", table == null ? null : table.scale());
            array.add(row);
        }
        out.print(Json.write(array));
    }

    /** The keys both commands print; the summary's under {@code prefix} ({@code latency_ms_median}, ...). */
    private static Map<String, Object> common(LatencyResult r, DeviceFingerprint fingerprint, String prefix) {
        Map<String, Object> row = new LinkedHashMap<>();
        LatencySummary s = r.latency();
        row.put(prefix + "median", s.medianMs());
        row.put(prefix + "iqm", s.iqmMs());
        row.put(prefix + "p90", s.p90Ms());
        row.put(prefix + "std", s.stdMs());
        row.put(prefix + "min", s.minMs());
        row.put(prefix + "max", s.maxMs());
        row.put(prefix + "iqr", s.iqrMs());
        row.put("name", r.name());
        row.put("ratios", r.config().ratios());
        row.put("macs", r.macs());
        row.put("mac_fraction", r.macFraction());
        row.put("runs", r.latency().n());
        row.put("noisy", r.noisy());
        row.put("fingerprint", fingerprint);
        return row;
    }

    /** A text table; with {@code table}, predicted milliseconds and the error beside each row, and a summary line. */
    static void printText(PrintWriter out, List<LatencyResult> rows, CalibratedTable table) {
        out.printf(Locale.ROOT, "%-24s %7s %8s %9s %8s %8s %7s %4s %8s%s%n", "configuration", "GMACs", "MAC frac",
                "median ms", "IQM ms", "p90 ms", "std ms", "n", "lat frac",
                table == null ? "" : String.format(Locale.ROOT, " %12s %7s", "predicted ms", "error"));
        double[] errors = new double[rows.size()];
        double[] unanchored = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            LatencyResult r = rows.get(k);
            LatencySummary s = r.latency();
            String prediction = "";
            if (table != null) {
                double predicted = table.latencyMs(r.config());
                errors[k] = Math.abs(predicted - s.medianMs()) / s.medianMs();
                unanchored[k] = Math.abs(table.table().latencyMs(r.config()) - s.medianMs()) / s.medianMs();
                prediction = String.format(Locale.ROOT, " %12.1f %6.1f%%", predicted,
                        100 * (predicted - s.medianMs()) / s.medianMs());
            }
            out.printf(Locale.ROOT, "%-24s %7.3f %8.3f %9.1f %8.1f %8.1f %7.1f %4d %8.3f%s%s%n", r.name(),
                    r.macs() / 1e9, r.macFraction(), s.medianMs(), s.iqmMs(), s.p90Ms(), s.stdMs(), s.n(),
                    r.latencyFraction(), prediction, r.noisy() ? "  NOISY" : "");
        }
        if (table != null) {
            out.printf(Locale.ROOT, "table vs measured%s: median |error| %.1f%%, worst %.1f%% over %d configurations%n",
                    table.anchors().isEmpty() ? "" : String.format(Locale.ROOT, " (re-anchored x%.4f)", table.scale()),
                    100 * LatencySummary.median(errors), 100 * Arrays.stream(errors).max().orElse(0), rows.size());
            if (!table.anchors().isEmpty()) {
                out.printf(Locale.ROOT, "table as built, not re-anchored: median |error| %.1f%%, worst %.1f%%%n",
                        100 * LatencySummary.median(unanchored), 100 * Arrays.stream(unanchored).max().orElse(0));
            }
        }
        if (rows.stream().anyMatch(LatencyResult::noisy)) {
            out.println("NOISY: the passes of these configurations spread more than the allowed fraction of their "
                    + "median after every retry; close other work on the machine or raise --runs");
        }
    }
}
