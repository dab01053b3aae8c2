package org.sparsevit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.EngineException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.MachineFailureException;
import org.sparsevit4j.supernet.io.NamedTensor;
import org.sparsevit4j.supernet.io.SafetensorsWriter;
import org.sparsevit4j.supernet.model.SwinFixtures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The exit statuses: 2 for bad input, 1 for a failure of the machine (I/O, the native engine) or a
 * bug, each with one line on stderr and no stack trace.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    /** A command that fails the way it is told, for the mapping alone. */
    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        private final RuntimeException failure;

        Fail(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private static CliRunner.Result failWith(RuntimeException e) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SparsevitCommand.commandLine();
        cli.addSubcommand("fail", new Fail(e));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliRunner.Result(cli.execute("fail"), out.toString(), err.toString());
    }

    @Test
    void eachKindOfFailureHasItsStatusAndOneLine() {
        record Expected(RuntimeException thrown, int exit, String line) {
        }
        List<Expected> cases = List.of(
                new Expected(new InvalidInputException("cfg.json: stage 0 block 1: ratio 0.3 is below 0.4"), 2,
                        "sparsevit: cfg.json: stage 0 block 1: ratio 0.3 is below 0.4"),
                new Expected(new MachineFailureException("out.json: cannot write: No space left on device"), 1,
                        "sparsevit: out.json: cannot write: No space left on device"),
                new Expected(new UncheckedIOException("cache.jsonl: cannot append",
                        new java.io.IOException("Input/output error")), 1, "sparsevit: cache.jsonl: cannot append"),
                new Expected(new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB\n"
                        + "Exception raised from malloc at c10/cuda/CUDACachingAllocator.cpp:1\nframe #0: ..."), 1,
                        "sparsevit: the native engine failed: CUDA out of memory. Tried to allocate 2.00 GiB"),
                new Expected(new IllegalStateException("a bug"), 1,
                        "sparsevit: internal error: IllegalStateException: a bug (set SPARSEVIT_DEBUG=1 for the stack "
                                + "trace)"));
        for (Expected c : cases) {
            CliRunner.Result r = failWith(c.thrown());
            assertEquals(c.exit(), r.exit(), c.thrown() + ": " + r.err());
            assertEquals(c.line(), r.err().strip(), "one line for " + c.thrown());
        }
    }

    /**
     * A real command whose output folder refuses files even to root (procfs; a read-only permission
     * bit would not stop root): the machine's failure, status 1, not bad input.
     */
    @Test
    void anOutputTheFileSystemRefusesExitsOne() throws Exception {
        Path proc = Path.of("/proc/self");
        assumeTrue(Files.isDirectory(proc), "needs Linux procfs");
        Path input = dir.resolve("input.safetensors");
        SafetensorsWriter.write(input, List.of(new NamedTensor("input", new long[] {1, 3, 64, 64},
                new float[3 * 64 * 64])), Map.of());
        Path output = proc.resolve("sparsevit-out.safetensors");
        CliRunner.Result r = CliRunner.run("forward", "--weights",
                SwinFixtures.resource("tiny_timm_new_f16.safetensors").toString(), "--input", input.toString(),
                "--output", output.toString(), "--threads", "1");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.err().strip().lines().filter(l -> l.startsWith("sparsevit:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(output.toString()), lines.get(0));
        assertFalse(lines.get(0).contains("internal error"), lines.get(0));
    }
}
