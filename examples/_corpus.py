"""Shared by the example scripts: loads the seed kernels (from
../shared/corpus/seed_kernels.py or $RUSTIFY_CORPUS) and formats checksums.
The examples are plain Python: run them with and without RUSTIFY_AUTO=1."""

import importlib.util
import os
import zlib
import sys
import time
from pathlib import Path


def load():
    here = Path(__file__).resolve()
    folder = Path(os.environ.get("RUSTIFY_CORPUS", here.parents[2] / "shared" / "corpus"))
    path = folder / "seed_kernels.py"
    if not path.exists():
        sys.exit(f"examples: corpus not found at {path} (set RUSTIFY_CORPUS to its folder)")
    spec = importlib.util.spec_from_file_location("seed_kernels", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["seed_kernels"] = module
    spec.loader.exec_module(module)
    return module


def checksum(value):
    """A stable text digest of a result: exact float bits, types included."""
    if isinstance(value, float):
        return value.hex()
    if isinstance(value, (list, tuple)):
        parts = [checksum(v) for v in value]
        return f"{type(value).__name__}{len(parts)}:{zlib.crc32(' '.join(parts).encode()):08x}"
    if isinstance(value, dict):
        return "dict:" + checksum(sorted((repr(k), checksum(v)) for k, v in value.items()))
    return f"{type(value).__name__}:{value!r}"


def run(kernels, rounds):
    """Calls each kernel `rounds` times on its benchmark inputs; prints one
    line per kernel with a checksum of its last result, and the total time."""
    corpus = load()
    start = time.perf_counter()
    for name in kernels:
        f = getattr(corpus, name)
        _, build = corpus.INPUTS[name]
        args = build()
        t0 = time.perf_counter()
        result = None
        for _ in range(rounds):
            result = f(*args)
        print(f"{name:<18} checksum {checksum(result)}  {time.perf_counter() - t0:7.3f} s")
    print(f"total {time.perf_counter() - start:.3f} s")
