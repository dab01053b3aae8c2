package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code sparsevit} in-process and keeps what it printed. */
final class CliRunner {

    /** Exit status, standard output and standard error of one run. */
    record Result(int exit, String out, String err) {
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        Main.configureProcess();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = SparsevitCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
