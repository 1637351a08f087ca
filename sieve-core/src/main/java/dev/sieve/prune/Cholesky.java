package dev.sieve.prune;

/** Dense Cholesky helpers in double precision on row-major n x n arrays, for SparseGPT. */
final class Cholesky {
    private Cholesky() {}

    /**
     * Overwrites the lower triangle of {@code a} with L such that A = L·Lᵀ and zeroes the upper
     * triangle; returns false (leaving {@code a} partly overwritten) if A is not positive definite.
     */
    static boolean lowerInPlace(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0) || !Double.isFinite(d)) return false;
            double ljj = Math.sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / ljj;
            }
            for (int i = 0; i < j; i++) a[i * n + j] = 0;
        }
        return true;
    }

    /**
     * The upper-triangular U with positive diagonal such that H⁻¹ = Uᵀ·U (the factor SparseGPT walks
     * column by column), or null if H is not positive definite. With P the reversal permutation and
     * P·H·P = L·Lᵀ, H = R·Rᵀ for the upper-triangular R = P·L·P, so H⁻¹ = R⁻ᵀ·R⁻¹ and U = R⁻¹: one
     * factorisation and one triangular inverse, without forming H⁻¹.
     */
    static double[] upperFactorOfInverse(double[] h, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) l[i * n + j] = h[(n - 1 - i) * n + (n - 1 - j)];
        if (!lowerInPlace(l, n)) return null;
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) r[i * n + j] = l[(n - 1 - i) * n + (n - 1 - j)];
        return invertUpper(r, n);
    }

    /**
     * The inverse of an upper-triangular matrix with nonzero diagonal, row by row: row i of U solves
     * uᵀ·R = eᵢᵀ by forward substitution, accumulating with contiguous rows of R.
     */
    static double[] invertUpper(double[] r, int n) {
        double[] u = new double[n * n];
        double[] acc = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = i; k < n; k++) {
                double uik = ((k == i ? 1.0 : 0.0) - acc[k]) / r[k * n + k];
                u[i * n + k] = uik;
                if (uik == 0) continue;
                for (int j = k + 1; j < n; j++) acc[j] += uik * r[k * n + j];
            }
        }
        return u;
    }
}
