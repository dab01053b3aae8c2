package org.sparsevit4j.results;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.core.NanAsNull;

/**
 * Per-class IoU of a search's chosen configuration and of reference configurations (the dense
 * model when it was evaluated), on the split the search ran on: what a segmentation user compares
 * class by class. Written by a segmentation search into its run folder ({@value #FILE}), read by the
 * report. A class that occurs neither in the labels nor in the predictions has no IoU ({@code null}
 * in the file, {@code NaN} here).
 *
 * @param split the split evaluated
 * @param classes class names in class-index order
 * @param columns one per configuration, the chosen one first
 */
public record ClassIouTable(String split, List<String> classes, List<Column> columns) {

    public static final String FILE = "class-iou.json";

    /**
     * One configuration's IoUs.
     *
     * @param name what it is ({@code chosen}, {@code dense})
     * @param ratios its ratios in the compact form
     * @param miou its mIoU
     * @param iou one IoU per class, in class-index order; NaN where undefined
     */
    public record Column(String name, String ratios, double miou,
            @JsonSerialize(contentUsing = NanAsNull.class) List<Double> iou) {

        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ratios, "ratios");
            Objects.requireNonNull(iou, "iou");
            // null in the file is an undefined IoU
            iou = Collections.unmodifiableList(iou.stream().map(v -> v == null ? Double.NaN : v).toList());
        }
    }

    public ClassIouTable {
        Objects.requireNonNull(split, "split");
        classes = List.copyOf(classes);
        columns = List.copyOf(columns);
        for (Column c : columns) {
            if (c.iou().size() != classes.size()) {
                throw new InvalidInputException(FILE + ": column \"" + c.name() + "\" has " + c.iou().size()
                        + " IoUs for " + classes.size() + " classes");
            }
        }
    }

    /** Writes {@code runDir/class-iou.json} atomically, keys sorted, undefined IoUs as {@code null}. */
    public void write(Path runDir) {
        Json.write(runDir.resolve(FILE), this);
    }

    /** Reads a file written by {@link #write}; every error names the file and the field. */
    public static ClassIouTable read(Path file) {
        return Json.read(file, ClassIouTable.class);
    }
}
