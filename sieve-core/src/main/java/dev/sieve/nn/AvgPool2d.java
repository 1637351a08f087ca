package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/**
 * Average pooling over {@code [N, C, H, W]}, as {@code torch.nn.AvgPool2d} (floor mode): stride defaults to
 * the kernel size; with {@code countIncludePad} (the default) zero padding counts in each window's divisor.
 * No parameters.
 */
public final class AvgPool2d extends Layer {
    private final int[] kernel, stride, padding;
    private final boolean countIncludePad;

    /** Kernel {@code kernel}, stride {@code kernel}, no padding. */
    public AvgPool2d(int kernel) {
        this(new int[] {kernel}, null, new int[] {0}, true);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding}, true);
    }

    /** Each array is one value or a (height, width) pair; a null stride means the kernel size. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = kernel.clone();
        this.stride = stride == null ? null : stride.clone();
        this.padding = padding.clone();
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.avgPool2d(x, kernel, stride, padding, countIncludePad);
    }
}
