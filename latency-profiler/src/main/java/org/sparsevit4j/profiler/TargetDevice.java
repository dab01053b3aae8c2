package org.sparsevit4j.profiler;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparsevit4j.core.InvalidInputException;

/**
 * The device a command measures on, from {@code --device cpu|gpu[:N]}. Nothing in the profiler
 * assumes the CPU: the model and its input are made on this device and the timer's host copy
 * waits for it.
 */
public final class TargetDevice {

    private static final Pattern FORM = Pattern.compile("(cpu|gpu)(?::(\\d+))?");

    private TargetDevice() {
    }

    /**
     * The device named {@code text}: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
     *
     * @throws InvalidInputException for another form, or a GPU that the engine cannot see
     */
    public static Device parse(String text) {
        String name = text == null ? "cpu" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(name);
        if (!m.matches() || (m.group(1).equals("cpu") && m.group(2) != null)) {
            throw new InvalidInputException("--device " + text + " is not one of cpu, gpu, gpu:N");
        }
        if (m.group(1).equals("cpu")) {
            return Device.cpu();
        }
        int id = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (id >= gpus) {
            throw new InvalidInputException("--device " + text + ": the engine sees " + gpus + " GPU"
                    + (gpus == 1 ? "" : "s") + (gpus == 0 ? " (is the CPU build of libtorch in use? see the README's"
                    + " GPU section)" : ""));
        }
        return Device.gpu(id);
    }
}
