package org.sparsevit4j.cli;

import org.sparsevit4j.app.DataSpec;
import org.sparsevit4j.supernet.data.SyntheticKind;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --dataset}, {@code --task} and what shapes the data: the options every data command shares. */
public final class DataOptions {

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "Dataset folder: Cityscapes, ADE20K (ADEChallengeData2016) or Pascal VOC 2012 (VOC2012) as "
                    + "they ship, an ImageFolder (ROOT/{train,val}/CLASS/*.png|jpg) or a segmentation folder "
                    + "(ROOT/{train,val}/{images,masks}/ and ROOT/classes.json). Default: the built-in synthetic scenes.")
    Path dataset;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "How --dataset is laid out: cityscapes, ade20k, voc or folders. Default: recognised by its "
                    + "folders (the first line of output says which).")
    String format;

    @Option(names = "--task", paramLabel = "TASK",
            description = "classification or segmentation. Default: segmentation for the built-in scenes; for a "
                    + "folder, segmentation when it has classes.json.")
    String task;

    @Option(names = "--skip-bad", description = "Skip (and count) corrupt images, missing or wrong masks instead of stopping.")
    boolean skipBad;

    @Option(names = "--search-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of train carved out as the search split. Default: ${DEFAULT-VALUE}.")
    double searchFraction;

    @Option(names = "--synthetic-images", paramLabel = "N", defaultValue = "2000",
            description = "Built-in scenes: training images (search split included). Default: ${DEFAULT-VALUE}.")
    int syntheticTrain;

    @Option(names = "--synthetic-val", paramLabel = "N", defaultValue = "200",
            description = "Built-in scenes: validation images. Default: ${DEFAULT-VALUE}.")
    int syntheticVal;

    @Option(names = "--synthetic", paramLabel = "KIND", defaultValue = "benchmark",
            description = "Built-in scenes: benchmark (small objects told apart by fill hue and the tone of a thin rim, "
                    + "so that context matters and sparsity has a price) or easy (a few objects told apart by colour: a quick smoke test). "
                    + "Default: ${DEFAULT-VALUE}.")
    String synthetic;

    /** The options as the application's data spec. */
    DataSpec spec() {
        return new DataSpec(dataset, format, task, skipBad, searchFraction, syntheticTrain, syntheticVal,
                SyntheticKind.parse(synthetic));
    }

    /** The options, with {@code preset}'s numbers of built-in scenes where the command line gave none. */
    DataSpec spec(ParseResult parsed, DataSpec preset) {
        return new DataSpec(dataset, format, task, skipBad, searchFraction,
                parsed.hasMatchedOption("--synthetic-images") ? syntheticTrain : preset.syntheticTrain(),
                parsed.hasMatchedOption("--synthetic-val") ? syntheticVal : preset.syntheticVal(),
                SyntheticKind.parse(synthetic));
    }
}
