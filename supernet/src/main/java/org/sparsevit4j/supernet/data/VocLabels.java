package org.sparsevit4j.supernet.data;

import java.util.List;

/**
 * The Pascal VOC 2012 segmentation classes: palette index 0 is the background, 1..20 the object
 * classes, and 255 marks object borders and difficult regions, which are not scored.
 *
 * <p>Source: the class list of the VOC2012 development kit ({@code VOCdevkit/VOCcode/VOCinit.m},
 * {@code VOCopts.classes}, with {@code background} as index 0 as its segmentation masks use it).
 */
final class VocLabels {

    private static final int IGNORE = 255;

    private static final List<String> NAMES = List.of("background", "aeroplane", "bicycle", "bird", "boat", "bottle",
            "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant",
            "sheep", "sofa", "train", "tvmonitor");

    private VocLabels() {
    }

    /** The 21 classes in palette-index order. */
    static List<String> classNames() {
        return NAMES;
    }

    /** Index {@code i} is class {@code i} below 21, 255 stays ignored, anything else is not VOC's. */
    static LabelTable table() {
        return LabelTable.identity(NAMES.size(), IGNORE, "neither a VOC class index (0..20) nor the border value 255");
    }
}
