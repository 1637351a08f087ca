/**
 * Pruning: importance scores ({@link dev.sieve.prune.Scores}: magnitude, Taylor, movement, Wanda,
 * SparseGPT), sparsity targets ({@link dev.sieve.prune.Targets}: unstructured per layer or global, n:m,
 * n:m:g, blocks, tile-wise, neurons, channels, heads), schedules ({@link dev.sieve.prune.PruneSchedules}:
 * one-shot, cubic, stages) and the {@link dev.sieve.prune.Pruner} that ties them to a model: a training
 * hook that keeps masks on weights, gradients and optimizer state, then materializes each pruned Linear
 * in its compact layout and reports the result. See docs/pruning.md.
 */
package dev.sieve.prune;
