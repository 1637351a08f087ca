/** Reference models with PyTorch-matching parameter names, built from {@code dev.sieve.nn} layers. */
package dev.sieve.models;
