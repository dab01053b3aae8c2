package org.sparsevit4j.cli;

import org.sparsevit4j.app.DeviceList;
import picocli.CommandLine.Option;

/** {@code --devices}: the devices evaluation runs on, one replica of the model on each. */
public final class DevicesOption {

    @Option(names = "--devices", paramLabel = "cpu|cpu*N|gpu:0,gpu:1|gpu:all",
            description = "Devices to evaluate on, one model replica each: cpu, cpu*2 (two replicas sharing the cores), "
                    + "gpu:0,gpu:1, gpu:all; gpu:N*K for K replicas on one GPU. A generation's evaluations are spread "
                    + "over them and the results are those of one device. --threads is then per CPU replica. "
                    + "Default: the first GPU, else the CPU.")
    String devices;

    /** The devices named, with the intra-op threads of each CPU replica. */
    DeviceList list(ThreadsOption threads) {
        return devices == null ? DeviceList.engineDefault() : new DeviceList(devices, threads.threads);
    }
}
