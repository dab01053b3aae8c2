package org.sparsevit4j.cli;

import picocli.CommandLine.Option;

/** {@code --dtype}: the precision inference runs in. */
public final class PrecisionOption {

    @Option(names = "--dtype", paramLabel = "f32|f16|bf16",
            description = "Precision of inference: f32, f16 or bf16 (weights cast at load, PyTorch's model.half() "
                    + "convention). Default: f32.")
    String dtype;
}
