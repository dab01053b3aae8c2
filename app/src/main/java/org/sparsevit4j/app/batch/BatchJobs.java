package org.sparsevit4j.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsevit4j.app.CacheSpec;
import org.sparsevit4j.app.EvaluationDevices;
import org.sparsevit4j.app.EvaluationService;
import org.sparsevit4j.app.OutputPaths;
import org.sparsevit4j.app.Progress;
import org.sparsevit4j.app.Resolution;
import org.sparsevit4j.app.Searches;
import org.sparsevit4j.core.AtomicFiles;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.results.JobReport;
import org.sparsevit4j.results.ProvenanceFacts;
import org.sparsevit4j.results.RunFolderReader;
import org.sparsevit4j.results.RunReport;
import org.sparsevit4j.search.EvolutionarySearch;
import org.sparsevit4j.supernet.data.Split;

/**
 * Batch jobs: many budgets searched on one supernet in one resumable job. The job file is checked
 * whole before anything is loaded or written ({@link BatchPlan}); then the model is loaded once on
 * every device ({@link EvaluationDevices}), and the targets are searched one after the other through
 * the same evaluators and the same result cache, so a configuration that several targets draw (the
 * uniform baselines every target evaluates, a random draw that meets two budgets) is evaluated once.
 *
 * <p>The job folder:
 * <pre>
 * JOB_DIR/
 *   job-inputs.json          the job resolved (defaults, absolute paths) and the checkpoint's SHA-256
 *   targets/01-NAME/         one search's run folder each: what sparsevit search writes
 *   job.json, job.csv        each target's chosen configuration, metric, costs; provenance
 *   job.html, plots/job-*    the page: metric against cost across targets, a table of them
 * </pre>
 *
 * <p>Resumption: a target whose {@code report.html} exists is finished (a search writes it last); one
 * with a {@code search-state.json} is resumed from its last generation; the others start. The
 * summary is rebuilt from the target folders' files every time, so a job killed anywhere and resumed
 * ends with the bytes of an uninterrupted one (measured latencies, being measurements, aside).
 */
public final class BatchJobs {

    /**
     * A finished job: its folder, its summary and the files written, and how many evaluations ran on
     * the devices and how many came from the cache (in this process; a resumed job counts its own).
     */
    public record Outcome(Path jobDir, JobSummary summary, Path page, Optional<String> chartsMissing, long computed,
            long fromCache, String devices) {
    }

    private BatchJobs() {
    }

    /** The job folder of {@code jobFile} when none is given: beside it, named after it ({@code night.json}: {@code night/}). */
    public static Path defaultFolder(Path jobFile) {
        String name = jobFile.getFileName().toString();
        return jobFile.resolveSibling(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name + ".job");
    }

    /**
     * Runs the job of {@code jobFile} in {@code jobDir}, which must not hold a job yet.
     *
     * @param devicesOverride {@code --devices}, which wins over the job file's, or null
     * @param threads intra-op threads per CPU replica ({@code --threads}), or null
     * @param remote where evaluations run instead of the devices' replicas (a cluster), or null for the
     *     devices; with one, the model is loaded here on the first device only (see {@link EvaluationService})
     */
    public static Outcome run(Path jobFile, Path jobDir, String devicesOverride, Integer threads, CacheSpec cache,
            EvaluationService.Remote remote, Progress progress) {
        OutputPaths.requireWritableFolder(jobDir, "--out");
        if (Files.exists(jobDir.resolve(JobInputs.FILE))) {
            throw new InvalidInputException(jobDir + ": already holds a batch job (" + JobInputs.FILE + "); resume it "
                    + "with sparsevit batch --resume " + jobDir + " or choose another folder with --out");
        }
        BatchPlan plan = BatchPlan.of(Json.readWritten(jobFile, JobFile.class), jobFile, devicesOverride, threads);
        return execute(plan, jobDir, null, cache, remote, progress);
    }

    /**
     * Continues the job in {@code jobDir} where it stopped, with the job it recorded; {@code --devices}
     * and {@code remote} may differ from the first run's (they change no result).
     */
    public static Outcome resume(Path jobDir, String devicesOverride, Integer threads, CacheSpec cache,
            EvaluationService.Remote remote, Progress progress) {
        JobInputs inputs = JobInputs.read(jobDir);
        BatchPlan plan = BatchPlan.of(inputs.job(), jobDir.resolve(JobInputs.FILE), devicesOverride, threads);
        AtomicFiles.removeLeftovers(jobDir);
        return execute(plan, jobDir, inputs.checkpointSha256(), cache, remote, progress);
    }

    private static Outcome execute(BatchPlan plan, Path jobDir, String recordedSha256, CacheSpec cache,
            EvaluationService.Remote remote, Progress progress) {
        JobFile job = plan.job();
        plan.warnings().forEach(progress::warning);
        progress.phase("batch job: " + plan.targets().size() + " target" + (plan.targets().size() == 1 ? "" : "s")
                + " on " + job.checkpoint());
        try (EvaluationDevices evaluation = EvaluationDevices.open(job.checkpoint(), plan.targets().get(0).request()
                .data(), Split.SEARCH, Resolution.parse(job.resolution()), job.batch(), job.loaderThreads(), cache,
                plan.precision(), plan.devices(), remote, progress)) {
            String sha256 = evaluation.primary().weightsSha256();
            if (recordedSha256 == null) {
                new JobInputs(JobInputs.FORMAT, job, sha256).write(jobDir);
            } else if (!recordedSha256.equals(sha256)) {
                throw new InvalidInputException(jobDir + ": the checkpoint " + job.checkpoint() + " changed since the job "
                        + "started (sha256 " + recordedSha256 + ", now " + sha256 + "); it cannot be resumed against "
                        + "another");
            }
            progress.line("evaluating on " + evaluation.description());
            BatchProgress steps = new BatchProgress(progress, plan.targets().size(),
                    Searches.progressSteps(job.search().generations()), System::nanoTime);
            for (BatchPlan.Target target : plan.targets()) {
                Path dir = jobDir.resolve(target.folder());
                steps.target(target.number(), target.name() + " (" + target.budget() + ", seed "
                        + target.request().seed() + ")");
                if (Files.isRegularFile(dir.resolve(RunReport.REPORT))) {
                    steps.line("finished before; kept as it is");
                    continue;
                }
                if (Files.isDirectory(dir)) {
                    // what a kill left half-written: never renamed over its file, so nothing reads it
                    AtomicFiles.removeLeftovers(dir);
                }
                if (Files.isRegularFile(dir.resolve(EvolutionarySearch.STATE_FILE))) {
                    Searches.resumeOn(evaluation, dir, steps);
                } else {
                    Searches.runOn(evaluation, target.request(), dir, steps);
                }
            }
            List<JobSummary.TargetFiles> files = new ArrayList<>();
            List<JobReport.Target> page = new ArrayList<>();
            for (BatchPlan.Target target : plan.targets()) {
                Path dir = jobDir.resolve(target.folder());
                var run = RunFolderReader.read(dir);
                files.add(JobSummary.TargetFiles.read(target, dir, run));
                page.add(new JobReport.Target(target.number(), target.name(), target.budget(), target.request().seed(),
                        target.folder(), run));
            }
            JobSummary summary = JobSummary.of(files);
            summary.write(jobDir);
            JobCsv.write(jobDir, summary);
            RunReport.Written written = JobReport.write(jobDir, summary.metricName(), page,
                    ProvenanceFacts.of(summary.provenance(), jobDir.resolve(JobSummary.FILE).toString()));
            return new Outcome(jobDir, summary, written.report(), written.chartsMissing(), evaluation.computed(),
                    evaluation.fromCache(), evaluation.description());
        }
    }
}
