#!/usr/bin/env python3
"""Writes fixture.safetensors the way the reference `safetensors` library lays a file out, using only
the standard library (the `safetensors` package is not installed where this was generated).

Reference behaviour mimicked: compact JSON header with "__metadata__" first, tensors ordered by
dtype size (largest first) then name, data back to back in that order, header padded with spaces to
a multiple of 8 bytes. Run from this directory: python3 generate_fixture.py
"""
import json
import struct

# name -> (dtype, shape, struct format char, values)
TENSORS = {
    "weight": ("F32", [2, 3], "f", [0.5 * k - 1 for k in range(6)]),
    "bias": ("F64", [3], "d", [0.25, -1.5, 1e10]),
    "half": ("F16", [2], "e", [1.5, -0.125]),
    "ids": ("I64", [4], "q", [-(2 ** 40), -1, 0, 2 ** 40]),
    "count": ("I32", [], "i", [7]),
    "mask": ("BOOL", [3], "B", [1, 0, 1]),
    "pixels": ("U8", [1, 2, 2], "B", [0, 1, 128, 255]),
    "empty": ("F32", [0, 4], "f", []),
    # a 2 x 3 CSR matrix [[0, 0, 5], [6, 7, 0]], stored as torch would export it
    "W.crow_indices": ("I64", [3], "q", [0, 1, 3]),
    "W.col_indices": ("I64", [3], "q", [2, 0, 1]),
    "W.values": ("F32", [3], "f", [5.0, 6.0, 7.0]),
}
METADATA = {"format": "pt", "W": json.dumps({"layout": "csr", "shape": [2, 3]}, separators=(",", ":"))}
SIZES = {"F64": 8, "I64": 8, "F32": 4, "I32": 4, "F16": 2, "BOOL": 1, "U8": 1}


def main():
    order = sorted(TENSORS, key=lambda n: (-SIZES[TENSORS[n][0]], n))
    header = {"__metadata__": METADATA}
    data = b""
    for name in order:
        dtype, shape, fmt, values = TENSORS[name]
        blob = struct.pack("<%d%s" % (len(values), fmt), *values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open("fixture.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


if __name__ == "__main__":
    main()
