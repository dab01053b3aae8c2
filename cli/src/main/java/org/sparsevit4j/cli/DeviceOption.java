package org.sparsevit4j.cli;

import ai.djl.Device;
import org.sparsevit4j.profiler.TargetDevice;
import picocli.CommandLine.Option;

/** {@code --device}: where latency is measured. */
public final class DeviceOption {

    @Option(names = "--device", paramLabel = "cpu|gpu[:N]", defaultValue = "cpu",
            description = "Device to run and time on: cpu, gpu (the first) or gpu:N. Default: ${DEFAULT-VALUE}.")
    String device;

    /** The device; call after {@link ThreadsOption#apply} (it starts the engine to count GPUs). */
    Device resolve() {
        return TargetDevice.parse(device);
    }
}
