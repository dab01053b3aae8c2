package org.sparsevit4j.app;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The devices evaluation runs on, one replica of the model on each, as {@code --devices} (or a job
 * file's {@code devices}) names them: {@code cpu}, {@code cpu*2} (two replicas sharing the CPU's
 * cores), {@code gpu:0,gpu:1}, {@code gpu} (the first GPU), {@code gpu:all} (every GPU the engine
 * sees); any element may take {@code *N} for N replicas on that device.
 *
 * <p>CPU and GPU replicas are not mixed: their metrics differ in the last digits, and the outcome of
 * a search must not depend on which replica drew which configuration.
 *
 * @param text the devices as written, or null for the engine's default device (the first GPU where
 *     there is one, else the CPU), one replica: what a command does without {@code --devices}
 * @param threads intra-op threads of each CPU replica, or null: one replica keeps the engine's
 *     setting, several share the cores out evenly
 */
public record DeviceList(String text, Integer threads) {

    private static final Pattern ELEMENT = Pattern.compile("(cpu|gpu)(?::(\\d+|all))?(?:\\*(\\d+))?");
    /** More replicas than this on one device is a typo, not a plan. */
    private static final int MAX_COPIES = 64;

    public DeviceList {
        if (text != null) {
            elements(text);
        }
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads " + threads + " must be at least 1");
        }
    }

    /** The engine's default device, one replica. */
    public static DeviceList engineDefault() {
        return new DeviceList(null, null);
    }

    /** Whether devices were named (rather than the engine's default). */
    public boolean named() {
        return text != null;
    }

    /**
     * The device of each replica, in order. Needs the engine, which counts the GPUs.
     *
     * @throws InvalidInputException for a GPU the engine does not see
     */
    public List<Device> resolve() {
        if (text == null) {
            return List.of(Engine.getEngine("PyTorch").defaultDevice());
        }
        int gpus = -1;
        List<Device> out = new ArrayList<>();
        for (Element e : elements(text)) {
            if (!e.gpu()) {
                for (int k = 0; k < e.copies(); k++) {
                    out.add(Device.cpu());
                }
                continue;
            }
            if (gpus < 0) {
                gpus = Engine.getEngine("PyTorch").getGpuCount();
            }
            List<Integer> ids = new ArrayList<>();
            if (e.id() == Element.ALL) {
                for (int id = 0; id < gpus; id++) {
                    ids.add(id);
                }
            } else {
                ids.add(e.id());
            }
            if (ids.isEmpty() || ids.get(ids.size() - 1) >= gpus) {
                throw new InvalidInputException("--devices " + text + ": the engine sees " + gpus + " GPU"
                        + (gpus == 1 ? "" : "s") + (gpus == 0 ? " (is the CPU build of libtorch in use? see the "
                        + "README's GPU section)" : ""));
            }
            for (int id : ids) {
                for (int k = 0; k < e.copies(); k++) {
                    out.add(Device.gpu(id));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Intra-op threads each replica on the CPU gets, or null to leave the engine's setting. */
    public Integer threadsPerCpuReplica(List<Device> replicas) {
        long cpus = replicas.stream().filter(d -> !d.isGpu()).count();
        if (threads != null) {
            return threads;
        }
        return cpus <= 1 ? null : Math.max(1, (int) (Runtime.getRuntime().availableProcessors() / cpus));
    }

    @Override
    public String toString() {
        return text == null ? "the engine's default device" : text;
    }

    /** One element of the list: a device (or every GPU) and how many replicas it holds. */
    private record Element(boolean gpu, int id, int copies) {
        static final int ALL = -1;
    }

    private static List<Element> elements(String text) {
        String written = text.strip().toLowerCase(Locale.ROOT);
        if (written.isEmpty()) {
            throw new InvalidInputException("--devices is empty; give cpu, cpu*2, gpu:0,gpu:1 or gpu:all");
        }
        List<Element> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : written.split(",", -1)) {
            Matcher m = ELEMENT.matcher(part.strip());
            if (!m.matches() || (m.group(1).equals("cpu") && m.group(2) != null)) {
                throw new InvalidInputException("--devices " + text + ": \"" + part.strip() + "\" is not cpu, cpu*N, gpu, "
                        + "gpu:N, gpu:all or gpu:N*K");
            }
            boolean gpu = m.group(1).equals("gpu");
            int id = !gpu ? 0 : m.group(2) == null ? 0 : m.group(2).equals("all") ? Element.ALL
                    : parseCount(text, m.group(2));
            int copies = m.group(3) == null ? 1 : parseCount(text, m.group(3));
            if (copies < 1 || copies > MAX_COPIES) {
                throw new InvalidInputException("--devices " + text + ": " + copies + " replicas on one device; give 1 to "
                        + MAX_COPIES);
            }
            String device = gpu ? (id == Element.ALL ? "gpu:all" : "gpu:" + id) : "cpu";
            if (!seen.add(device) || (gpu && seen.contains("gpu:all") && seen.size() > 1)) {
                throw new InvalidInputException("--devices " + text + ": " + device + " is named twice or within gpu:all; "
                        + "write " + device + "*N for N replicas on it");
            }
            out.add(new Element(gpu, id, copies));
        }
        if (out.stream().anyMatch(Element::gpu) && out.stream().anyMatch(e -> !e.gpu())) {
            throw new InvalidInputException("--devices " + text + " mixes the CPU and GPUs, whose metrics differ in the "
                    + "last digits; name devices of one kind");
        }
        return out;
    }

    private static int parseCount(String text, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--devices " + text + ": " + digits + " is too large", e);
        }
    }
}
