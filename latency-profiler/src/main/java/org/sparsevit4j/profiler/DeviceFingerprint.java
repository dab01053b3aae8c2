package org.sparsevit4j.profiler;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.sparsevit4j.supernet.engine.FastPaths;

/**
 * What a latency figure depends on besides the model: the device and its name, the engine and its
 * version, the engine's threads, the operating system and the CPU. Every measurement carries one;
 * a latency table is only used where the current fingerprint {@linkplain #differences matches}
 * the one it was built on.
 *
 * @param deviceType {@code cpu} or {@code gpu}
 * @param deviceId the GPU's index, or -1 for the CPU
 * @param deviceName the CPU model, or the GPU's name
 * @param engine the tensor engine ({@code PyTorch})
 * @param engineVersion its version (libtorch's)
 * @param djlVersion DJL's version
 * @param intraOpThreads threads per tensor operation
 * @param interOpThreads threads across operations
 * @param java the Java runtime's version (recorded, not matched: it does not time the tensors)
 * @param os operating system name, version and architecture
 * @param cpuModel the host CPU's model name
 * @param fastPaths the CPU fast paths active ({@link FastPaths}): {@code mkl-shim, malloc-keep}, or {@code none}
 */
public record DeviceFingerprint(String deviceType, int deviceId, String deviceName, String engine,
        String engineVersion, String djlVersion, int intraOpThreads, int interOpThreads, String java, String os,
        String cpuModel, String fastPaths) {

    public DeviceFingerprint {
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(fastPaths, "fastPaths");
    }

    /** The fingerprint of this process measuring on {@code device} (the engine must be started). */
    public static DeviceFingerprint current(Device device) {
        Engine engine = Engine.getEngine("PyTorch");
        boolean gpu = device.isGpu();
        String cpu = hostCpuModel();
        return new DeviceFingerprint(gpu ? "gpu" : "cpu", gpu ? device.getDeviceId() : -1,
                gpu ? gpuName(device.getDeviceId()) : cpu, engine.getEngineName(), engine.getVersion(),
                Engine.getDjlVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                System.getProperty("java.version"), System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + " " + System.getProperty("os.arch"), cpu,
                FastPaths.describe());
    }

    /**
     * The fields in which {@code other} differs from this fingerprint in a way that changes
     * latency, as {@code name: this vs other}; empty when a table built on one may be used on the
     * other. The Java and DJL versions are left out: they do not time the tensor operations.
     */
    public List<String> differences(DeviceFingerprint other) {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("device", new Object[] {label(), other.label()});
        fields.put("engine", new Object[] {engine + " " + engineVersion, other.engine + " " + other.engineVersion});
        fields.put("intra-op threads", new Object[] {intraOpThreads, other.intraOpThreads});
        fields.put("inter-op threads", new Object[] {interOpThreads, other.interOpThreads});
        fields.put("os", new Object[] {os, other.os});
        fields.put("cpu", new Object[] {cpuModel, other.cpuModel});
        fields.put("fast paths", new Object[] {fastPaths, other.fastPaths});
        List<String> out = new ArrayList<>();
        fields.forEach((name, pair) -> {
            if (!Objects.equals(pair[0], pair[1])) {
                out.add(name + ": " + pair[0] + " vs " + pair[1]);
            }
        });
        return out;
    }

    /** {@code cpu (Intel Xeon ...)} or {@code gpu:0 (NVIDIA H100 ...)}. */
    public String label() {
        return (deviceId < 0 ? deviceType : deviceType + ":" + deviceId) + " (" + deviceName + ")";
    }

    /** One line: device, engine, threads and fast paths. */
    public String describe() {
        return label() + ", " + engine + " " + engineVersion + ", " + intraOpThreads + " intra-op / " + interOpThreads
                + " inter-op threads" + (deviceType.equals("cpu") ? ", fast paths: " + fastPaths : "");
    }

    private static String hostCpuModel() {
        return FastPaths.cpuInfo("model name").orElseGet(() -> System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
    }

    /** The GPU's name from nvidia-smi when it is there, else its CUDA compute capability. */
    private static String gpuName(int id) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader", "-i",
                    Integer.toString(id)).redirectErrorStream(true).start();
            String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // no nvidia-smi: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "CUDA device " + id + ", compute capability " + CudaUtils.getComputeCapability(id);
    }
}
