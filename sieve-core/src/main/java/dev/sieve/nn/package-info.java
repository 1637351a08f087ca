/**
 * Neural-network building blocks above {@code dev.sieve.autograd}: {@link dev.sieve.nn.Module} with named
 * parameters and state dicts, layers, losses, optimizers and learning-rate schedules.
 */
package dev.sieve.nn;
