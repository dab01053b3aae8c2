package org.sparsevit4j.supernet.data;

import java.util.Arrays;
import java.util.List;

/**
 * The ADE20K SceneParsing label definition ({@code ADEChallengeData2016}): annotation value 0 is
 * "other objects" and is not scored, values 1..150 are the 150 classes, which become class indices
 * 0..149 (what mmsegmentation calls {@code reduce_zero_label}).
 *
 * <p>Source of the names: {@code objectInfo150.csv} of the MIT Scene Parsing benchmark
 * (github.com/CSAILVision/sceneparsing), the first of each row's synonyms ({@code "wall"},
 * {@code "building;edifice"} → {@code "building"}, ...), in its index order.
 */
final class Ade20kLabels {

    private static final int IGNORE = 255;

    private static final List<String> NAMES = List.of(
            "wall", "building", "sky", "floor", "tree", "ceiling", "road", "bed", "windowpane", "grass", "cabinet",
            "sidewalk", "person", "earth", "door", "table", "mountain", "plant", "curtain", "chair", "car",
            "water", "painting", "sofa", "shelf", "house", "sea", "mirror", "rug", "field", "armchair", "seat",
            "fence", "desk", "rock", "wardrobe", "lamp", "bathtub", "railing", "cushion", "base", "box", "column",
            "signboard", "chest of drawers", "counter", "sand", "sink", "skyscraper", "fireplace", "refrigerator",
            "grandstand", "path", "stairs", "runway", "case", "pool table", "pillow", "screen door", "stairway",
            "river", "bridge", "bookcase", "blind", "coffee table", "toilet", "flower", "book", "hill", "bench",
            "countertop", "stove", "palm", "kitchen island", "computer", "swivel chair", "boat", "bar",
            "arcade machine", "hovel", "bus", "towel", "light", "truck", "tower", "chandelier", "awning",
            "streetlight", "booth", "television receiver", "airplane", "dirt track", "apparel", "pole", "land",
            "bannister", "escalator", "ottoman", "bottle", "buffet", "poster", "stage", "van", "ship", "fountain",
            "conveyer belt", "canopy", "washer", "plaything", "swimming pool", "stool", "barrel", "basket",
            "waterfall", "tent", "bag", "minibike", "cradle", "oven", "ball", "food", "step", "tank", "trade name",
            "microwave", "pot", "animal", "bicycle", "lake", "dishwasher", "screen", "blanket", "sculpture",
            "hood", "sconce", "vase", "traffic light", "tray", "ashcan", "fan", "pier", "crt screen", "plate",
            "monitor", "bulletin board", "shower", "radiator", "glass", "clock", "flag");

    private Ade20kLabels() {
    }

    /** The 150 classes in class-index order (annotation value minus one). */
    static List<String> classNames() {
        return NAMES;
    }

    /** 0 → ignored (255), {@code v} in 1..150 → {@code v - 1}; anything else is not ADE20K's. */
    static LabelTable table() {
        int[] mapped = new int[256];
        Arrays.fill(mapped, LabelTable.UNKNOWN);
        mapped[0] = IGNORE;
        for (int v = 1; v <= NAMES.size(); v++) {
            mapped[v] = v - 1;
        }
        return new LabelTable(mapped, IGNORE, "not an ADE20K annotation value (0 = other, 1..150 = the classes)");
    }
}
