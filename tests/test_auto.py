"""Auto mode on unchanged programs, in real subprocesses with RUSTIFY_AUTO=1.

Every program prints what it computed; the test compares that output with a
plain CPython run of the same program, then checks what auto mode did."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

KERNELS = """
    def dot(a, b):
        total = 0.0
        for i in range(len(a)):
            total += a[i] * b[i]
        return total

    def scale(xs, k):
        return [x * k for x in xs]

    class Ops:
        @staticmethod
        def norm2(xs):
            s = 0.0
            for x in xs:
                s += x * x
            return s
"""

# Runs long enough on CPython (about a second) for the sampler to see it.
DRIVER = """
    import time
    def workload(rounds=700):
        a = [float(i % 7) for i in range(20000)]
        b = [float(i % 5) for i in range(20000)]
        acc = 0.0
        for r in range(rounds):
            acc += dot(a, b) + Ops.norm2(a)
            acc += scale(b[:100], 0.5)[r % 100]
        return acc
"""


def run(tmp_path, files, env=None, main="prog.py"):
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    full = {k: v for k, v in os.environ.items() if not k.startswith("RUSTIFY_")}
    full.update(env or {})
    out = subprocess.run(
        [sys.executable, main], cwd=tmp_path, capture_output=True, text=True, env=full, timeout=120
    )
    return out


def plain_and_auto(tmp_path, files, extra_env=None):
    plain = run(tmp_path, files)
    auto = run(tmp_path, files, {"RUSTIFY_AUTO": "1", "RUSTIFY_LOG": "info", **(extra_env or {})})
    assert plain.returncode == 0, plain.stderr
    assert auto.returncode == 0, auto.stderr
    assert "Traceback" not in auto.stderr, auto.stderr
    return plain, auto


def test_main_script_functions_turn_native(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml
    print("result", workload())
    print("tiers", rustify_ml.status(dot)["tier"], rustify_ml.status(Ops.norm2)["tier"])
    """
    plain, auto = plain_and_auto(tmp_path, {"prog.py": prog})
    assert plain.stdout.splitlines()[0] == auto.stdout.splitlines()[0]
    assert plain.stdout.splitlines()[1] == "tiers python python"
    assert auto.stdout.splitlines()[1] == "tiers jit jit", auto.stderr
    assert "dot (line" in auto.stderr and "accelerated" in auto.stderr


def test_imported_module_and_early_references_get_the_native_path(tmp_path):
    kernels = "import math\n" + textwrap.dedent(KERNELS)
    prog = """
    import pickle, inspect
    import kernels
    from kernels import dot          # a reference taken before dot turns hot
    callbacks = {"dot": kernels.dot}  # and one stored in a dict
    """ + DRIVER.replace("dot(a, b)", "callbacks['dot'](a, b)").replace("Ops.", "kernels.Ops.").replace("scale(", "kernels.scale(") + """
    import rustify_ml
    print("result", workload())
    print("same", kernels.dot is dot, pickle.loads(pickle.dumps(dot)) is dot, str(inspect.signature(dot)))
    print("tier", rustify_ml.status(dot)["tier"], dot(a=[1.0, 2.0], b=[3.0, 4.0]))
    """
    plain, auto = plain_and_auto(tmp_path, {"kernels.py": kernels, "prog.py": prog})
    p, a = plain.stdout.splitlines(), auto.stdout.splitlines()
    assert p[0] == a[0]
    assert a[1] == "same True True (a, b)"
    assert a[2] == "tier jit 11.0", auto.stderr


def test_report_and_stats(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml
    workload()
    rows = {r["function"]: r for r in rustify_ml.stats()}
    dot_row = rows.get("dot", {})
    print(dot_row.get("tier"), dot_row.get("signatures"), dot_row.get("share", 0) > 5)
    """
    _, auto = plain_and_auto(tmp_path, {"prog.py": prog}, {"RUSTIFY_REPORT": "1"})
    assert auto.stdout.strip() == "jit ['(list[float], list[float])'] True"
    assert "rustify-ml: accelerated" in auto.stderr
    report = auto.stderr[auto.stderr.index("rustify-ml: accelerated"):]
    assert "dot" in report and "native" in report


def test_untranslatable_program_is_left_exactly_as_it_is(tmp_path):
    prog = """
    def count(tokens):
        counts = {}
        for i in range(len(tokens) - 1):
            pair = tokens[i] + tokens[i + 1]
            counts[pair] = counts.get(pair, 0) + 1
        return counts

    def shout(words):
        return [w.upper() + "!" for w in words]

    tokens = [str(i % 13) for i in range(20000)]
    total = 0
    for _ in range(200):
        total += len(count(tokens)) + len(shout(["a", "b"] * 100))
    print(total, sorted(count(tokens).items())[:3], shout(["x"]))
    import rustify_ml
    print(rustify_ml.status(count)["tier"], count.__code__.co_name)
    """
    plain, auto = plain_and_auto(tmp_path, {"prog.py": prog})
    assert plain.stdout == auto.stdout
    assert "runs in Python" in auto.stderr


def test_threads_share_an_accelerated_function(tmp_path):
    prog = KERNELS + DRIVER + """
    import threading
    results = []
    def work():
        results.append(workload(200))
    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads: t.start()
    for t in threads: t.join()
    print(sorted(results))
    """
    plain, auto = plain_and_auto(tmp_path, {"prog.py": prog})
    assert plain.stdout == auto.stdout


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_children_work_and_accelerate(tmp_path, method):
    kernels = KERNELS + DRIVER
    prog = f"""
    import multiprocessing as mp
    import kernels

    def child(n):
        import rustify_ml
        value = kernels.workload(n)
        return value, rustify_ml.status(kernels.dot)["tier"]

    if __name__ == "__main__":
        ctx = mp.get_context("{method}")
        with ctx.Pool(2) as pool:
            out = pool.map(child, [300, 300])
        print([v for v, _ in out])
        print("tiers", sorted(t for _, t in out))
    """
    plain, auto = plain_and_auto(tmp_path, {"kernels.py": kernels, "prog.py": prog})
    assert plain.stdout.splitlines()[0] == auto.stdout.splitlines()[0]
    assert plain.stdout.splitlines()[1] == "tiers ['python', 'python']"
    assert auto.stdout.splitlines()[1] == "tiers ['jit', 'jit']", auto.stderr


def test_rustify_disable_turns_auto_mode_off(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml, sys
    workload(200)
    print(rustify_ml.status(dot)["tier"], "rustify_ml.auto" in sys.modules and bool(rustify_ml.stats()))
    """
    out = run(tmp_path, {"prog.py": prog}, {"RUSTIFY_AUTO": "1", "RUSTIFY_DISABLE": "1", "RUSTIFY_LOG": "info"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "python False"
    assert out.stderr == ""


def test_import_rustify_ml_auto_turns_it_on_from_inside(tmp_path):
    prog = "import rustify_ml.auto\n" + textwrap.dedent(KERNELS) + textwrap.dedent(DRIVER) + textwrap.dedent("""
    import rustify_ml
    workload()
    print(rustify_ml.status(dot)["tier"])
    """)
    out = run(tmp_path, {"prog.py": prog})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "jit"


def test_bad_settings_warn_and_use_defaults(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml
    workload(300)
    print(rustify_ml.status(dot)["tier"])
    """
    out = run(
        tmp_path,
        {"prog.py": prog},
        {"RUSTIFY_AUTO": "1", "RUSTIFY_THRESHOLD": "lots", "RUSTIFY_INCLUDE": "./x.py", "RUSTIFY_WARMUP": "-3"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "jit"
    assert "RUSTIFY_THRESHOLD='lots' is not a number" in out.stderr
    assert "RUSTIFY_INCLUDE: './x.py' is not a module name pattern" in out.stderr
    assert "RUSTIFY_WARMUP='-3'" in out.stderr


def test_exclude_keeps_a_module_in_python(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml
    workload(300)
    print(rustify_ml.status(dot)["tier"])
    """
    out = run(tmp_path, {"prog.py": prog}, {"RUSTIFY_AUTO": "1", "RUSTIFY_EXCLUDE": "__main__"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "python"


def test_call_counting_when_the_sampler_is_unavailable(tmp_path):
    prog = KERNELS + DRIVER + """
    import rustify_ml
    workload()
    print(rustify_ml.status(dot)["tier"])
    """
    out = run(tmp_path, {"prog.py": prog}, {"RUSTIFY_AUTO": "1", "RUSTIFY_LOG": "info", "RUSTIFY_SAMPLER": "count"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "jit"
    assert "counting calls in short bursts instead" in out.stderr


def test_recursion_limit_is_exact_behind_the_trampoline(tmp_path):
    # An accelerated recursive function raises RecursionError at exactly
    # CPython's depth, natively and in the re-run after a bail-out.
    prog = """
    import sys, time

    def deep(n):
        if n == 0:
            return 0
        return deep(n - 1) + 1

    def down(n, d):
        if n == 0:
            return 1.0 / d
        return down(n - 1, d) + 1.0

    def here():
        k, f = 0, sys._getframe()
        while f:
            k, f = k + 1, f.f_back
        return k

    end = time.time() + 1.5
    while time.time() < end:
        deep(50)
        down(50, 1.0)
    out = []
    base = here()
    sys.setrecursionlimit(base + 100)
    for n in range(94, 106):
        try:
            out.append(deep(n))
        except RecursionError as e:
            out.append(str(e))
    sys.setrecursionlimit(base + 400)
    for n in (300, 395, 397, 398, 399, 400, 401, 402, 405):
        try:
            out.append(down(n, 0.0))
        except (RecursionError, ZeroDivisionError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(out)
    """
    plain, auto = plain_and_auto(tmp_path, {"prog.py": prog})
    assert "deep (line" in auto.stderr and "down (line" in auto.stderr, auto.stderr
    assert plain.stdout == auto.stdout
    assert "RecursionError" in plain.stdout and "ZeroDivisionError" in plain.stdout
