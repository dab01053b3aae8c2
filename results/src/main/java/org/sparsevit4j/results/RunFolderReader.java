package org.sparsevit4j.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.core.Json;
import org.sparsevit4j.search.BaselinesFile;
import org.sparsevit4j.search.BestFile;
import org.sparsevit4j.search.CandidateEntry;
import org.sparsevit4j.search.ParetoFile;
import org.sparsevit4j.search.RunFiles;

/**
 * Reads the result files of a search's run folder for the report, through the records the search
 * writes them with: {@code best.json} and {@code pareto.json} (required), {@code baselines.json},
 * {@code generations.csv} and {@code class-iou.json} (used when present: a search without
 * baselines writes no {@code baselines.json}, a classification search no per-class IoU).
 *
 * <p>Nothing is guessed: a missing required file, malformed JSON, an unknown field or one of the
 * wrong type is an {@link InvalidInputException} whose one line starts with the file and names the
 * field and the rule, so a report is never drawn from half-understood data.
 */
public final class RunFolderReader {

    private RunFolderReader() {
    }

    /** Reads {@code dir}; every error names the file at fault. */
    public static RunFolder read(Path dir) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(dir + ": no such run folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": is not a folder; give the run folder of a search (its --out)");
        }
        BestFile best = Json.read(required(dir, RunFiles.BEST), BestFile.class);
        Path paretoFile = required(dir, RunFiles.PARETO_JSON);
        ParetoFile pareto = Json.read(paretoFile, ParetoFile.class);
        if (pareto.front().isEmpty()) {
            throw new InvalidInputException(paretoFile + ": \"front\" is empty; a finished search has at least its best");
        }
        Path baselinesFile = dir.resolve(RunFiles.BASELINES);
        Optional<Baselines> baselines = Files.exists(baselinesFile)
                ? Optional.of(baselines(Json.read(baselinesFile, BaselinesFile.class))) : Optional.empty();
        Path generationsFile = dir.resolve(RunFiles.GENERATIONS_CSV);
        List<GenerationRow> generations = Files.exists(generationsFile)
                ? GenerationsCsv.read(generationsFile) : List.of();
        Path classIouFile = dir.resolve(ClassIouTable.FILE);
        Optional<ClassIouTable> classIou = Files.exists(classIouFile)
                ? Optional.of(ClassIouTable.read(classIouFile)) : Optional.empty();
        return new RunFolder(dir, pareto.metricName(), pareto.costObjective().id(), pareto.hypervolume(),
                reported(best.best()), reported(pareto.front()), baselines, generations, classIou,
                ProvenanceFacts.of(best.provenance(), dir.resolve(RunFiles.BEST).toString()));
    }

    private static Path required(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file; a finished search's run folder holds "
                    + RunFiles.BEST + " and " + RunFiles.PARETO_JSON);
        }
        return file;
    }

    private static Baselines baselines(BaselinesFile f) {
        return new Baselines(reported(f.uniform().candidates()), reported(f.random().front()),
                f.random().hypervolume(), f.random().uniqueEvaluations());
    }

    private static List<ReportedConfig> reported(List<CandidateEntry> entries) {
        return entries.stream().map(RunFolderReader::reported).toList();
    }

    private static ReportedConfig reported(CandidateEntry e) {
        return new ReportedConfig(e.config(), e.metric(), e.gmacs(), e.macFraction(), e.predictedMs(), e.measuredMs(),
                e.origin().id(), e.feasible());
    }
}
