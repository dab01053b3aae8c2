package org.sparsevit4j.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparsevit4j.core.ArchitectureSpec;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.SparsityConfig;
import org.sparsevit4j.core.SparsityConfigJson;
import org.sparsevit4j.core.WindowGeometry;
import org.sparsevit4j.results.StagePanel;
import org.sparsevit4j.results.WindowPicture;
import org.sparsevit4j.supernet.data.ImageInput;
import org.sparsevit4j.supernet.model.ForwardObserver;
import org.sparsevit4j.supernet.model.SwinBackbone;
import org.sparsevit4j.supernet.model.WindowLayout;
import org.sparsevit4j.supernet.checkpoint.LoadedModel;

/**
 * The windows each stage keeps on an image: one forward pass of the backbone with an observer, then
 * the picture ({@link WindowPicture}, one panel per stage) written atomically.
 */
public final class WindowPictures {

    private WindowPictures() {
    }

    /**
     * Draws the windows {@code weights} keep of {@code image} under {@code config} (null: the model's own
     * configuration) at {@code resolution} (null: the model's), into the PNG file {@code out}.
     *
     * @return the panels, one per stage, whose {@link StagePanel#summary} says what each stage kept
     */
    public static List<StagePanel> draw(Path weights, Path image, Path config, Resolution resolution, Path out) {
        if (Files.isDirectory(out)) {
            throw new InvalidInputException("--out " + out + " is a directory; give the PNG file to write");
        }
        ImageInput picture = ImageInput.read(image);
        if (config != null) {
            SparsityConfigJson.read(config); // a malformed file fails before the model loads
        }
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
        return panels;
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
