package org.sparsevit4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsevit4j.app.ClusterEvaluation;
import org.sparsevit4j.app.batch.BatchJobs;
import org.sparsevit4j.app.batch.JobSummary;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.search.CandidateEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sparsevit batch JOB.json}: many budgets searched on one supernet in one resumable job, their
 * evaluations shared and spread over the devices ({@link BatchJobs}).
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Searches every target (budget) of a job file on one supernet, with one shared evaluation cache, "
                + "a folder per target as sparsevit search writes it, and job.json, job.csv and job.html comparing them. "
                + "The job file is checked whole before any work; --resume continues a killed job to the same files. "
                + "--spark-master evaluates every target's generations on Apache Spark, to the same files.")
public final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "JOB.json", description = "The job file (see the README, \"Batch jobs\").")
    Path jobFile;

    @Option(names = "--out", paramLabel = "JOB_DIR",
            description = "The job folder. Default: beside the job file, named after it (night.json: night/).")
    Path out;

    @Option(names = "--resume", paramLabel = "JOB_DIR", description = "Continue the job in this folder.")
    Path resume;

    @Mixin
    DevicesOption devices;

    @Mixin
    CacheOptions cache;

    @Mixin
    ThreadsOption threads;

    @Mixin
    SparkMasterOption sparkMaster;

    @Override
    public Integer call() {
        if ((jobFile == null) == (resume == null)) {
            throw new InvalidInputException("give a job file (sparsevit batch JOB.json) or --resume JOB_DIR, not "
                    + (jobFile == null ? "neither" : "both"));
        }
        if (resume != null && out != null) {
            throw new InvalidInputException("--resume continues the job in its own folder; leave out --out");
        }
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        BatchJobs.Outcome outcome;
        try (CliProgress progress = new CliProgress(err);
                ClusterEvaluation cluster = sparkMaster.open(progress)) {
            outcome = resume != null
                    ? BatchJobs.resume(resume, devices.devices, threads.threads, cache.spec(), cluster, progress)
                    : BatchJobs.run(jobFile, out != null ? out : BatchJobs.defaultFolder(jobFile), devices.devices,
                            threads.threads, cache.spec(), cluster, progress);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        JobSummary summary = outcome.summary();
        for (JobSummary.TargetSummary t : summary.targets()) {
            CandidateEntry best = t.best().entry();
            Double predicted = best.predictedLatencyMs();
            Double measured = best.measuredLatencyMs();
            stdout.printf(Locale.ROOT, "%d %s: best %s %.4f at %.3f GMACs (%.3f of dense)%s%s, %s%n", t.number(),
                    t.name(), summary.metricName(), best.metric(), best.gmacs(), best.macFraction(),
                    predicted != null ? String.format(Locale.ROOT, ", %.2f ms predicted", predicted) : "",
                    measured != null ? String.format(Locale.ROOT, ", %.2f ms measured", measured) : "",
                    t.folder());
        }
        stdout.printf(Locale.ROOT, "evaluations: %d on %s, %d from the shared cache%n", outcome.computed(),
                outcome.devices(), outcome.fromCache());
        outcome.chartsMissing().ifPresent(why -> err.println("warning: " + why));
        stdout.println("results in " + outcome.jobDir() + " (job.json, job.csv, job.html, targets/)");
        stdout.println("report: " + outcome.page().toAbsolutePath());
        return 0;
    }
}
