package org.sparsevit4j.cli;

/**
 * Entry point of {@code sparsevit}. Settles process-wide settings before any library reads them
 * (DJL must never download; slf4j-simple and DJL read their properties once, on first use), then
 * hands over to picocli.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureProcess();
        System.exit(SparsevitCommand.commandLine().execute(args));
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
