package org.sparsevit4j.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;

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
    public record Column(String name, String ratios, double miou, List<Double> iou) {

        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ratios, "ratios");
            iou = Collections.unmodifiableList(new ArrayList<>(iou));
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
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("split", split);
        classes.forEach(root.putArray("classes")::add);
        ArrayNode cols = root.putArray("columns");
        for (Column c : columns) {
            ObjectNode col = cols.addObject();
            col.put("name", c.name());
            col.put("ratios", c.ratios());
            col.put("miou", c.miou());
            ArrayNode iou = col.putArray("iou");
            c.iou().forEach(v -> iou.add(Double.isNaN(v) ? null : v));
        }
        Json.write(runDir.resolve(FILE), root);
    }
}
