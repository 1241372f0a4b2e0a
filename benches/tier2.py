"""Tier 2 end to end: build latency and warm start, side by side in one run.

    python benches/tier2.py [--kernels a,b,c] [--rounds N]

For a module of seed kernels, in fresh processes and a fresh cache directory
(the build target directory is shared, as on a user's machine after the
first build):

- build: seconds from the first call to the tier-2 build landing (one crate
  for the module; `maturin build --release` with a warm target dir);
- first call: the first call of every kernel in a process that compiles
  tier 1 (Cranelift) vs one that loads tier 2 from the cache, and how many
  tier-1 compiles the warm process ran (must be 0);
- steady state: tier 2 / tier 1 time per call is in `benches/compare.py`.

Prints medians over the rounds and the ratios; exit status 1 if the warm
process compiled anything or a result differed from CPython.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("RUSTIFY_CORPUS", BENCH_DIR.parent.parent / "shared" / "corpus")).resolve()

CHILD = r'''
import json, sys, time
import rustify_ml
from rustify_ml import _native
import seed_kernels as K

names = sys.argv[1].split(",")
tier2 = sys.argv[2] == "tier2"
out = {"first_call_ms": {}, "tiers": {}, "ok": True}
t_start = time.perf_counter()
for name in names:
    f = rustify_ml.jit(getattr(K, name), tier2=tier2)
    args = K.INPUTS[name][1]()
    t0 = time.perf_counter()
    got = f(*args)
    out["first_call_ms"][name] = (time.perf_counter() - t0) * 1e3
    out["tiers"][name] = rustify_ml.status(f)["tier"]
    out["ok"] &= repr(got) == repr(getattr(K, name)(*K.INPUTS[name][1]()))
if "--wait" in sys.argv:
    t0 = time.perf_counter()
    out["built"] = _native.tier2_wait(900)
    out["build_s"] = time.perf_counter() - t_start
out["counters"] = _native.counters()
print(json.dumps(out))
'''


def child(kernels, mode, cache, *extra):
    env = dict(os.environ, PYTHONPATH=str(CORPUS), RUSTIFY_CACHE_DIR=str(cache), RUSTIFY_TIER2="1")
    env.pop("RUSTIFY_LOG", None)
    p = subprocess.run([sys.executable, "-c", CHILD, ",".join(kernels), mode, *extra], env=env,
                       capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        raise SystemExit(f"child failed:\n{p.stderr}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernels", default="euclidean,dot_product,running_mean,convolve1d,cumsum")
    ap.add_argument("--rounds", type=int, default=3)
    opts = ap.parse_args(argv)
    kernels = [k.strip() for k in opts.kernels.split(",") if k.strip()]
    # The shared target directory: the default cache's, warmed by one build.
    os.environ.setdefault("RUSTIFY_TARGET_DIR", str(Path(tempfile.gettempdir()) / "rustify-bench-target"))
    with tempfile.TemporaryDirectory() as tmp:
        child(kernels, "tier2", Path(tmp) / "prime", "--wait")  # pyo3 into the target dir, once
    builds, cold, warm, bad = [], [], [], []
    for r in range(opts.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            first = child(kernels, "tier2", cache, "--wait")
            if not first.get("built"):
                raise SystemExit("the tier-2 build did not land")
            builds.append(first["build_s"])
            jit = child(kernels, "tier1", cache)
            ext = child(kernels, "tier2", cache)
            cold.append(sum(jit["first_call_ms"].values()))
            warm.append(sum(ext["first_call_ms"].values()))
            if ext["counters"]["jit_compiles"] != 0 or set(ext["tiers"].values()) != {"ext"}:
                bad.append(f"round {r}: warm process compiled {ext['counters']['jit_compiles']}, tiers {ext['tiers']}")
            if not (first["ok"] and jit["ok"] and ext["ok"]):
                bad.append(f"round {r}: a result differed from CPython")
    med = statistics.median
    print(f"kernels: {', '.join(kernels)} (one module, one crate); {opts.rounds} rounds, medians")
    print(f"  tier-2 build, first call to landed (warm target dir): {med(builds):.2f} s")
    print(f"  first calls, tier 1 compiling:      {med(cold):8.2f} ms")
    print(f"  first calls, tier 2 from the cache: {med(warm):8.2f} ms  ({med(cold) / med(warm):.2f}x faster start)")
    for b in bad:
        print("ERROR:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
