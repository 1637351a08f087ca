#!/usr/bin/env python3
"""Fits the polynomial coefficients of Sieve's float approximations and prints them as Java literals.

Each is a near-minimax fit (Lawson's iteratively reweighted least squares) of the relative error,
computed against mpmath at 40 digits.

erf/erfc (dev.sieve.kernel.Erf), two pieces:

  |x| <= 0.921875 : erf(x)  = x + x * Q(x^2)                  Q of degree 5 in x^2
  |x| >  0.921875 : erfc(x) = exp(-x^2) * t * R(t),  t = 1/(1 + x/2),  R of degree 8 in t

Writing erf as x + x*Q keeps the dominant term exact, so rounding in Q costs ~8x less.
Writing erfc through exp(-x^2) leaves R smooth and bounded on the whole half-line (t -> 0
as x -> inf), so one fit covers everything up to where erfc underflows (x ~ 10.05).

tanh for small arguments (dev.sieve.kernel.panama.VectorMath; larger ones go through exp):

  |x| <= 0.625 : tanh(x) = x + x*z*P(z),  z = x^2,  P of degree 4

Needs numpy and mpmath.
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
SPLIT = 0.921875
UPPER = 10.5
TANH_SPLIT = 0.625


def chebyshev_nodes(a, b, n):
    k = np.arange(n)
    return (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)


def lawson(xs, basis, target, scale, iterations=80):
    """Coefficients c minimising max |basis(x).c - target(x)| / scale(x) over xs (approximately)."""
    b = np.array([[float(v) for v in basis(x)] for x in xs])
    f = np.array([float(target(x)) for x in xs])
    s = np.array([float(scale(x)) for x in xs])
    w = np.full(len(xs), 1.0 / len(xs))
    for _ in range(iterations):
        sw = np.sqrt(w) / s
        c, *_ = np.linalg.lstsq(b * sw[:, None], f * sw, rcond=None)
        e = np.abs(b @ c - f) / s
        w = w * e
        w /= w.sum()
    return c, e.max()


def java(name, coeffs):
    body = ", ".join(repr(float(np.float32(v))) + "f" for v in coeffs)
    return f"static final float[] {name} = {{{body}}};"


def main():
    xs = chebyshev_nodes(1e-4, SPLIT, 500)
    q, e1 = lawson(xs, lambda x: [x * x ** (2 * j) for j in range(6)],
                   lambda x: mp.erf(x) - x, lambda x: mp.erf(x))
    xs = chebyshev_nodes(SPLIT, UPPER, 600)
    t = lambda x: 1 / (1 + x / 2)
    r, e2 = lawson(xs, lambda x: [t(x) ** (j + 1) for j in range(9)],
                   lambda x: mp.erfc(x) * mp.exp(x * x), lambda x: mp.erfc(x) * mp.exp(x * x))
    print(f"// erf small-argument fit: max relative error {e1:.2e} (before float rounding)")
    print(java("SMALL", q))
    print(f"// erfc tail fit: max relative error {e2:.2e} (before float rounding)")
    print(java("TAIL", r))
    xs = chebyshev_nodes(1e-4, TANH_SPLIT, 500)
    p, e3 = lawson(xs, lambda x: [x ** 3 * x ** (2 * j) for j in range(5)],
                   lambda x: mp.tanh(x) - x, lambda x: mp.tanh(x))
    print(f"// tanh small-argument fit: max relative error {e3:.2e} (before float rounding)")
    print(java("TANH_SMALL", p))


if __name__ == "__main__":
    main()
