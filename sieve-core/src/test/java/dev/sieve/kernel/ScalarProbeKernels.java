package dev.sieve.kernel;

/** The scalar implementation of {@link KernelFamilyLookupTest.ProbeKernels}, found by name. */
public class ScalarProbeKernels implements KernelFamilyLookupTest.ProbeKernels {}
