package org.sparsevit4j.supernet.data;

import java.util.Arrays;
import java.util.List;

/**
 * The Cityscapes label definition: which of the 34 label ids stored in {@code *_gtFine_labelIds.png}
 * is which of the 19 classes that are trained and scored ("train ids"), every other id ignored.
 *
 * <p>Source: the {@code labels} table of {@code cityscapesscripts/helpers/labels.py} in the
 * official cityscapesScripts (github.com/mcordts/cityscapesScripts), columns {@code name},
 * {@code id} and {@code trainId}; the ids whose {@code trainId} is 255 or -1 are ignored there
 * ({@code ignoreInEval}) and here. The same mapping is what cityscapesScripts'
 * {@code createTrainIdLabelImgs.py} writes into {@code *_labelTrainIds.png}, which mmsegmentation
 * and torchvision train on.
 */
final class CityscapesLabels {

    /** One row of labels.py: the label's name, its stored id and its train id (255: ignored). */
    private record Row(String name, int id, int trainId) {
    }

    private static final int IGNORE = 255;

    private static final List<Row> ROWS = List.of(
            new Row("unlabeled", 0, IGNORE),
            new Row("ego vehicle", 1, IGNORE),
            new Row("rectification border", 2, IGNORE),
            new Row("out of roi", 3, IGNORE),
            new Row("static", 4, IGNORE),
            new Row("dynamic", 5, IGNORE),
            new Row("ground", 6, IGNORE),
            new Row("road", 7, 0),
            new Row("sidewalk", 8, 1),
            new Row("parking", 9, IGNORE),
            new Row("rail track", 10, IGNORE),
            new Row("building", 11, 2),
            new Row("wall", 12, 3),
            new Row("fence", 13, 4),
            new Row("guard rail", 14, IGNORE),
            new Row("bridge", 15, IGNORE),
            new Row("tunnel", 16, IGNORE),
            new Row("pole", 17, 5),
            new Row("polegroup", 18, IGNORE),
            new Row("traffic light", 19, 6),
            new Row("traffic sign", 20, 7),
            new Row("vegetation", 21, 8),
            new Row("terrain", 22, 9),
            new Row("sky", 23, 10),
            new Row("person", 24, 11),
            new Row("rider", 25, 12),
            new Row("car", 26, 13),
            new Row("truck", 27, 14),
            new Row("bus", 28, 15),
            new Row("caravan", 29, IGNORE),
            new Row("trailer", 30, IGNORE),
            new Row("train", 31, 16),
            new Row("motorcycle", 32, 17),
            new Row("bicycle", 33, 18),
            // labels.py gives the license plate id -1 (train id -1); an 8-bit file would store it as 255
            new Row("license plate", 255, IGNORE));

    private CityscapesLabels() {
    }

    /** The 19 train-id classes in train-id order. */
    static List<String> classNames() {
        String[] names = new String[19];
        for (Row row : ROWS) {
            if (row.trainId() != IGNORE) {
                names[row.trainId()] = row.name();
            }
        }
        return List.of(names);
    }

    /** Label id → train id; 255 (ignored) for the ids labels.py leaves out of training. */
    static LabelTable table() {
        int[] mapped = new int[256];
        Arrays.fill(mapped, LabelTable.UNKNOWN);
        for (Row row : ROWS) {
            mapped[row.id()] = row.trainId();
        }
        return new LabelTable(mapped, IGNORE, "not a Cityscapes label id (0..33, or 255 for the license plate's -1)");
    }
}
