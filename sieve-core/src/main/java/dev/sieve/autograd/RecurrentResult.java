package dev.sieve.autograd;

/**
 * What one recurrent layer in one direction returns: the hidden state at every time step
 * ({@code output}, {@code [T, B, H]}, in time order also for a reverse layer), the final hidden state
 * {@code h} ({@code [B, H]}: after time T-1, or after time 0 for a reverse layer) and, for an LSTM, the
 * final cell state {@code c} ({@code [B, H]}; null for a GRU). All three are differentiable.
 */
public record RecurrentResult(Variable output, Variable h, Variable c) {}
