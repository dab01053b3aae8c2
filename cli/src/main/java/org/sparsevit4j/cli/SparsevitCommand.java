package org.sparsevit4j.cli;

import ai.djl.engine.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.core.StopRequestedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sparsevit <command>}: the subcommands and the rules every one of them shares for errors. */
@Command(name = "sparsevit",
        mixinStandardHelpOptions = true,
        versionProvider = SparsevitCommand.Version.class,
        description = "Window activation pruning (SparseViT) for Swin transformers: train a supernet, search per-layer "
                + "sparsity under a budget, evaluate, measure MACs and latency.",
        subcommands = {MacsCommand.class, ForwardCommand.class, BenchCommand.class, TrainSupernetCommand.class,
                FinetuneCommand.class, EvaluateCommand.class, SearchCommand.class, BatchCommand.class, ProfileCommand.class,
                AblateCommand.class,
                VisualizeCommand.class, ReportCommand.class, ExportCommand.class, DemoCommand.class, DoctorCommand.class,
                CacheCommand.class,
                CommandLine.HelpCommand.class})
public final class SparsevitCommand implements Runnable {

    /** Exit status of bad input: a malformed file, a wrong shape, an impossible setting. */
    public static final int BAD_INPUT = 2;
    /** Exit status of a failure that is not the input's fault (I/O, a bug). */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with this project's error handling: bad input of any kind is one line on
     * stderr and exit status 2; a failure of the machine (I/O, the native engine) or a bug is one line
     * and exit status 1; nothing prints a stack trace unless SPARSEVIT_DEBUG is set.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparsevitCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("sparsevit: " + oneLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            PrintWriter err = command.getErr();
            if (System.getenv("SPARSEVIT_DEBUG") != null) {
                e.printStackTrace(err);
            }
            if (stoppedOnRequest(e)) {
                // a signal's stop unwound the work between passes; the JVM exits with the signal's status
                err.println("sparsevit: stopped between passes");
                return FAILURE;
            }
            if (e instanceof InvalidInputException) {
                err.println("sparsevit: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            if (e instanceof MachineFailureException || e instanceof UncheckedIOException || e instanceof IOException) {
                err.println("sparsevit: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            if (e instanceof EngineException) {
                // libtorch's first line (out of memory, a kernel that failed) says what happened; the C++
                // frames that follow it are for SPARSEVIT_DEBUG
                String first = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
                err.println("sparsevit: the native engine failed: " + oneLine(first));
                return FAILURE;
            }
            err.println("sparsevit: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
                    + " (set SPARSEVIT_DEBUG=1 for the stack trace)");
            return FAILURE;
        });
        return cli;
    }

    /** Whether {@code e}, or what it wraps, is the unwinding of a stop asked for by a signal. */
    private static boolean stoppedOnRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StopRequestedException) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The version this jar was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sparsevit " + version()};
        }
    }

    static String version() {
        try (InputStream in = SparsevitCommand.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
