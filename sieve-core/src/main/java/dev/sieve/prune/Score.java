package dev.sieve.prune;

/** A kind of importance score ({@link Scores}): makes a fresh {@link Importance} for each selected parameter. */
public interface Score {
    /** A short name: magnitude, taylor, movement, wanda, sparsegpt. */
    String name();

    /** The state for a parameter whose weight has shape {@code dims}. */
    Importance create(int[] dims);
}
