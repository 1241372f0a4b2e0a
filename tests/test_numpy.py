"""numpy at the boundary: the GIL is released for object-free array code,
and the package works without numpy installed.

(Values and exceptions of numpy kernels are checked against CPython by the
conformance corpus, tests/cases/numpy_arrays.py.)
"""

import subprocess
import sys
import textwrap
import threading

import numpy as np

import rustify_ml

# Large enough that the boundary releases the GIL (4096 elements or more).
N = 8192
SPIN_LIMIT = 400_000_000


def handshake(flags, me, other, limit):
    flags[me] = 1.0
    n = 0
    while flags[other] == 0.0 and n < limit:
        n += 1
    return n


def running_sum(a, reps):
    total = 0.0
    for r in range(reps):
        for i in range(len(a)):
            total += a[i] * 0.5
    return total


def test_two_threads_run_a_compiled_numpy_kernel_at_the_same_time():
    # Each thread's native loop waits for the other's write into shared
    # array memory: both finish early only if both run natively at once.
    # With the GIL held, the first thread would spin to the limit.
    fn = rustify_ml.jit(handshake)
    fn(np.ones(N), 0, 1, 5)  # compile first
    assert rustify_ml.status(fn)["tier"] == "jit", rustify_ml.status(fn)
    flags = np.zeros(N)
    spins = [None, None]
    start = threading.Barrier(2)

    def run(me):
        start.wait()
        spins[me] = fn(flags, me, 1 - me, SPIN_LIMIT)

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert rustify_ml.status(fn)["tier"] == "jit"
    assert all(type(s) is int and s < SPIN_LIMIT for s in spins), spins
    assert list(flags[:2]) == [1.0, 1.0]


def test_python_threads_progress_during_a_long_native_call():
    fn = rustify_ml.jit(running_sum)
    a = np.arange(N, dtype=np.float64)
    assert fn(a, 3) == running_sum(a, 3)
    reps = 3000  # ~8192 * 3000 iterations: a call of a few tenths of a second
    window = {}
    ticks = []

    def worker():
        window["start"] = time_now()
        window["result"] = fn(a, reps)
        window["end"] = time_now()

    t = threading.Thread(target=worker)
    t.start()
    while t.is_alive():
        ticks.append(time_now())
    t.join()
    assert rustify_ml.status(fn)["tier"] == "jit"
    assert type(window["result"]) is np.float64
    lo, hi = window["start"], window["end"]
    middle = [x for x in ticks if lo + (hi - lo) / 4 < x < hi - (hi - lo) / 4]
    # With the GIL held by the native call, this thread could not tick at all
    # in the middle half of it.
    assert len(middle) > 100, (len(middle), hi - lo)


def time_now():
    import time

    return time.perf_counter()


def test_list_code_keeps_the_gil():
    # A kernel reading a Python list must not release the GIL; the same
    # kernel on an array may. explain() names which.
    def total(xs):
        s = 0.0
        for i in range(len(xs)):
            s += xs[i]
        return s

    f = rustify_ml.jit(total)
    f([1.0] * N)
    f(np.ones(N))
    text = rustify_ml.explain(f)
    assert "(list[float])" in text and "ndarray[float64, 1d]" in text, text
    lines = {line.split(":")[0].strip(): line for line in text.splitlines() if "GIL" in line}
    assert any("list[float]" in k and "holds the GIL" in v for k, v in lines.items()), text
    assert any("ndarray" in k and "releases the GIL" in v for k, v in lines.items()), text


def test_the_package_works_without_numpy(tmp_path):
    code = textwrap.dedent(
        """
        import sys
        sys.modules["numpy"] = None  # import numpy now raises ImportError
        import rustify_ml

        def dot(a, b):
            s = 0.0
            for i in range(len(a)):
                s += a[i] * b[i]
            return s

        f = rustify_ml.jit(dot)
        assert f([1.0, 2.0], [3.0, 4.0]) == 11.0
        assert rustify_ml.status(f)["tier"] == "jit", rustify_ml.status(f)
        print("ok")
        """
    )
    script = tmp_path / "no_numpy.py"
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


TIER2_DRIVER = '''
import json, threading, time
import numpy as np
import rustify_ml
from rustify_ml import _native
from kernels import running_sum

a = np.arange(8192, dtype=np.float64)
rustify_ml.jit(running_sum)(a, 1)
built = _native.tier2_wait(600)
fn = rustify_ml.jit(running_sum)  # a fresh wrapper: loads tier 2 from the cache
exact = bool(fn(a, 3) == running_sum(a, 3))
window, ticks = {}, []

def worker():
    window["start"] = time.perf_counter()
    fn(a, 3000)
    window["end"] = time.perf_counter()

t = threading.Thread(target=worker)
t.start()
while t.is_alive():
    ticks.append(time.perf_counter())
t.join()
lo, hi = window["start"], window["end"]
middle = [x for x in ticks if lo + (hi - lo) / 4 < x < hi - (hi - lo) / 4]
st = rustify_ml.status(fn)
print(json.dumps({"built": built, "tier": st["tier"], "nogil": st["nogil"], "exact": exact,
                  "middle_ticks": len(middle), "seconds": hi - lo}))
'''


def test_tier_2_releases_the_gil_too(tmp_path):
    # Tier 2 (rustc/LLVM) may keep a value read from array memory in a
    # register across a loop, so the handshake above is tier 1's test; here
    # Python progress during a long tier-2 call shows the GIL is free.
    import inspect
    import json
    import os

    from tests.test_tier2 import TARGET_DIR

    (tmp_path / "kernels.py").write_text(inspect.getsource(running_sum))
    (tmp_path / "driver.py").write_text(TIER2_DRIVER)
    env = dict(os.environ, RUSTIFY_TIER2="1", RUSTIFY_CACHE_DIR=str(tmp_path / "cache"),
               RUSTIFY_TARGET_DIR=str(TARGET_DIR), RUSTIFY_TIER2_DELAY="0")
    p = subprocess.run([sys.executable, "driver.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["built"] and out["tier"] == "ext" and out["exact"], (out, p.stderr[-2000:])
    assert out["nogil"], out
    assert out["middle_ticks"] > 100, out


# ------------------------------------------- numpy's warnings, exactly as CPython


def dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def euclid(a, b):
    total = 0.0
    for i in range(len(a)):
        d = a[i] - b[i]
        total += d * d
    return total


def windows(a, w):
    out = []
    for i in range(len(a) - w + 1):
        t = a[i]
        for j in range(1, w):
            t = t + a[i + j] / w
        out.append(t)
    return out


def product_until(a, limit):
    p = 1.0
    for i in range(len(a)):
        p *= a[i]
        if p > limit:
            break
    return p


def scaled_sum(a, k):
    s = 0.0
    for i in range(len(a)):
        s = s - (a[i] * k - a[i])
    return s


def inverse_sum(a):
    acc = a[0] - a[0]
    for i in range(len(a)):
        acc = acc + 1.0 / (a[i] * 1e308)
    return acc


def power_sum(a):
    acc = a[0] - a[0]
    for i in range(len(a)):
        acc = acc + (a[i] * 1e308) ** -1.0
    return acc


def python_division(a, z, flag):
    acc = a[0] if flag else 1.0
    for i in range(len(a)):
        acc = acc + 1.0 / (acc / z)
    return acc


def halving(a):
    acc = a[0] - a[0]
    for i in range(len(a)):
        acc = acc + a[i] * 1e308
        while acc > 1e300:
            acc = acc * 0.5
    return acc


def cumulative(a):
    out = [0.0] * len(a)
    acc = 0.0
    for i in range(len(a)):
        acc = acc + a[i] * a[i]
        out[i] = acc
    return out


BIG = np.array([1.0, 1e200, 1e200, 2.0])
INF_MIX = np.array([1.0, np.inf, -np.inf, 3.0])
WITH_NAN = np.array([1.0, np.nan, 2.0])
ZEROS = np.zeros(4)
ONES = np.ones(4)

WARN_CASES = [
    (dot, (BIG, BIG)),
    (dot, (INF_MIX, ONES)),
    (dot, (INF_MIX, ZEROS)),
    (dot, (WITH_NAN, WITH_NAN)),
    (dot, (ONES, ONES)),
    (euclid, (BIG, -BIG)),
    (euclid, (INF_MIX, INF_MIX)),
    (windows, (BIG, 2)),
    (windows, (np.array([1e308, 1e308, 1.0]), 1)),
    (windows, (INF_MIX, 3)),
    (product_until, (BIG, 1e300)),
    (product_until, (np.array([1e300, 1e300, 0.0]), np.inf)),
    (scaled_sum, (BIG, 1e200)),
    (scaled_sum, (ONES, 3.0)),
    (inverse_sum, (np.array([10.0, 1.0, 2.0]),)),
    (power_sum, (np.array([10.0, 1.0, 2.0]),)),
    (python_division, (np.array([10.0, 1.0]), 0.0, False)),
    (python_division, (np.array([10.0, 1.0]), 0.0, True)),
    (cumulative, (BIG,)),
    (cumulative, (ONES,)),
]


def _outcome_and_warnings(f, args):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = f(*args)
            out = ("ok", type(r).__name__, repr(r))
        except Exception as e:  # noqa: BLE001 - compared with CPython's
            out = ("raised", type(e).__name__, str(e))
    return out, [(w.category.__name__, str(w.message)) for w in caught]


def test_numpy_warnings_and_errstate_are_cpythons():
    # numpy warns (or, under errstate, raises FloatingPointError) where an
    # operation overflows, divides by zero or makes a NaN; native code defers
    # those checks to the end of a loop in accumulators, and must still hand
    # every such call back to CPython.
    for f, args in WARN_CASES:
        g = rustify_ml.jit(f, tier2=False)
        warm = [np.ones_like(x) if isinstance(x, np.ndarray) else x if isinstance(x, bool) or x != 0 else 1.0 for x in args]
        g(*warm)
        assert rustify_ml.status(g)["tier"] == "jit", (f.__name__, rustify_ml.status(g))
        for setting in ("warn", "raise"):
            with np.errstate(over=setting, invalid=setting, divide=setting):
                want = _outcome_and_warnings(f, args)
                got = _outcome_and_warnings(g, args)
            assert got == want, (f.__name__, args, setting)


def test_a_loop_that_would_spin_on_inf_stops_where_cpython_raises():
    # CPython raises FloatingPointError at the first overflow; native code
    # must not run on with the inf (here: halving it forever).
    script = textwrap.dedent("""
        import numpy as np, rustify_ml
        from test_numpy import halving
        g = rustify_ml.jit(halving, tier2=False)
        g(np.ones(2))
        with np.errstate(over="raise"):
            try:
                g(np.array([10.0, 1.0]))
            except FloatingPointError as e:
                print("raised", e)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         cwd=str(__import__("pathlib").Path(__file__).parent))
    assert out.stdout.strip() == "raised overflow encountered in scalar multiply", (out.stdout, out.stderr[-400:])


def put_twos(a):
    for i in range(len(a)):
        a[i] = 2.0
    return a[0]


def test_arrays_numpy_warns_about_writing_are_written_by_cpython():
    # np.broadcast_arrays results warn on a write (numpy clears the flag
    # after the first): small and large ones alike go to CPython.
    g = rustify_ml.jit(put_twos, tier2=False)
    g(np.zeros(3))
    for n in (3, 5000):
        want = _outcome_and_warnings(put_twos, (np.broadcast_arrays(np.zeros(1), np.zeros(n))[0],))
        got = _outcome_and_warnings(g, (np.broadcast_arrays(np.zeros(1), np.zeros(n))[0],))
        assert got == want and want[1], (n, got, want)
