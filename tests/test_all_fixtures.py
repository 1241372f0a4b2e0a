"""`rustify-ml accelerate` on the seed kernels: the standalone extension it
writes gives the same results as Python for every seed kernel.

    python tests/test_all_fixtures.py [--with-rust]   # as a script
    pytest tests/test_all_fixtures.py                 # the same, with the build

The workload runs every kernel of ../shared/corpus/seed_kernels.py on its
INPUTS; accelerate profiles it and writes rustify_ml_ext/. Without
--with-rust only the generated crate is checked (one native program per
translated kernel, a reason for the rest); with it (and always under pytest)
the crate is built with maturin, its wheel is installed into a scratch
directory, and every kernel is called through the extension on the seed
inputs and on edge cases, compared with CPython (value, type, exception,
argument state). The extension must work with no rustify-ml importable.
"""

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = (REPO.parent / "shared" / "corpus").resolve()
TARGET_DIR = REPO / "target" / "tier2-tests"
KERNELS = ["euclidean", "dot_product", "normalize_pixels", "running_mean", "count_pairs", "bpe_encode",
           "standard_scale", "min_max_scale", "l2_normalize", "convolve1d", "moving_average", "diff", "cumsum"]

WORKLOAD = '''
import time
import seed_kernels as K
end = time.time() + 3.0
while time.time() < end:
    for name, (_, make) in K.INPUTS.items():
        getattr(K, name)(*make())
'''

# Runs in a Python where only the extension and the corpus are importable.
COMPARE = '''
import json, math, sys
import seed_kernels as K
import rustify_ml_ext as X

assert "rustify_ml" not in sys.modules

def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a.items()) == list(b.items())
    return a == b

def outcome(f, args):
    try:
        return ("ok", f(*args), args)
    except Exception as e:
        return ("raise", (type(e).__name__, str(e)), args)

EDGE = {
    "euclidean": [([], []), ([1.0], [float("nan")]), ([1.0, 2.0], [1.0])],
    "dot_product": [([], []), ([1e308, 1e308], [10.0, 10.0])],
    "normalize_pixels": [([1.0, 2.0], 0.5, 0.0), ([], 1.0, 2.0)],
    "running_mean": [([1.0, 2.0, 3.0], 0), ([1.0, 2.0], 5)],
    "standard_scale": [([1.0], 0.0, 0.0)],
    "min_max_scale": [([1.0, 2.0], 1.0, 1.0)],
    "l2_normalize": [([0.0, 0.0],), ([-0.0],)],
    "convolve1d": [([1.0, 2.0], [1.0, 2.0, 3.0]), ([], [1.0])],
    "moving_average": [([1.0, 2.0, 3.0], 0), ([1.0], 3)],
    "diff": [([],), ([1.0],)],
    "cumsum": [([],), ([1, 2, 3],)],
    "count_pairs": [([],), ([7],), ([1, 2, 1, 2, 1],), ([1.5, 2.5, 1.5, 2.5],), ([1, 2.0],)],
    "bpe_encode": [("", []), ("h\u00e9llo \U0001F600", [(104, 195), (256, 108)]), ("aaaa", [(97, 97), (256, 256)])],
}

report = {"native": sorted(n for n in K.INPUTS if hasattr(X, n)), "mismatches": [], "checked": 0}
for name, (_, make) in K.INPUTS.items():
    if not hasattr(X, name):
        continue
    cases = [make()] + [tuple(c) for c in EDGE.get(name, [])]
    for args in cases:
        fresh = lambda: [list(a) if isinstance(a, list) else a for a in args]
        want = outcome(getattr(K, name), fresh())
        got = outcome(getattr(X, name), fresh())
        report["checked"] += 1
        if want[0] != got[0] or not same(want[1], got[1]) or not same(want[2], got[2]):
            report["mismatches"].append(f"{name}{tuple(args)!r:.80}: CPython {want[:2]!r:.120} vs extension {got[:2]!r:.120}")
print(json.dumps(report))
'''


def accelerate(work, with_rust):
    (work / "workload.py").write_text(WORKLOAD)
    env = dict(os.environ, PYTHONPATH=str(CORPUS), CARGO_TARGET_DIR=str(TARGET_DIR))
    # Every kernel by name (shares of samples vary with the machine's load).
    argv = [sys.executable, "-m", "rustify_ml.cli", "accelerate", "--file", str(work / "workload.py"),
            "--output", str(work / "out")]
    for name in KERNELS:
        argv += ["--function", name]
    if not with_rust:
        argv.append("--dry-run")
    p = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stdout + p.stderr
    return p.stdout, work / "out" / "rustify_ml_ext"


def check_crate(stdout, crate):
    lib = (crate / "src" / "lib.rs").read_text()
    assert "_floats" not in lib, "--function limits the extension to the named functions"
    for name in KERNELS:
        assert f'#[pyo3(name = "{name}"' in lib, f"{name} missing from the extension"
        line = next(l for l in stdout.splitlines() if l.strip().startswith(name))
        expected = {"count_pairs": "native (list[int])", "bpe_encode": "native (str, list[tuple"}
        assert expected.get(name, "native (list[float]") in line, line
    for f in ("abi.rs", "args.rs", "dict.rs", "host.rs", "rt.rs", "semantics.rs", "types.rs"):
        assert (crate / "src" / f).exists()


def run_extension(work, crate):
    wheels = sorted((crate / "dist").glob("*.whl"))
    assert wheels, "no wheel was built"
    site = work / "site"
    with zipfile.ZipFile(wheels[-1]) as z:
        z.extractall(site)
    (work / "compare.py").write_text(COMPARE)
    # -S and -s: no site-packages, so rustify_ml cannot be imported.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join([str(site), str(CORPUS)])}
    p = subprocess.run([sys.executable, "-S", "-s", str(work / "compare.py")], cwd=work, env=env,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_standalone_extension_matches_python_on_every_seed_kernel(tmp_path):
    stdout, crate = accelerate(tmp_path, with_rust=True)
    check_crate(stdout, crate)
    report = run_extension(tmp_path, crate)
    assert report["native"] == sorted(KERNELS), report["native"]
    assert report["checked"] >= 30
    assert report["mismatches"] == [], "\n".join(report["mismatches"])


def main(argv):
    import tempfile  # noqa: PLC0415

    with_rust = "--with-rust" in argv
    with tempfile.TemporaryDirectory() as tmp:
        stdout, crate = accelerate(Path(tmp), with_rust)
        print(stdout)
        check_crate(stdout, crate)
        if with_rust:
            report = run_extension(Path(tmp), crate)
            print(textwrap.indent(json.dumps(report, indent=1), "  "))
            if report["mismatches"]:
                return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


ML_WORKLOAD = '''
import time

def scale_in_place(xs, k):
    for i in range(len(xs)):
        xs[i] = xs[i] * k

def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)

end = time.time() + 1.5
while time.time() < end:
    data = [float(i) for i in range(500)]
    scale_in_place(data, 0.5)
    mean(data)
'''

ML_COMPARE = '''
import json, sys
import numpy as np
import rustify_ml_ext as X
assert "rustify_ml" not in sys.modules
ns = {}
exec(open("workload_ml.py").read().split("end =")[0], ns)
arr = np.arange(6, dtype=np.float64)
lst = [float(v) for v in range(6)]
X.scale_in_place(arr, 0.5)
ns["scale_in_place"](lst, 0.5)
out = {"written_back": arr.tolist() == lst, "mean": [X.mean(arr), ns["mean"](lst)]}
try:
    X.mean(np.zeros(0))
except Exception as e:
    out["empty"] = type(e).__name__
out["int_array_falls_back"] = bool(X.mean(np.arange(4)) == ns["mean"](np.arange(4)))
print(json.dumps(out))
'''


def test_ml_mode_accepts_float64_arrays(tmp_path):
    (tmp_path / "workload_ml.py").write_text(ML_WORKLOAD)
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    p = subprocess.run([sys.executable, "-m", "rustify_ml.cli", "accelerate", "--file", "workload_ml.py", "--ml-mode",
                        "--function", "scale_in_place", "--function", "mean", "--output", "out"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stdout + p.stderr
    crate = tmp_path / "out" / "rustify_ml_ext"
    assert "const ML_MODE: bool = true;" in (crate / "src" / "lib.rs").read_text()
    site = tmp_path / "site"
    with zipfile.ZipFile(sorted((crate / "dist").glob("*.whl"))[-1]) as z:
        z.extractall(site)
    (tmp_path / "compare.py").write_text(ML_COMPARE)
    import numpy  # noqa: PLC0415  (installed by tests/run.sh; the extension must not need rustify_ml)

    env = {"PATH": os.environ.get("PATH", ""),
           "PYTHONPATH": os.pathsep.join([str(site), str(Path(numpy.__file__).parent.parent)])}
    p = subprocess.run([sys.executable, "-S", "-s", "compare.py"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["written_back"] is True
    assert out["mean"][0] == out["mean"][1] and type(out["mean"][0]) is float
    assert out["empty"] == "ZeroDivisionError"
    assert out["int_array_falls_back"] is True
