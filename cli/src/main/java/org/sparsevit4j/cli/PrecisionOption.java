package org.sparsevit4j.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import org.sparsevit4j.supernet.model.Precision;
import picocli.CommandLine.Option;

/** {@code --dtype}: the precision inference runs in. */
public final class PrecisionOption {

    @Option(names = "--dtype", paramLabel = "f32|f16|bf16",
            description = "Precision of inference: f32, f16 or bf16 (weights cast at load, PyTorch's model.half() "
                    + "convention). Default: f32.")
    String dtype;

    /** Whether --dtype was given. */
    boolean given() {
        return dtype != null;
    }

    /**
     * The precision, checked against {@code device} (one line on {@code err} where it runs slowly,
     * bad input where it can't run). Call after {@link ThreadsOption#apply}.
     */
    Precision resolve(Device device, PrintWriter err) {
        Precision precision = Precision.parse(dtype);
        precision.checkOn(device).ifPresent(w -> {
            err.println("warning: " + w);
            err.flush();
        });
        return precision;
    }
}
