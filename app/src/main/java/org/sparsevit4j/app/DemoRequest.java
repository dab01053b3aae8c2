package org.sparsevit4j.app;

import java.nio.file.Path;

/**
 * The end-to-end demo on the built-in scenes.
 *
 * @param out folder of the demo's runs
 * @param resolution image size throughout
 * @param trainSteps SAA steps of the supernet
 * @param finetuneSteps fine-tuning steps of the chosen configuration
 * @param generations search generations
 * @param population search population
 * @param maxMacs MAC budget of the search
 * @param syntheticImages built-in training scenes (a tenth is the search split)
 * @param syntheticVal built-in validation scenes
 * @param seed seed of every step
 */
public record DemoRequest(Path out, Resolution resolution, int trainSteps, int finetuneSteps, int generations,
        int population, String maxMacs, int syntheticImages, int syntheticVal, long seed) {
}
