package org.sparsevit4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.supernet.checkpoint.SaaRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparsevit finetune}: the same trainer with one fixed configuration. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a model at one sparsity configuration (the paper's last step); the checkpoints "
                + "record the configuration, so the model knows its sparsity.")
public final class FinetuneCommand extends TrainingOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration to fine-tune (JSON).")
    Path config;

    @Override
    public Integer call() {
        if (resume == null && config == null) {
            throw new org.sparsevit4j.core.InvalidInputException("give --config FILE, the configuration to fine-tune");
        }
        return run(spec.commandLine().getErr());
    }

    @Override
    Path config() {
        return config;
    }

    @Override
    SaaRecipe recipe() {
        return SaaRecipe.PAPER;
    }

    @Override
    Granularity granularity() {
        return Granularity.PAIR;
    }

    @Override
    String verb() {
        return "finetune";
    }
}
