#!/usr/bin/env python3
"""Regenerates the NumPy/SciPy-written fixtures the dev.sieve.io tests read.

Run from anywhere:  python3 sieve-core/src/test/resources/io/generate_fixtures.py
Needs numpy and scipy. Outputs are small and committed, so tests never need Python.

The values follow formulas that the Java tests recompute (see NpyFixturesTest), so a fixture
and its expectation cannot drift apart silently.
"""
import pathlib

import numpy as np
import scipy.io
import scipy.sparse

HERE = pathlib.Path(__file__).resolve().parent
NPY = HERE / "npy"
MTX = HERE / "mtx"


def values(kind, shape):
    """Element k (row-major) of each kind of fixture; mirrored in NpyFixturesTest.expected()."""
    k = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    if kind == "f":
        return k * 0.25 - 3.0
    if kind == "i":
        return k * 7 - 40
    if kind == "u":
        return (k * 11) % 256
    if kind == "b":
        return k % 3 == 0
    raise ValueError(kind)


def save(name, array, version=None):
    with open(NPY / name, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


def npy_fixtures():
    NPY.mkdir(exist_ok=True)
    shape = (2, 3, 4)
    # Every dtype x byte order x memory order.
    for kind, size in [("f", 4), ("f", 8), ("i", 4), ("i", 8), ("u", 1), ("b", 1)]:
        orders = ["<", ">"] if size > 1 else ["|"]
        for endian in orders:
            dtype = np.dtype(endian + kind + str(size))
            base = values(kind, shape).astype(dtype)
            tag = {"<": "le-", ">": "be-", "|": ""}[endian]
            save(f"{kind}{size}-{tag}c.npy", np.ascontiguousarray(base))
            fortran = np.asfortranarray(base)
            assert fortran.flags.f_contiguous and not fortran.flags.c_contiguous
            save(f"{kind}{size}-{tag}f.npy", fortran)
    # Format versions 2.0 and 3.0 (NumPy picks them only for huge or non-Latin-1 headers).
    save("f4-v2.npy", values("f", (3, 4)).astype("<f4"), version=(2, 0))
    save("f4-v3.npy", values("f", (3, 4)).astype("<f4"), version=(3, 0))
    # Scalars, empty arrays, 1-D.
    save("f8-scalar.npy", np.array(2.5, dtype="<f8"))
    save("i8-scalar.npy", np.array(-7, dtype="<i8"))
    save("f4-empty-0x3.npy", np.zeros((0, 3), dtype="<f4"))
    save("i4-be-empty-3x0.npy", np.zeros((3, 0), dtype=">i4"))
    save("f4-empty-1d.npy", np.zeros((0,), dtype="<f4"))
    save("f4-1d.npy", values("f", (5,)).astype("<f4"))
    # Values float32 handles specially, and int64 values float32 cannot hold exactly.
    save("f4-special.npy", np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4028235e38], dtype="<f4"))
    save("i8-big.npy", np.array([0, 2**24 + 1, 2**40], dtype="<i8"))


def mtx_fixtures():
    MTX.mkdir(exist_ok=True)
    general = np.array([[1.5, 0, 0, -2, 0],
                        [0, 0, 3.25, 0, 0],
                        [0, 0, 0, 0, 0],
                        [4, 0, 0, 0, 1e-3]], dtype=np.float64)
    symmetric = np.array([[2, 1, 0, 0],
                          [1, 0, -3, 0],
                          [0, -3, 5, 0.5],
                          [0, 0, 0.5, 7]], dtype=np.float64)
    skew = np.array([[0, -1, 2, 0],
                     [1, 0, 0, -4],
                     [-2, 0, 0, 0.5],
                     [0, 4, -0.5, 0]], dtype=np.float64)
    integer = np.array([[3, 0, -1], [0, 0, 12], [7, 0, 0]], dtype=np.int64)
    pattern = (general != 0).astype(np.float64)

    def write(name, matrix, expected, **kw):
        scipy.io.mmwrite(str(MTX / name), matrix, **kw)
        np.save(MTX / (name[:-4] + ".expected.npy"), np.ascontiguousarray(expected, dtype="<f4"))

    coo = scipy.sparse.coo_matrix
    write("coo-real-general.mtx", coo(general), general, symmetry="general")
    write("coo-integer-general.mtx", coo(integer), integer, field="integer", symmetry="general")
    write("coo-pattern-general.mtx", coo(general), pattern, field="pattern", symmetry="general")
    write("coo-real-symmetric.mtx", coo(symmetric), symmetric, symmetry="symmetric")
    write("coo-pattern-symmetric.mtx", coo(symmetric), (symmetric != 0).astype(np.float64),
          field="pattern", symmetry="symmetric")
    write("coo-real-skew-symmetric.mtx", coo(skew), skew, symmetry="skew-symmetric")
    write("array-real-general.mtx", general, general, symmetry="general")
    write("array-integer-general.mtx", integer, integer, field="integer", symmetry="general")
    write("array-real-symmetric.mtx", symmetric, symmetric, symmetry="symmetric")
    write("array-real-skew-symmetric.mtx", skew, skew, symmetry="skew-symmetric")


if __name__ == "__main__":
    npy_fixtures()
    mtx_fixtures()
