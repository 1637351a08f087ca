/**
 * Tensor storage formats as sequences of levels, after TACO and Scorch: a {@link
 * dev.sieve.compile.format.Format} lists one {@link dev.sieve.compile.format.LevelType} per dimension plus
 * the order in which dimensions are stored, and a {@link dev.sieve.compile.format.FormattedTensor} holds a
 * tensor in such a format. CSR, CSC, DCSR, COO, CSF and dense arrays are all points of this one space, so
 * the code generator handles each level type once instead of each format.
 */
package dev.sieve.compile.format;
