"""Tier 2 end to end: build latency and warm start, side by side in one run.

    python benches/tier2.py [--kernels a,b,c] [--rounds N]

For a module of seed kernels, in fresh processes and fresh cache directories:

- build latency: seconds from the first call to the tier-2 build landing
  (one crate for the module), cold (an empty target directory: pyo3 is
  compiled too) and warm (a target directory where pyo3 is already built);
- start: milliseconds from process start to the first native call
  returning, cold (empty cache: tier 1 compiles) and warm (everything in
  the cache: tier 2 is linked, nothing compiles), and the first calls of all
  the kernels in each case.

`benches/compare.py` prints the same figures under its tables. Exit status
1 if the warm process compiled anything or a result differed from CPython.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("RUSTIFY_CORPUS", BENCH_DIR.parent.parent / "shared" / "corpus")).resolve()
DEFAULT_KERNELS = "euclidean,dot_product,running_mean,convolve1d,cumsum"

CHILD = r'''
import json, sys, time
import rustify_ml
from rustify_ml import _native
import seed_kernels as K

out = {"first_call_ms": 0.0, "tiers": {}, "ok": True, "first_native_at": None}
t_start = time.perf_counter()
for name in sys.argv[1].split(","):
    f = rustify_ml.jit(getattr(K, name))
    args = K.INPUTS[name][1]()
    t0 = time.perf_counter()
    got = f(*args)
    out["first_call_ms"] += (time.perf_counter() - t0) * 1e3
    if out["first_native_at"] is None:
        out["first_native_at"] = time.time()
    out["tiers"][name] = rustify_ml.status(f)["tier"]
    out["ok"] &= repr(got) == repr(getattr(K, name)(*K.INPUTS[name][1]()))
if "--wait" in sys.argv:
    out["built"] = _native.tier2_wait(1800)
    out["build_s"] = time.perf_counter() - t_start
out["counters"] = _native.counters()
print(json.dumps(out))
'''


def child(kernels, cache, target, *extra):
    env = dict(os.environ, PYTHONPATH=str(CORPUS), RUSTIFY_CACHE_DIR=str(cache), RUSTIFY_TIER2="1",
               RUSTIFY_TARGET_DIR=str(target))
    env.pop("RUSTIFY_LOG", None)
    spawned = time.time()
    p = subprocess.run([sys.executable, "-c", CHILD, ",".join(kernels), *extra], env=env,
                       capture_output=True, text=True, timeout=3600)
    if p.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{p.stderr[-2000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["start_ms"] = (out["first_native_at"] - spawned) * 1e3
    return out


def measure(kernels, rounds, cold_build=True, log=lambda msg: None):
    """Medians over `rounds` of build latency (cold and warm target dir) and
    of process start to first native call (cold and warm cache)."""
    med = statistics.median
    res = {"kernels": kernels, "rounds": rounds, "problems": []}
    with tempfile.TemporaryDirectory(prefix="rustify-tier2-bench-") as tmp:
        tmp = Path(tmp)
        # Without the cold build, an existing shared target dir (as tests/run.sh
        # sets) saves compiling pyo3 again.
        target = tmp / "target" if cold_build else Path(os.environ.get("RUSTIFY_TARGET_DIR", tmp / "target"))
        if cold_build:
            log("tier 2: cold build (pyo3 into an empty target directory) ...")
            first = child(kernels, tmp / "cold-cache", target, "--wait")
            res["build_cold_s"] = first["build_s"] if first.get("built") else None
        else:
            child(kernels, tmp / "prime", target, "--wait")
        builds, start_cold, start_warm, first_cold, first_warm = [], [], [], [], []
        for r in range(rounds):
            log(f"tier 2: round {r + 1}/{rounds} ...")
            cache = tmp / f"cache{r}"
            cold = child(kernels, cache, target, "--wait")
            if not cold.get("built"):
                res["problems"].append(f"round {r}: the tier-2 build did not land")
                continue
            builds.append(cold["build_s"])
            warm = child(kernels, cache, target)
            start_cold.append(cold["start_ms"])
            first_cold.append(cold["first_call_ms"])
            start_warm.append(warm["start_ms"])
            first_warm.append(warm["first_call_ms"])
            if warm["counters"]["jit_compiles"] != 0 or set(warm["tiers"].values()) != {"ext"}:
                res["problems"].append(f"round {r}: warm process compiled {warm['counters']['jit_compiles']}, "
                                       f"tiers {warm['tiers']}")
            if not (cold["ok"] and warm["ok"]):
                res["problems"].append(f"round {r}: a result differed from CPython")
    if builds:
        res.update(build_warm_s=med(builds), start_cold_ms=med(start_cold), start_warm_ms=med(start_warm),
                   first_calls_cold_ms=med(first_cold), first_calls_warm_ms=med(first_warm))
    return res


def summary_lines(res):
    """The figures as report lines (also used by compare.py)."""
    lines = []
    if res.get("build_cold_s") is not None:
        lines.append(f"tier-2 build latency (first call to landed, {len(res['kernels'])} kernels in one crate): "
                     f"cold {res['build_cold_s']:.1f} s (empty target dir, pyo3 included), "
                     f"warm {res['build_warm_s']:.2f} s")
    elif "build_warm_s" in res:
        lines.append(f"tier-2 build latency (first call to landed, warm target dir): {res['build_warm_s']:.2f} s")
    if "start_warm_ms" in res:
        lines.append(f"warm start: process start to first native call {res['start_warm_ms']:.0f} ms from the cache "
                     f"vs {res['start_cold_ms']:.0f} ms cold (tier 1 compiling); first calls of all kernels "
                     f"{res['first_calls_warm_ms']:.1f} ms vs {res['first_calls_cold_ms']:.1f} ms "
                     f"({res['first_calls_cold_ms'] / res['first_calls_warm_ms']:.2f}x)")
    lines.extend("ERROR: " + p for p in res["problems"])
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernels", default=DEFAULT_KERNELS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-cold-build", action="store_true", help="skip the build into an empty target dir")
    opts = ap.parse_args(argv)
    kernels = [k.strip() for k in opts.kernels.split(",") if k.strip()]
    res = measure(kernels, max(1, opts.rounds), not opts.no_cold_build, log=lambda m: print(m, file=sys.stderr))
    print(f"kernels: {', '.join(kernels)}; {opts.rounds} rounds, medians")
    for line in summary_lines(res):
        print("  " + line)
    return 1 if res["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
