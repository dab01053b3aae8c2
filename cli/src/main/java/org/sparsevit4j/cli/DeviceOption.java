package org.sparsevit4j.cli;

import picocli.CommandLine.Option;

/** {@code --device}: where models run and are timed. */
public final class DeviceOption {

    @Option(names = "--device", paramLabel = "cpu|gpu[:N]", defaultValue = "cpu",
            description = "Device to run and time on: cpu, gpu (the first) or gpu:N. Default: ${DEFAULT-VALUE}.")
    String device = "cpu";
}
