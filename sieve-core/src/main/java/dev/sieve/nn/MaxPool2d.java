package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/**
 * Max pooling over {@code [N, C, H, W]}, as {@code torch.nn.MaxPool2d} (floor mode): stride defaults to the
 * kernel size, padding (at most half the kernel) is −∞, and the gradient goes to each window's first
 * maximal element. No parameters.
 */
public final class MaxPool2d extends Layer {
    private final int[] kernel, stride, padding, dilation;

    /** Kernel {@code kernel}, stride {@code kernel}, no padding. */
    public MaxPool2d(int kernel) {
        this(new int[] {kernel}, null, new int[] {0}, new int[] {1});
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel}, new int[] {stride}, new int[] {padding}, new int[] {1});
    }

    /** Each argument is one value or a (height, width) pair; a null stride means the kernel size. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = kernel.clone();
        this.stride = stride == null ? null : stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.maxPool2d(x, kernel, stride, padding, dilation);
    }
}
