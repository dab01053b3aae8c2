/**
 * The sparsity search of SparseViT: an evolutionary search over per-block window-pruning ratios
 * under a MAC and/or latency budget, without DJL, so the model reaches it only through
 * {@link org.sparsevit4j.search.ConfigEvaluator} (metric of a configuration) and
 * {@link org.sparsevit4j.search.CostModel} (predicted latency).
 *
 * <p>A command line wires it like this:
 * <pre>{@code
 * SearchSettings settings = SearchSettings.builder(ArchitectureSpec.preset("swin_t"), 672, 672)
 *         .budget(SearchBudget.ofMacs(MacLimit.parse("0.6x")))   // or new SearchBudget(limit, maxMs, minMs)
 *         .generations(20).seed(0).pareto(false)
 *         .build();
 * EvolutionarySearch.checkBudget(settings, latencyModel);        // fail fast, before loading weights
 * SearchResult result = EvolutionarySearch.run(settings, evaluator, latencyModel, runDir,
 *         SearchListener.logTo(System.err::println));
 * // later, after a crash or a kill:
 * SearchResult same = EvolutionarySearch.resume(runDir, evaluator, latencyModel, listener);
 * }</pre>
 *
 * <p>Bad user input (an impossible budget, a used run directory, a malformed {@code --max-macs})
 * raises {@link org.sparsevit4j.core.InvalidInputException} with a one-line message.
 */
package org.sparsevit4j.search;
