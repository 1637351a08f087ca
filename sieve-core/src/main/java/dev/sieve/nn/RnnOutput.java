package dev.sieve.nn;

import dev.sieve.autograd.Variable;

/**
 * The result of {@link LSTM} and {@link GRU}, as PyTorch's {@code output, h_n} / {@code output, (h_n, c_n)}:
 * {@code output} is the last layer's hidden state at every step ({@code [T, B, D·H]}, or {@code [B, T, D·H]}
 * when batch-first, D = 2 when bidirectional), {@code h} the final hidden state of every layer and
 * direction ({@code [L·D, B, H]}, layer-major, forward before reverse), {@code c} the final cell states
 * of the same shape for an LSTM and null for a GRU. For an unbatched input {@code [T, I]} the batch
 * dimension is dropped: {@code [T, D·H]} and {@code [L·D, H]}.
 */
public record RnnOutput(Variable output, Variable h, Variable c) {}
