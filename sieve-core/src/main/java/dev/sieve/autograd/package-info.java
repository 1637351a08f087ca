/**
 * Reverse-mode automatic differentiation over {@code dev.sieve.ops}: {@link dev.sieve.autograd.Variable}
 * wraps a dense {@link dev.sieve.tensor.Tensor}; every differentiable operation in
 * {@link dev.sieve.autograd.Functions} records a {@link dev.sieve.autograd.Node} with a backward closure;
 * {@link dev.sieve.autograd.Variable#backward()} walks the recorded graph in reverse topological order.
 * See docs/autograd.md.
 */
package dev.sieve.autograd;
