package org.sparsevit4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.supernet.data.ImageInput;
import org.sparsevit4j.supernet.model.ForwardObserver;
import org.sparsevit4j.supernet.model.SwinBackbone;
import org.sparsevit4j.supernet.model.WindowLayout;
import org.sparsevit4j.supernet.train.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit visualize}: one forward pass of an image with an observer on the backbone,
 * and a picture of the windows each stage kept ({@link WindowPicture}).
 */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = {
            "Draw which windows each stage keeps on an image: one panel per stage, pruned windows dimmed, kept "
                    + "windows clear and outlined; prints one line per stage.",
            "A panel shows the stage's regular (unshifted) windows, or its shifted ones when only shifted blocks "
                    + "prune. Where the stage's blocks have different ratios, a window is dimmed in proportion to "
                    + "how many of that partition's blocks skip it (kept sets are nested): clear = run by every "
                    + "block, fully dimmed = by none."})
public final class VisualizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE|RUN",
            description = "A checkpoint, a training run folder (its latest checkpoint), or torchvision/timm weights.")
    Path weights;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Sparsity configuration JSON. Default: a fine-tuned model's own configuration, else dense.")
    Path config;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image (PNG or JPEG).")
    Path image;

    @Option(names = "--resolution", paramLabel = "SIZE", converter = Resolution.Converter.class,
            description = "Model input size the image is resized to, as evaluate resizes. Default: the training "
                    + "resolution of a checkpoint, else 224.")
    Resolution resolution;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "PNG file to write (missing parent folders are created).")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a directory; give the PNG file to write");
        }
        ImageInput picture = ImageInput.read(image);
        if (config != null) {
            SparsityConfigJson.read(config); // a malformed file fails before the model loads
        }
        threads.apply();
        List<StagePanel> panels;
        try (NDManager manager = NDManager.newBaseManager(); LoadedModel model = LoadedModel.load(weights, manager)) {
            ArchitectureSpec arch = model.spec().arch();
            SparsityConfig cfg = config != null ? SparsityConfigJson.read(config, arch) : model.ownSparsity();
            Resolution size = Resolution.forModel(resolution, model);
            arch.stageSizes(size.height(), size.width()); // an input below the patch size is refused here
            Map<Integer, Map<Integer, long[]>> kept = keptWindows(model, manager, picture, size, cfg);
            panels = new ArrayList<>(arch.numStages());
            for (int s = 0; s < arch.numStages(); s++) {
                int[] levels = new int[arch.depth(s)];
                for (int b = 0; b < levels.length; b++) {
                    levels[b] = cfg.level(s, b);
                }
                panels.add(StagePanel.of(s, WindowGeometry.of(arch, s, size.height(), size.width()), levels,
                        kept.getOrDefault(s, Map.of())));
            }
        }
        AtomicFiles.write(out, WindowPicture.png(WindowPicture.render(picture.toBufferedImage(), panels)));
        PrintWriter stdout = spec.commandLine().getOut();
        for (StagePanel panel : panels) {
            stdout.println(panel.summary());
        }
        spec.commandLine().getErr().println("wrote " + out);
        return 0;
    }

    /** Runs the backbone once on the image and returns, per stage and block, the windows each pruned block kept. */
    private static Map<Integer, Map<Integer, long[]>> keptWindows(LoadedModel model, NDManager manager,
            ImageInput picture, Resolution size, SparsityConfig cfg) {
        Map<Integer, Map<Integer, long[]>> kept = new HashMap<>();
        ForwardObserver observer = new ForwardObserver() {
            @Override
            public void windowsKept(int stage, int block, boolean shifted, WindowLayout layout, NDArray indices) {
                kept.computeIfAbsent(stage, s -> new HashMap<>()).put(block, indices.toLongArray()); // (1, k)
            }
        };
        SwinBackbone backbone = model.model().backbone();
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(picture.modelInput(size.height(), size.width()),
                    new Shape(1, 3, size.height(), size.width()));
            backbone.setObserver(observer);
            try {
                backbone.stageOutputs(new ParameterStore(scope, false), input, cfg, false);
            } finally {
                backbone.setObserver(null);
            }
        }
        return kept;
    }
}
