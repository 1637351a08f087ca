/**
 * Training and evaluation loops for classifiers: {@link dev.sieve.train.Trainer} (forward, loss, backward,
 * step, with {@link dev.sieve.train.TrainingHook}s for pruning and logging) and
 * {@link dev.sieve.train.Evaluation}.
 */
package dev.sieve.train;
