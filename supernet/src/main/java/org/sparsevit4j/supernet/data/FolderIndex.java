package org.sparsevit4j.supernet.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The samples of a folder dataset by split, and its policy for bad files.
 *
 * <p>At open time every item is checked by a cheap, dataset-specific check (headers, masks present,
 * sizes agreeing), in parallel. Without {@code skipBad} the first bad item in file order fails the
 * open; with it, bad items are logged and left out of the index space, so sizes count good items
 * only. The search split is carved out of the good training items.
 *
 * <p>Items that pass those checks can still fail to decode (corrupt pixel data, a class index out of
 * range). Without {@code skipBad} that fails the {@link #load}; with it, the item is logged, marked,
 * and the load returns the next good item of the same split (index + 1, + 2, …, wrapping around).
 * Which item replaces which depends on the files alone, never on timing or threads, so batches stay
 * reproducible; the price is that the replacement appears twice in that pass.
 */
final class FolderIndex {

    /** Decodes and transforms one item; throws {@link InvalidInputException} naming the bad file. */
    interface Decoder {
        Sample decode(FolderItem item, Transform transform, long augmentSeed);
    }

    private final List<FolderItem> pool;
    private final List<FolderItem> val;
    private final SplitLayout layout;
    private final boolean skipBad;
    private final SkipLog skipLog = new SkipLog();
    private final Set<Path> knownBad = ConcurrentHashMap.newKeySet();
    private final Path trainFolder;
    private final Path valFolder;

    FolderIndex(Path trainFolder, List<FolderItem> pool, Path valFolder, List<FolderItem> val,
            Consumer<FolderItem> check, DatasetOptions options) {
        this.trainFolder = trainFolder;
        this.valFolder = valFolder;
        this.skipBad = options.skipBad();
        this.pool = keepGood(trainFolder, pool, check);
        this.val = keepGood(valFolder, val, check);
        this.layout = new SplitLayout(this.pool.size(), this.val.size(), options.searchFraction(), options.seed(),
                trainFolder.toString());
    }

    private List<FolderItem> keepGood(Path folder, List<FolderItem> items, Consumer<FolderItem> check) {
        String[] problems = new String[items.size()];
        IntStream.range(0, items.size()).parallel().forEach(i -> {
            try {
                check.accept(items.get(i));
            } catch (InvalidInputException e) {
                problems[i] = e.getMessage();
            }
        });
        List<FolderItem> good = new ArrayList<>(items.size());
        int bad = 0;
        String firstProblem = null;
        for (int i = 0; i < items.size(); i++) {
            if (problems[i] == null) {
                good.add(items.get(i));
            } else if (skipBad) {
                skipLog.add(items.get(i).image().toString(), problems[i]);
                firstProblem = bad++ == 0 ? problems[i] : firstProblem;
            } else {
                throw new InvalidInputException(problems[i]);
            }
        }
        if (good.isEmpty()) {
            throw new InvalidInputException(folder + ": every one of its " + bad + " images is bad; first: "
                    + firstProblem);
        }
        return List.copyOf(good);
    }

    int size(Split split) {
        return layout.size(split);
    }

    FolderItem item(Split split, int index) {
        return (split == Split.VAL ? val : pool).get(layout.itemOf(split, index));
    }

    Sample load(Split split, int index, Transform transform, long augmentSeed, Decoder decoder) {
        FolderItem first = item(split, index);
        if (!skipBad) {
            return decoder.decode(first, transform, augmentSeed);
        }
        int n = size(split);
        for (int k = 0; k < n; k++) {
            FolderItem item = item(split, (index + k) % n);
            if (knownBad.contains(item.image())) {
                continue;
            }
            try {
                return decoder.decode(item, transform, augmentSeed);
            } catch (InvalidInputException e) {
                knownBad.add(item.image());
                skipLog.add(item.image().toString(), e.getMessage());
            }
        }
        throw new InvalidInputException((split == Split.VAL ? valFolder : trainFolder) + ": every image of the "
                + split.name().toLowerCase(Locale.ROOT) + " split is bad (" + skipLog.count()
                + " skipped in all)");
    }

    SkipLog skipLog() {
        return skipLog;
    }
}
