package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Tiny copies of the public datasets' trees, laid out as they ship, with real PNG and JPEG files:
 * a few images per split, masks holding classes, ignored values and (VOC) borders. Images of one
 * tree differ in size where the real dataset's do (ADE20K, VOC), so that evaluation at the model's
 * resolution and scoring at the label's are both exercised. Shared with the command-line tests.
 */
public final class DatasetTrees {

    /** Cityscapes' frames are 2:1; ours are tiny. */
    public static final int CITYSCAPES_WIDTH = 48;
    public static final int CITYSCAPES_HEIGHT = 24;

    /** Label ids a Cityscapes mask of this tree holds: ignored ones (0, 1, 4, 9, 255) and classes. */
    static final int[] CITYSCAPES_IDS = {0, 7, 8, 11, 1, 21, 23, 26, 4, 24, 9, 33, 255};
    /** ADE20K values: 0 (other, ignored) and a few classes up to the last, 150. */
    static final int[] ADE20K_VALUES = {0, 1, 3, 5, 13, 150};
    /** VOC indices: background, a few classes and the border value 255. */
    static final int[] VOC_VALUES = {0, 15, 255, 7, 12, 20};

    private DatasetTrees() {
    }

    /**
     * {@code root/leftImg8bit/{train,val}/CITY/*_leftImg8bit.png} with their
     * {@code gtFine/.../*_gtFine_labelIds.png} (and the {@code _color.png} that ships beside them):
     * train 4 in aachen and 2 in bochum, val 2 in frankfurt, and a test image without labels.
     */
    public static Path cityscapes(Path root) {
        int w = CITYSCAPES_WIDTH;
        int h = CITYSCAPES_HEIGHT;
        int k = 0;
        for (String[] frame : List.of(new String[] {"train", "aachen", "4"}, new String[] {"train", "bochum", "2"},
                new String[] {"val", "frankfurt", "2"})) {
            for (int i = 0; i < Integer.parseInt(frame[2]); i++, k++) {
                String stem = frame[1] + "_" + String.format(Locale.ROOT, "%06d_%06d", i, 19);
                Path city = root.resolve("leftImg8bit/" + frame[0] + "/" + frame[1]);
                TestImages.noisy(city.resolve(stem + "_leftImg8bit.png"), w, h, k);
                Path gt = root.resolve("gtFine/" + frame[0] + "/" + frame[1]);
                TestImages.mask(gt.resolve(stem + "_gtFine_labelIds.png"), w, h, pattern(w, h, k, CITYSCAPES_IDS));
                TestImages.rgb(gt.resolve(stem + "_gtFine_color.png"), w, h, 128, 64, 128);
            }
        }
        TestImages.noisy(root.resolve("leftImg8bit/test/berlin/berlin_000000_000019_leftImg8bit.png"), w, h, 99);
        return root;
    }

    /**
     * {@code root/images/{training,validation}/ADE_*.jpg} with {@code annotations/.../ADE_*.png}:
     * 6 training and 2 validation images of several sizes.
     */
    public static Path ade20k(Path root) {
        for (int i = 0; i < 8; i++) {
            String split = i < 6 ? "training" : "validation";
            String name = String.format(Locale.ROOT, "ADE_%s_%08d", split.equals("training") ? "train" : "val", i + 1);
            int w = 36 + 4 * i;
            int h = 30 + 2 * (i % 3);
            TestImages.rgb(root.resolve("images/" + split + "/" + name + ".jpg"), w, h, 30 * i, 90, 200 - 20 * i);
            TestImages.mask(root.resolve("annotations/" + split + "/" + name + ".png"), w, h,
                    pattern(w, h, i, ADE20K_VALUES));
        }
        return root;
    }

    /**
     * {@code root/JPEGImages/*.jpg}, palette masks {@code SegmentationClass/*.png} and the lists
     * {@code ImageSets/Segmentation/{train,val}.txt} (6 and 2 names; one more image that no list
     * names), images of several sizes.
     */
    public static Path voc(Path root) {
        StringBuilder train = new StringBuilder();
        StringBuilder val = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            String name = String.format(Locale.ROOT, "2007_%06d", 27 + 5 * i);
            int w = 40 + 3 * i;
            int h = 32 - i;
            TestImages.rgb(root.resolve("JPEGImages/" + name + ".jpg"), w, h, 200 - 20 * i, 40, 25 * i);
            TestImages.paletteMask(root.resolve("SegmentationClass/" + name + ".png"), w, h,
                    pattern(w, h, i, VOC_VALUES));
            if (i < 6) {
                train.append(name).append('\n');
            } else if (i < 8) {
                val.append(name).append('\n');
            }
        }
        TestImages.text(root.resolve("ImageSets/Segmentation/train.txt"), train.toString());
        TestImages.text(root.resolve("ImageSets/Segmentation/val.txt"), val.toString());
        return root;
    }

    /** Bands of {@code values}, shifted by {@code k}, so that every value occurs in every mask. */
    static int[] pattern(int width, int height, int k, int[] values) {
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = values[(x / 3 + y / 4 + k) % values.length];
            }
        }
        return out;
    }
}
