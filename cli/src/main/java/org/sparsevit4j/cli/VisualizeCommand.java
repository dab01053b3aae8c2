package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.WindowPictures;
import org.sparsevit4j.results.StagePanel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit visualize}: the windows each stage keeps on an image ({@link WindowPictures}). */
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

    @Option(names = "--resolution", paramLabel = "SIZE", converter = ResolutionConverter.class,
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
        threads.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        for (StagePanel panel : WindowPictures.draw(weights, image, config, resolution, out)) {
            stdout.println(panel.summary());
        }
        spec.commandLine().getErr().println("wrote " + out);
        return 0;
    }
}
