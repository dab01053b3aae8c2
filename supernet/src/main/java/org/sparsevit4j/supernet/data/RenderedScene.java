package org.sparsevit4j.supernet.data;

/**
 * A generated scene.
 *
 * @param image the picture
 * @param mask {@code H x W} classes: 0 background, 1.. the object classes
 * @param dominantClass the object class (1-based) covering the most pixels, lowest on a tie
 */
record RenderedScene(RawImage image, int[] mask, int dominantClass) {

    /** The object class (1-based) covering the most pixels of {@code mask}, lowest on a tie; 1 when there is none. */
    static int dominantClass(int[] mask, int objectClasses) {
        int[] counts = new int[objectClasses + 1];
        for (int m : mask) {
            counts[m]++;
        }
        int best = 1;
        for (int c = 2; c < counts.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        return best;
    }
}
