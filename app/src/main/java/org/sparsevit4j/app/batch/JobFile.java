package org.sparsevit4j.app.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * A batch job as a person writes it ({@code JOB.json}): one supernet, its data and resolution, the
 * devices, the search settings and seed shared by every target, and the targets, each a budget.
 * Every key but {@code checkpoint} and {@code targets} may be left out (defaults as
 * {@code sparsevit search}'s); an unknown key or a value of the wrong type is refused, naming the
 * field. Paths are relative to the job file's folder.
 *
 * <p>The job folder keeps this record again in {@code job-inputs.json}, every default filled in and
 * every path absolute, so that a resumed job runs what the first run ran.
 *
 * @param checkpoint the supernet: a checkpoint or a training run folder (its latest checkpoint)
 * @param arch a preset the supernet must be, or null
 * @param data the data, or null for the supernet's own (the data it was trained on, same search split)
 * @param resolution the evaluation size, {@code 672} or {@code 512x1024}; null for the training size
 * @param devices the devices evaluation runs on ({@code cpu}, {@code cpu*2}, {@code gpu:0,gpu:1},
 *     {@code gpu:all}); null for the first GPU, else the CPU. {@code --devices} overrides it
 * @param dtype inference precision, {@code f32} (default), {@code f16} or {@code bf16}
 * @param batch images per evaluation pass (8)
 * @param loaderThreads decoding threads (1)
 * @param search the evolution's settings, the same for every target
 * @param seed the seed of every target that names none (0)
 * @param targets the budgets, searched in this order
 */
public record JobFile(Path checkpoint, String arch, JobData data, String resolution, String devices, String dtype,
        Integer batch, Integer loaderThreads, JobSearch search, Long seed, List<JobTarget> targets) {
}
