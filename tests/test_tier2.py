"""Tier 2 and its cache, in real processes: a warm second run compiles
nothing; two processes build one entry once; a build killed with SIGKILL
leaves no half entry; a corrupted library or a truncated index is detected
and repaired; a read-only cache is only read; without cargo tier 1 keeps
running and the failing build is not retried; editing a callee in another
file invalidates its caller's entry; and the `rustify-ml` command.

Every test gets a fresh cache directory; builds share one target directory
for the session (RUSTIFY_TARGET_DIR), so pyo3 compiles once.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TARGET_DIR = REPO / "target" / "tier2-tests"

KERNELS = '''
import math

SCALE = 2.0

def helper(x):
    return x * SCALE

def dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total

def norm(xs):
    return math.sqrt(sum([helper(x) * x for x in xs]))

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
'''

DRIVER = '''
import json, sys
import rustify_ml
from rustify_ml import _native
import kernels

fs = {name: rustify_ml.jit(getattr(kernels, name)) for name in ("dot", "norm", "fib")}
xs = [float(i) * 0.5 for i in range(300)]
out = {
    "results": [fs["dot"](xs, xs), fs["norm"](xs), fs["fib"](90), fs["fib"](80)],
    "first_tiers": {n: rustify_ml.status(f)["tier"] for n, f in fs.items()},
}
out["built"] = _native.tier2_wait(600) if "--wait" in sys.argv else None
# Calls after the build landed: a trial between the tiers, then one stays.
after = [fs["dot"](xs, xs) for _ in range(30)]
out["after_build"] = {"same": all(r == out["results"][0] for r in after), "tier": rustify_ml.status(fs["dot"])["tier"]}
out["counters"] = _native.counters()
print(json.dumps(out))
'''


def _cpython_results():
    ns = {}
    exec(KERNELS, ns)
    xs = [float(i) * 0.5 for i in range(300)]
    return [ns["dot"](xs, xs), ns["norm"](xs), ns["fib"](90), ns["fib"](80)]


@pytest.fixture
def app(tmp_path):
    (tmp_path / "kernels.py").write_text(KERNELS)
    (tmp_path / "driver.py").write_text(DRIVER)
    return tmp_path


def _env(cache, **extra):
    env = dict(os.environ, RUSTIFY_TIER2="1", RUSTIFY_CACHE_DIR=str(cache), RUSTIFY_TARGET_DIR=str(TARGET_DIR),
               RUSTIFY_TIER2_DELAY="0.5")
    env.pop("RUSTIFY_LOG", None)
    env.update(extra)
    return env


def _run(app, cache, *args, timeout=900, **env):
    p = subprocess.run([sys.executable, "driver.py", *args], cwd=app, env=_env(cache, **env),
                       capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1]), p.stderr


def _libraries(cache):
    return sorted((Path(cache) / "v1" / "artifacts").glob("*.so"))


def test_second_run_is_warm_from_the_cache(app, tmp_path):
    cache = tmp_path / "cache"
    first, first_err = _run(app, cache, "--wait")
    assert first["built"] is True
    assert first["results"] == _cpython_results()
    assert first["first_tiers"] == {"dot": "jit", "norm": "jit", "fib": "jit"}
    assert first["counters"]["jit_compiles"] == 3 and first["counters"]["ext_builds"] == 1
    assert len(_libraries(cache)) == 1, "one crate per module"
    # After the build: the trial ran on real calls and one tier stayed.
    assert first["after_build"]["same"] is True
    if first["after_build"]["tier"] != "ext":
        assert "slower than tier 1" in first_err, "tier 1 kept without saying why"

    second, stderr = _run(app, cache)
    assert second["results"] == _cpython_results()
    assert second["first_tiers"] == {"dot": "ext", "norm": "ext", "fib": "ext"}
    assert second["counters"]["jit_compiles"] == 0
    assert second["counters"]["ext_builds"] == 0
    assert second["counters"]["ext_loads"] == 3
    assert stderr == ""


def test_two_processes_build_one_entry_once(app, tmp_path):
    cache = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "driver.py", "--wait"], cwd=app, env=_env(cache),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert json.loads(out.strip().splitlines()[-1])["results"] == _cpython_results()
    assert len(_libraries(cache)) == 1
    logs = list((cache / "v1" / "logs").glob("*.log"))
    assert len(logs) == 1
    # One compile of the crate: the second process waited on the lock and
    # found the entries the first one stored.
    assert logs[0].read_text().count("Compiling rustify_ext_") == 1


def test_kill_9_during_a_build_leaves_no_half_entry(app, tmp_path):
    cache = tmp_path / "cache"
    p = subprocess.Popen([sys.executable, "driver.py", "--wait"], cwd=app, env=_env(cache),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    build = cache / "v1" / "build"
    deadline = time.time() + 120
    while time.time() < deadline and not (build.exists() and any(build.iterdir())):
        time.sleep(0.02)
    assert build.exists() and any(build.iterdir()), "the build did not start"
    time.sleep(0.3)
    os.killpg(p.pid, signal.SIGKILL)  # the program, its build process, maturin, cargo
    p.wait()
    entries = cache / "v1" / "entries"
    assert not entries.exists() or not any(entries.glob("*.bin")), "an entry without a finished build"
    # The next run sees no entry, builds again and is right.
    first, _ = _run(app, cache, "--wait")
    assert first["results"] == _cpython_results() and first["built"] is True
    second, _ = _run(app, cache)
    assert second["first_tiers"]["dot"] == "ext" and second["counters"]["jit_compiles"] == 0


def test_a_corrupted_library_is_detected_and_rebuilt(app, tmp_path):
    cache = tmp_path / "cache"
    _run(app, cache, "--wait")
    (lib,) = _libraries(cache)
    data = bytearray(lib.read_bytes())
    data[len(data) // 2] ^= 0xFF
    lib.write_bytes(bytes(data))
    again, stderr = _run(app, cache, "--wait", RUSTIFY_LOG="info")
    assert again["results"] == _cpython_results()
    assert again["first_tiers"]["dot"] == "jit", "the corrupt library must not be loaded"
    assert "hash mismatch" in stderr
    warm, _ = _run(app, cache)
    assert warm["first_tiers"] == {"dot": "ext", "norm": "ext", "fib": "ext"}


def test_a_truncated_index_or_entry_is_survived(app, tmp_path):
    cache = tmp_path / "cache"
    _run(app, cache, "--wait")
    _run(app, cache)  # counts hits in the index
    index = cache / "v1" / "index.bin"
    index.write_bytes(index.read_bytes()[:5])
    entry = sorted((cache / "v1" / "entries").glob("*.bin"))[0]
    entry.write_bytes(entry.read_bytes()[:-3])
    run, stderr = _run(app, cache, "--wait")
    assert run["results"] == _cpython_results()
    # Two entries load from the cache; the damaged one compiles on tier 1,
    # is rebuilt, and its new library is linked too.
    c = run["counters"]
    assert (c["jit_compiles"], c["ext_builds"], c["ext_loads"]) == (1, 1, 3), run
    assert sorted(run["first_tiers"].values()) == ["ext", "ext", "jit"]
    assert "Traceback" not in stderr
    warm, _ = _run(app, cache)
    assert warm["counters"]["jit_compiles"] == 0


def test_a_read_only_cache_is_used_read_only(app, tmp_path):
    # A cache warmed in one place, copied elsewhere (as to another machine
    # with the same Python and CPU), then used read-only.
    warmed = tmp_path / "warmed"
    _run(app, warmed, "--wait")
    cache = tmp_path / "deployed"
    shutil.copytree(warmed / "v1", cache / "v1", ignore=shutil.ignore_patterns("target", "build", "locks"))
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*")}
    # A private mount namespace where the cache directory is mounted read-only.
    unshare = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    script = f'mount --bind -o ro "{cache}" "{cache}" && exec "{sys.executable}" driver.py'
    p = subprocess.run([*unshare, "sh", "-c", script], cwd=app, env=_env(cache), capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["results"] == _cpython_results()
    assert out["first_tiers"] == {"dot": "ext", "norm": "ext", "fib": "ext"}
    assert "Traceback" not in p.stderr
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*")} == before
    # A program needing a new build (and living long enough to try it): tier
    # 1 runs, one line says why.
    (app / "kernels.py").write_text(KERNELS.replace("SCALE = 2.0", "SCALE = 3.0"))
    p = subprocess.run([*unshare, "sh", "-c", script + " --wait"], cwd=app, env=_env(cache), capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["first_tiers"]["norm"] == "jit"
    assert p.stderr.count("read-only") == 1, p.stderr


def test_without_cargo_tier_1_keeps_running_and_the_build_is_not_retried(app, tmp_path):
    cache = tmp_path / "cache"
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "python3").symlink_to(sys.executable)
    path = os.pathsep.join([str(bindir), "/usr/bin", "/bin"])
    assert shutil.which("cargo", path=path) is None
    first, stderr = _run(app, cache, "--wait", PATH=path)
    assert first["results"] == _cpython_results()
    assert first["counters"]["ext_builds"] == 0
    lines = [l for l in stderr.splitlines() if "tier 2" in l]
    assert len(lines) == 1 and "tier 1 keeps running" in lines[0] and ".log" in lines[0], stderr
    log = Path(lines[0].split("log: ")[1].split(";")[0])
    assert log.exists()
    second, stderr = _run(app, cache, "--wait", PATH=path)
    assert second["results"] == _cpython_results()
    assert "failed before" in stderr
    assert not list((cache / "v1" / "build").glob("*")), "no second build attempt"


def test_editing_a_callee_in_another_file_invalidates_the_caller(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "helpers.py").write_text("def scale(x):\n    return x * 2.0\n")
    (tmp_path / "main.py").write_text(textwrap.dedent('''
        import json, sys
        import rustify_ml
        from rustify_ml import _native
        from helpers import scale

        @rustify_ml.jit
        def total(xs):
            s = 0.0
            for x in xs:
                s += scale(x)
            return s

        r = total([1.0, 2.0, 3.0])
        print(json.dumps({"result": r, "tier": rustify_ml.status(total)["tier"],
                          "built": _native.tier2_wait(600), "counters": _native.counters()}))
    '''))

    def run():
        p = subprocess.run([sys.executable, "main.py"], cwd=tmp_path, env=_env(cache), capture_output=True,
                           text=True, timeout=900)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout.strip().splitlines()[-1])

    assert run()["result"] == 12.0
    warm = run()
    assert warm["tier"] == "ext" and warm["result"] == 12.0
    (tmp_path / "helpers.py").write_text("def scale(x):\n    return x * 3.0\n")
    edited = run()
    assert edited["result"] == 18.0, "a stale entry ran the old callee"
    assert edited["tier"] == "jit" and edited["counters"]["jit_compiles"] == 1
    assert run()["tier"] == "ext"


def test_warm_command_builds_and_checks(app, tmp_path):
    cache = tmp_path / "cache"
    (app / "workload.py").write_text(textwrap.dedent('''
        import time, kernels
        xs = [float(i) for i in range(2000)]
        t = time.time()
        while time.time() - t < 2.0:
            kernels.dot(xs, xs)
    '''))
    cli = [sys.executable, "-m", "rustify_ml.cli"]
    check = subprocess.run([*cli, "warm", "--check", "workload.py"], cwd=app, env=_env(cache), capture_output=True,
                           text=True)
    assert check.returncode == 2 and "no recorded profile" in check.stderr
    warm = subprocess.run([*cli, "warm", "workload.py"], cwd=app, env=_env(cache), capture_output=True, text=True,
                          timeout=900)
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert "ok      kernels.dot(list[float], list[float])" in warm.stdout
    check = subprocess.run([*cli, "warm", "--check", "workload.py"], cwd=app, env=_env(cache), capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout
    ls = subprocess.run([*cli, "cache", "ls"], cwd=app, env=_env(cache), capture_output=True, text=True)
    assert "kernels.dot" in ls.stdout and "1 entries" in ls.stdout
    key = next(l.split()[0] for l in ls.stdout.splitlines() if "kernels.dot" in l)
    info = subprocess.run([*cli, "cache", "info", key], cwd=app, env=_env(cache), capture_output=True, text=True)
    assert info.returncode == 0 and "(list[float], list[float])" in info.stdout
    # A deployment's cache that lost an entry fails the check.
    subprocess.run([*cli, "cache", "clear"], cwd=app, env=_env(cache), check=True, capture_output=True)
    check = subprocess.run([*cli, "warm", "--check", "workload.py"], cwd=app, env=_env(cache), capture_output=True,
                           text=True)
    assert check.returncode == 1 and "missing" in check.stdout


@pytest.mark.parametrize("argv,message", [
    (["cache", "info", "ffff"], "no cache entry"),
    (["cache", "info"], "needs a KEY"),
    (["warm", "no/such/file.py"], "no such file"),
    (["cache", "prune", "--max-mb", "-1"], "--max-mb must be >= 0"),
])
def test_cli_bad_input_is_one_line_and_non_zero(tmp_path, argv, message):
    p = subprocess.run([sys.executable, "-m", "rustify_ml.cli", *argv], cwd=tmp_path, env=_env(tmp_path / "c"),
                       capture_output=True, text=True)
    assert p.returncode != 0
    assert p.stderr.count("\n") == 1 and message in p.stderr, p.stderr


def _accelerate(tmp_path, *argv):
    return subprocess.run([sys.executable, "-m", "rustify_ml.cli", "accelerate", *argv], cwd=tmp_path,
                          env=_env(tmp_path / "c"), capture_output=True, text=True, timeout=300)


def test_accelerate_bad_input_is_one_line_non_zero_and_overwrites_nothing(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n")
    (tmp_path / "ok.py").write_text("def f(x):\n    return x\nfor i in range(10):\n    f(i)\n")
    (tmp_path / "a_file").write_text("")
    kept = tmp_path / "dist" / "rustify_ml_ext"
    kept.mkdir(parents=True)
    (kept / "mine.txt").write_text("user data")
    cases = [
        (["--file", "missing.py"], "no such file"),
        (["--file", "broken.py"], "does not parse"),
        (["--file", "ok.py", "--function", "nope", "--output", "o1"], "unknown function 'nope'"),
        (["--file", "ok.py", "--output", "a_file/sub"], "not writable"),
        (["--file", "ok.py"], "not written by rustify-ml accelerate"),
        (["--file", "ok.py", "--threshold", "150"], "--threshold"),
    ]
    for argv, message in cases:
        p = _accelerate(tmp_path, *argv)
        assert p.returncode != 0, argv
        assert p.stderr.count("\n") == 1 and message in p.stderr, (argv, p.stderr)
    assert (kept / "mine.txt").read_text() == "user data"
    assert sorted(x.name for x in kept.iterdir()) == ["mine.txt"]
    assert not (tmp_path / "o1").exists()


def test_a_rebuild_in_another_order_links_each_program_to_its_own_code(tmp_path):
    # The same programs built again (after `cache clear`) in the opposite
    # order, by a process that already loaded the first library.
    (tmp_path / "two.py").write_text("def f(x):\n    return x + 1\n\ndef g(x):\n    return x * 100\n")
    (tmp_path / "main.py").write_text(textwrap.dedent('''
        import json
        import rustify_ml, two
        from rustify_ml import _native
        f1, g1 = rustify_ml.jit(two.f), rustify_ml.jit(two.g)
        f1(7); g1(7)
        _native.tier2_wait(600)
        _native.cache_clear()
        g2, f2 = rustify_ml.jit(two.g), rustify_ml.jit(two.f)
        g2(7); f2(7)
        _native.tier2_wait(600)
        runs = [(g2(7), f2(7)) for _ in range(20)]
        g3, f3 = rustify_ml.jit(two.g), rustify_ml.jit(two.f)
        print(json.dumps({"runs": runs, "fresh": [g3(7), f3(7)],
                          "tiers": [rustify_ml.status(w)["tier"] for w in (g2, f2, g3, f3)]}))
    '''))
    p = subprocess.run([sys.executable, "main.py"], cwd=tmp_path, env=_env(tmp_path / "cache"), capture_output=True,
                       text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert set(map(tuple, out["runs"])) == {(700, 8)}
    assert out["fresh"] == [700, 8] and out["tiers"][2:] == ["ext", "ext"]


def test_accelerate_refuses_two_compiled_in_functions_with_one_name(tmp_path):
    (tmp_path / "b.py").write_text("def helper(x):\n    return x * 10.0\n\ndef g(x):\n    return helper(x)\n")
    (tmp_path / "app.py").write_text(textwrap.dedent('''
        import time
        from b import g as bg

        def helper(x):
            return x + 0.5

        def f(xs):
            t = 0.0
            for x in xs:
                t += helper(x) + bg(x)
            return t

        end = time.time() + 1.0
        while time.time() < end:
            f([1.0, 2.0])
    '''))
    p = _accelerate(tmp_path, "--file", "app.py", "--function", "f", "--dry-run", "--output", "o")
    assert p.returncode != 0
    line = next(l for l in p.stdout.splitlines() if l.strip().startswith("f "))
    assert "python" in line and "two functions named 'helper'" in line, p.stdout
    assert not (tmp_path / "o" / "rustify_ml_ext").exists()
