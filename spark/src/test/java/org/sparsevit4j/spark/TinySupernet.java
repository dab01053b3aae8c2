package org.sparsevit4j.spark;

import java.nio.file.Path;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.data.DatasetFormat;
import org.sparsevit4j.supernet.data.DatasetOptions;
import org.sparsevit4j.supernet.data.Task;
import org.sparsevit4j.supernet.checkpoint.SegmentationLoss;
import org.sparsevit4j.supernet.train.SupernetTrainer;
import org.sparsevit4j.supernet.checkpoint.TrainSettings;
import org.sparsevit4j.supernet.train.TrainingListener;

/** A swin_micro segmentation supernet after two steps at 64x64 (on the built-in scenes, a search split of 3 images). */
final class TinySupernet {

    static final DatasetOptions DATA = new DatasetOptions(5, 0.1, false, 64, 64, 30, 6);

    private TinySupernet() {
    }

    /** Trains it into the run folder {@code run}. */
    static Path train(Path run) {
        return train(run, null, null);
    }

    /** Trains it on the dataset folder {@code dataset} (null: the built-in scenes) into the run folder {@code run}. */
    static Path train(Path run, Path dataset, DatasetFormat format) {
        SupernetTrainer.train(new TrainSettings("swin_micro", Task.SEGMENTATION, dataset, format, DATA, 64, 64, 2, 2, 0,
                1e-3, 0, 0, 0.05, 1.0, 1, 1, SaaRecipe.PAPER, Granularity.PAIR, null, null, 16, 1, SegmentationLoss.PLAIN), run,
                new TrainingListener() { });
        return run;
    }
}
