package dev.sieve.io;

/**
 * Walks a column-major (Fortran order) array in storage order, yielding the row-major position of
 * each element, so column-major data can be scattered into row-major storage in one pass.
 */
final class ColumnMajorWalk {
    private final int[] dims;
    private final int[] rowMajorStrides;
    private final int[] index;
    private int rowMajor;

    ColumnMajorWalk(int[] dims) {
        this.dims = dims.clone();
        this.index = new int[dims.length];
        this.rowMajorStrides = new int[dims.length];
        int stride = 1;
        for (int a = dims.length - 1; a >= 0; a--) {
            rowMajorStrides[a] = stride;
            stride *= dims[a];
        }
    }

    /** The row-major position of the next element in storage order. */
    int next() {
        int current = rowMajor;
        // In column-major storage the first axis varies fastest: increment it like an odometer digit.
        for (int a = 0; a < dims.length; a++) {
            if (++index[a] < dims[a]) {
                rowMajor += rowMajorStrides[a];
                break;
            }
            rowMajor -= rowMajorStrides[a] * (dims[a] - 1);
            index[a] = 0;
        }
        return current;
    }
}
