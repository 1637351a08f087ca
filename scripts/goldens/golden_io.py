"""Writes golden tensors for the Java tests as safetensors (no dependency beyond numpy).

Each generator script builds a layer in PyTorch with fixed inputs, runs forward and backward, and calls
save(name, tensors) with numpy arrays; the Java tests read sieve-core/src/test/resources/goldens/<name>.safetensors
through dev.sieve.io.Safetensors. Float arrays are stored as F32, integer arrays as I64.
"""
import json
import os
import struct

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "sieve-core", "src", "test", "resources", "goldens")


def _array(v):
    if hasattr(v, "detach"):
        v = v.detach().cpu().numpy()
    # ascontiguousarray makes 0-d arrays 1-d; keep scalars (e.g. num_batches_tracked) 0-d.
    a = np.ascontiguousarray(v).reshape(np.shape(v))
    if a.dtype.kind == "f":
        return a.astype("<f4"), "F32"
    if a.dtype.kind in "iub":
        return a.astype("<i8"), "I64"
    raise TypeError("unsupported dtype %s" % a.dtype)


def save(name, tensors, metadata=None):
    """tensors: dict name -> numpy array or torch tensor. Writes <OUT_DIR>/<name>.safetensors."""
    header, blobs, offset = {}, [], 0
    for key in tensors:
        a, dtype = _array(tensors[key])
        raw = a.tobytes()
        header[key] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name + ".safetensors")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)
    os.replace(tmp, path)
    print("wrote %s (%d tensors, %d bytes)" % (os.path.relpath(path), len(tensors), 8 + len(text) + offset))
