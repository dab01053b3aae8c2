package org.sparsevit4j.cli;

import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit train-supernet}: sparsity-aware adaptation. */
@Command(name = "train-supernet", mixinStandardHelpOptions = true,
        description = "Train a Swin to tolerate any per-layer sparsity (sparsity-aware adaptation): every step runs "
                + "a freshly drawn configuration. On the built-in synthetic scenes by default.")
public final class TrainSupernetCommand extends TrainingOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sandwich", description = "Also run the dense and the sparsest configuration every step.")
    boolean sandwich;

    @Option(names = "--distill", paramLabel = "W",
            description = "In-place distillation: every step also runs the batch dense (no gradient) and the sampled "
                    + "configuration learns its predictions, with this weight beside the labels. Default: "
                    + "${DEFAULT-VALUE} (0: off, as in the paper; about a third faster).", defaultValue = "1")
    double distill;

    @Option(names = "--granularity", paramLabel = "G", defaultValue = "pair",
            description = "One sampled ratio per block, pair (the paper) or stage. Default: ${DEFAULT-VALUE}.")
    String granularity;

    @Override
    public Integer call() {
        return run(spec.commandLine().getErr());
    }

    @Override
    Path config() {
        return null;
    }

    @Override
    SaaRecipe recipe() {
        return new SaaRecipe(sandwich, distill);
    }

    @Override
    Granularity granularity() {
        return Granularity.parse(granularity);
    }

    @Override
    String verb() {
        return "train-supernet";
    }
}
