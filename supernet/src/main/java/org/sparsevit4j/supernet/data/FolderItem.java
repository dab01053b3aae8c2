package org.sparsevit4j.supernet.data;

import java.nio.file.Path;

/**
 * One sample of a folder dataset: its image, its mask (segmentation; null for classification)
 * and its label (classification; -1 for segmentation).
 */
record FolderItem(Path image, Path mask, int label) {
}
