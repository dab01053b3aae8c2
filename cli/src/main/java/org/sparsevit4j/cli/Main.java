package org.sparsevit4j.cli;

import java.time.Duration;
import org.sparsevit4j.core.StopRequest;
import picocli.CommandLine;

/**
 * Entry point of {@code sparsevit}. Settles process-wide settings before any library reads them
 * (DJL must never download; slf4j-simple and DJL read their properties once, on first use), then
 * hands over to picocli.
 */
public final class Main {

    private Main() {
    }

    /**
     * How long a signal's exit waits for the pass in flight: a training step of swin_b at 512 on two
     * cores takes well under a minute, and a pass that never ends must not keep the process alive.
     */
    static final Duration STOP_PATIENCE = Duration.ofSeconds(90);

    public static void main(String[] args) {
        configureProcess();
        StopRequest.PROCESS.installShutdownHook(STOP_PATIENCE, System.err::println);
        CommandLine cli = SparsevitCommand.commandLine();
        int status;
        try {
            status = cli.execute(args);
        } finally {
            // what a command printed without a line end (a --json document) is still in the writer;
            // System.exit does not flush it
            cli.getOut().flush();
            cli.getErr().flush();
            StopRequest.PROCESS.workFinished();
        }
        if (!StopRequest.PROCESS.requested()) {
            System.exit(status);
        }
        // stopped by a signal: the JVM is already exiting (status 128 + the signal's number) and
        // System.exit would wait for that exit forever; returning lets it finish
    }

    /** Properties that must be set before DJL or the logger start; idempotent. */
    static void configureProcess() {
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        // a CPU-only install warns on every start that it found no GPU; that is not news to the user
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        // reports and window pictures draw with AWT/Java2D, which must not look for a display on a server
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
