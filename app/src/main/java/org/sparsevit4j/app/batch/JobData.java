package org.sparsevit4j.app.batch;

import java.nio.file.Path;

/**
 * The data of a batch job, as {@code search}'s data options name it; every key may be left out.
 *
 * @param dataset a dataset folder, or null for the built-in scenes
 * @param format the folder's layout ({@code cityscapes}, {@code ade20k}, {@code voc}, {@code folders}),
 *     or null to recognise it
 * @param task {@code classification} or {@code segmentation}, or null to read it off the data
 * @param skipBad whether bad files are skipped and counted (false)
 * @param searchFraction the share of the training pool carved out, seeded, as the search split the
 *     targets select on (0.1)
 * @param syntheticImages built-in scenes: training images (2000)
 * @param syntheticVal built-in scenes: validation images (200)
 * @param synthetic which built-in scenes, {@code benchmark} (default) or {@code easy}, as {@code --synthetic}
 */
public record JobData(Path dataset, String format, String task, Boolean skipBad, Double searchFraction,
        Integer syntheticImages, Integer syntheticVal, String synthetic) {
}
