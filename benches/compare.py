#!/usr/bin/env python3
"""Side-by-side benchmark of the seed kernels: CPython vs rustify-ml tier 1
(vs PyPy and Numba when they are available).

Usage (from the repo root):

    python benches/compare.py                  # full run, text tables, chart
    python benches/compare.py --markdown       # GitHub markdown tables
    python benches/compare.py --quick          # CI smoke test
    python benches/compare.py --kernels dot_product,cumsum --no-peers
    python benches/compare.py --json out.json --chart out.png

See benches/README.md for what every column means.

Exit status: 0 ok; 1 a tier-1 result differed from CPython (or tier 1 raised);
2 rustify_ml not importable / corpus not found / bad arguments.
"""

import argparse
import array
import datetime
import importlib.util
import json
import math
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DEFAULT_CHART = BENCH_DIR / "speedups.png"
PYPY_HELPER = BENCH_DIR / "_pypy_timer.py"

if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))
from _pypy_timer import autorange, make_timer  # noqa: E402  (shared timing code)

# Contender keys, in display order; "floor" is not a contender for speedups.
CONTENDERS = [
    ("cpython", "CPython"),
    ("tier1", "tier 1"),
    ("tier2", "tier 2"),
    ("tier1_np", "tier 1 np"),
    ("pypy", "PyPy"),
    ("numba_list", "Numba"),
    ("numba_np", "Numba np"),
]
LABEL = dict(CONTENDERS)


# --------------------------------------------------------------------------
# corpus / package loading
# --------------------------------------------------------------------------

def corpus_path():
    env = os.environ.get("RUSTIFY_CORPUS")
    base = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return base / "seed_kernels.py"


def load_corpus(path):
    spec = importlib.util.spec_from_file_location("seed_kernels", str(path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class _PlainPythonTier1:
    """Stand-in for rustify_ml used by --tier1-is-python (harness debugging only)."""

    __version__ = "debug: plain Python"
    __file__ = "(--tier1-is-python)"

    def jit(self, f):
        return f  # exactly the plain function: timings equal CPython's

    def status(self, w):
        return {"tier": "python", "reason": "--tier1-is-python (harness debug mode)",
                "signatures": [], "compile_ms": 0.0, "calls_native": 0,
                "calls_python": 0, "deopts": 0}


def import_rustify():
    """Returns (module, None) or (None, error text)."""
    errors = []
    try:
        import rustify_ml  # noqa: F401
        mod = rustify_ml
    except Exception as exc:
        errors.append("%s: %s" % (type(exc).__name__, exc))
        # An in-tree build (extension placed under python/rustify_ml) also counts.
        in_tree = REPO_DIR / "python"
        if not (in_tree / "rustify_ml" / "__init__.py").exists():
            return None, errors[0]
        sys.path.insert(0, str(in_tree))
        sys.modules.pop("rustify_ml", None)
        try:
            import rustify_ml  # noqa: F401
            mod = rustify_ml
        except Exception as exc2:
            sys.path.remove(str(in_tree))
            errors.append("in-tree %s: %s: %s" % (in_tree, type(exc2).__name__, exc2))
            return None, "; ".join(errors)
    missing = [a for a in ("jit", "status") if not hasattr(mod, a)]
    if missing:
        return None, "rustify_ml at %s has no %s" % (getattr(mod, "__file__", "?"), ", ".join(missing))
    return mod, None


# --------------------------------------------------------------------------
# result comparison
# --------------------------------------------------------------------------

def diff_values(a, b, path="result"):
    """None if b is exactly a (same types, same values, NaN == NaN, -0.0 != 0.0,
    same dict key order); otherwise a description of the first difference."""
    if type(a) is not type(b):
        return "%s: type %s (CPython) vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        if a == b and math.copysign(1.0, a) == math.copysign(1.0, b):
            return None
        return "%s: %r (CPython) vs %r" % (path, a, b)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return "%s: len %d (CPython) vs %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff_values(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if isinstance(a, dict):
        if len(a) != len(b):
            return "%s: %d keys (CPython) vs %d" % (path, len(a), len(b))
        for i, (ka, kb) in enumerate(zip(a, b)):
            d = diff_values(ka, kb, "%s.keys()[%d]" % (path, i))
            if d:
                if set(a) == set(b):
                    return "%s: same keys, different insertion order" % path
                return d
        for k in a:
            d = diff_values(a[k], b[k], "%s[%r]" % (path, k))
            if d:
                return d
        return None
    if type(a).__name__ == "ndarray":
        same = a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
        return None if same else "%s: arrays differ" % path
    if a == b:
        return None
    return "%s: %r (CPython) vs %r" % (path, a, b)


def to_python(x):
    """numpy scalars/arrays (from Numba) -> plain Python objects."""
    if hasattr(x, "tolist") and type(x).__module__ == "numpy":
        return x.tolist()
    if isinstance(x, list):
        return [to_python(v) for v in x]
    if isinstance(x, tuple):
        return tuple(to_python(v) for v in x)
    if isinstance(x, dict):
        return {to_python(k): to_python(v) for k, v in x.items()}
    return x


def approx_equal(a, b, rel=1e-9):
    if isinstance(a, float) or isinstance(b, float):
        try:
            a, b = float(a), float(b)
        except (TypeError, ValueError):
            return False
        if math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(approx_equal(x, y, rel) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(approx_equal(a[k], b[k], rel) for k in a)
    return a == b


def peer_check(ref, got):
    """'ok' (exact), 'close' (within 1e-9 relative) or 'differs: ...'."""
    got = to_python(got)
    d = diff_values(ref, got)
    if d is None:
        return "ok", None
    if approx_equal(ref, got):
        return "close", d
    return "differs", d


# --------------------------------------------------------------------------
# contenders
# --------------------------------------------------------------------------

class InProc:
    """A contender timed in this process."""

    def __init__(self, key, fn, args):
        self.key = key
        self.timer = make_timer(fn, args)
        self.number = None
        self.samples = []  # seconds per call, one per repeat
        self.error = None

    def calibrate(self, min_time):
        self.number, _ = autorange(self.timer, min_time)

    def run_once(self):
        self.samples.append(self.timer.timeit(self.number) / self.number)


class PyPyWorker:
    """A long-lived pypy3 process running _pypy_timer.py --worker."""

    TIMEOUT = 300.0

    def __init__(self, exe, corpus):
        self.exe = exe
        self.dead = None
        self._log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            [exe, str(PYPY_HELPER), "--worker", str(corpus)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
            text=True, bufsize=1)
        self._q = queue.Queue()
        t = threading.Thread(target=self._reader, daemon=True)
        t.start()
        self.info = self.request({"op": "hello"})
        if "error" in self.info:
            raise RuntimeError(self.info["message"])

    def _reader(self):
        for line in self.proc.stdout:
            self._q.put(line)
        self._q.put(None)

    def _stderr_tail(self):
        try:
            self._log.seek(0)
            lines = [l for l in self._log.read().splitlines() if l.strip()]
            return lines[-1] if lines else ""
        except Exception:
            return ""

    def request(self, req):
        if self.dead:
            return {"error": "WorkerDied", "message": self.dead}
        try:
            self.proc.stdin.write(json.dumps(req) + "\n")
            self.proc.stdin.flush()
            line = self._q.get(timeout=self.TIMEOUT)
        except (OSError, ValueError, queue.Empty) as exc:
            self._die("%s talking to pypy3 worker: %s" % (type(exc).__name__, exc))
            return {"error": "WorkerDied", "message": self.dead}
        if line is None:
            self._die("pypy3 worker exited (rc=%s) %s" % (self.proc.poll(), self._stderr_tail()))
            return {"error": "WorkerDied", "message": self.dead}
        return json.loads(line)

    def _die(self, why):
        self.dead = why
        self.close()

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=5)
            except Exception:
                self.proc.kill()  # our own child, by handle
                self.proc.wait()


class PeerError(Exception):
    """A peer reported an error; .cls is the error class name it reported."""

    def __init__(self, cls, message):
        Exception.__init__(self, message)
        self.cls = cls


class PyPyContender:
    def __init__(self, worker, kernel):
        self.key = "pypy"
        self.worker = worker
        self.kernel = kernel
        self.number = None
        self.samples = []
        self.error = None

    def _call(self, req):
        resp = self.worker.request(req)
        if "error" in resp:
            raise PeerError(resp["error"], resp.get("message", ""))
        return resp

    def load(self):
        return self._call({"op": "load", "kernel": self.kernel})

    def calibrate(self, min_time):
        self.number = self._call({"op": "calibrate", "kernel": self.kernel,
                                  "min_time": min_time})["number"]

    def run_once(self):
        s = self._call({"op": "time", "kernel": self.kernel, "number": self.number})["seconds"]
        self.samples.append(s / self.number)


def to_numpy_args(args, np):
    """Lists of floats -> float64 arrays; lists of ints -> int64 arrays; rest as is."""
    out, converted = [], False
    for a in args:
        if isinstance(a, list) and a and all(type(v) is float for v in a):
            out.append(np.array(a, dtype=np.float64))
            converted = True
        elif isinstance(a, list) and a and all(type(v) is int for v in a):
            out.append(np.array(a, dtype=np.int64))
            converted = True
        else:
            out.append(a)
    return tuple(out), converted


# --------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------

def summarize(c):
    s = c.samples
    return {"us_min": min(s) * 1e6, "us_median": statistics.median(s) * 1e6,
            "number": c.number, "repeats_us": [round(x * 1e6, 4) for x in s]}


def run_round_robin(contenders, repeat, min_time, log):
    """Calibrate each contender, then take `repeat` samples round-robin so
    drift in machine load hits every contender alike."""
    live = []
    for c in contenders:
        try:
            c.calibrate(min_time)
            live.append(c)
        except Exception as exc:
            c.error = "%s: %s" % (_err_class(exc), exc)
            log("  %s: calibration failed: %s" % (c.key, c.error))
    for _ in range(repeat):
        for c in list(live):
            try:
                c.run_once()
            except Exception as exc:
                c.error = "%s: %s" % (_err_class(exc), exc)
                log("  %s: timing failed: %s" % (c.key, c.error))
                live.remove(c)
    return live


def bench_kernel(name, corpus, rj, numba_mod, np_mod, pypy, opts, log):
    label, builder = corpus.INPUTS[name]
    f = getattr(corpus, name)
    ref_args = builder()
    ref = f(*ref_args)
    row = {"name": name, "size": label, "result_type": type(ref).__name__,
           "contenders": {}}
    res = row["contenders"]
    contenders = [InProc("cpython", f, builder())]

    # ---- tier 1: first call compiles; verify before timing ----
    t1 = {"tier": None, "reason": None, "check": None, "check_detail": None}
    res["tier1"] = t1
    try:
        w = tier1_jit(rj, f)
        args = builder()
        t0 = time.perf_counter()
        out = w(*args)
        t1["first_call_ms"] = (time.perf_counter() - t0) * 1e3
        d = diff_values(ref, out)
        if d is None:
            d = diff_values(ref_args, args, "args after call")
        t1["check"] = "ok" if d is None else "MISMATCH"
        t1["check_detail"] = d
        st = _status(rj, w)
        t1.update(_status_fields(st))
        t1["status_after_first_call"] = st
        contenders.append(InProc("tier1", w, args))
    except Exception as exc:
        t1["check"] = "ERROR"
        t1["check_detail"] = "%s: %s" % (type(exc).__name__, exc)
        t1["error"] = type(exc).__name__
        w = None

    # ---- tier 2: built in the background (or found in the cache), then a
    # fresh wrapper loads it at its first call ----
    if opts.tier2:
        t2 = res["tier2"] = {}
        try:
            rj.jit(f)(*builder())
            if not rj._native.tier2_wait(900):
                raise RuntimeError("the tier-2 build did not finish in 900 s")
            w2 = rj.jit(f)
            args2 = builder()
            t0 = time.perf_counter()
            out = w2(*args2)
            t2["first_call_ms"] = (time.perf_counter() - t0) * 1e3
            d = diff_values(ref, out) or diff_values(ref_args, args2, "args after call")
            if not _verified(t2, d, _status(rj, w2), "ext", InProc("tier2", w2, args2), contenders):
                t2["error"] = "not ext"
                t2["message"] = "tier 2 did not load: %s" % (t2.get("reason") or "tier %s" % t2.get("tier"))
        except Exception as exc:
            t2.update(check="ERROR", check_detail="%s: %s" % (type(exc).__name__, exc), error=type(exc).__name__)

    # ---- tier 1 on numpy arrays (the arrays Numba np gets) ----
    if opts.numpy_tier1 and np_mod is not None:
        np_args, converted = to_numpy_args(builder(), np_mod)
        tnp = res["tier1_np"] = {}
        if not converted:
            tnp.update(error="no numeric list args", message="no list of floats/ints to turn into a numpy array")
        else:
            try:
                ref_np_args = to_numpy_args(builder(), np_mod)[0]
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    ref_np = f(*ref_np_args)
                    wn = tier1_jit(rj, f)
                    out = wn(*np_args)
                d = diff_values(ref_np, out) or diff_values(ref_np_args, np_args, "args after call")
                if not _verified(tnp, d, _status(rj, wn), "jit", InProc("tier1_np", wn, np_args), contenders):
                    tnp["error"] = "python"
                    tnp["message"] = "not native on arrays: %s" % tnp.get("reason")
            except Exception as exc:
                tnp.update(check="ERROR", check_detail="%s: %s" % (type(exc).__name__, exc), error=type(exc).__name__)

    # ---- PyPy ----
    if pypy is not None:
        pc = PyPyContender(pypy, name)
        try:
            loaded = pc.load()
            pres = {"check": "ok" if loaded["repr"] == repr(ref) else "differs",
                    "check_detail": None if loaded["repr"] == repr(ref) else
                    "repr differs (PyPy type %s)" % loaded["type"]}
            res["pypy"] = pres
            contenders.append(pc)
        except Exception as exc:
            res["pypy"] = {"error": _err_class(exc), "message": str(exc)}

    # ---- Numba ----
    if numba_mod is not None:
        variants = [("numba_list", builder(), True)]
        if np_mod is not None:
            np_args, converted = to_numpy_args(builder(), np_mod)
            variants.append(("numba_np", np_args, converted))
        for key, nargs, usable in variants:
            if not usable:
                res[key] = {"error": "no numeric list args",
                            "message": "no list of floats/ints to turn into a numpy array"}
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    jf = numba_mod.njit(f)
                    t0 = time.perf_counter()
                    got = jf(*nargs)
                    compile_ms = (time.perf_counter() - t0) * 1e3
                chk, detail = peer_check(ref, got)
                res[key] = {"check": chk, "check_detail": detail,
                            "first_call_ms": compile_ms}
                contenders.append(InProc(key, jf, nargs))
            except Exception as exc:
                res[key] = {"error": type(exc).__name__,
                            "message": _numba_summary(exc),
                            "message_full": re.sub(r"\x1b\[[0-9;]*m", "", str(exc))[:4000]}

    # ---- list-building floor ----
    floor_c = None
    if isinstance(ref, list) and ref and all(type(v) is float for v in ref):
        arr = array.array("d", ref)
        floor_c = InProc("floor", arr.tolist, ())
        contenders.append(floor_c)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        live = run_round_robin(contenders, opts.repeat, opts.min_time, log)

    for c in contenders:
        entry = res.setdefault(c.key, {})
        if c in live and c.samples:
            entry.update(summarize(c))
        elif c.error:
            entry.setdefault("error", c.error.split(":")[0])
            entry.setdefault("message", c.error)

    stat = "us_" + opts.stat
    base = res["cpython"].get(stat)
    for key, _ in CONTENDERS[1:]:
        e = res.get(key)
        if e and e.get(stat) and base:
            e["speedup"] = base / e[stat]
    if floor_c is not None and "us_min" in res.get("floor", {}):
        res["floor"]["n"] = len(ref)
        if res["tier1"].get(stat):
            res["floor"]["tier1_over_floor"] = res["tier1"][stat] / res["floor"][stat]

    # Status again after timing: did the timed calls run natively?
    if w is not None:
        st2 = _status(rj, w)
        t1["status_after_timing"] = st2
        t1["deopts"] = st2.get("deopts", t1.get("deopts"))
        before = (t1.get("status_after_first_call") or {}).get("calls_python") or 0
        after = st2.get("calls_python") or 0
        if t1.get("tier") == "jit" and isinstance(after, int) and after > before:
            t1["timed_python_calls"] = after - before
    return row


def _verified(entry, difference, status, tier, contender, contenders):
    """Records a native contender's check against CPython and its status;
    it is timed only when it ran on `tier`."""
    entry["check"] = "ok" if difference is None else "MISMATCH"
    entry["check_detail"] = difference
    entry.update(_status_fields(status))
    if entry.get("tier") != tier:
        return False
    contenders.append(contender)
    return True


def _numba_summary(exc):
    """The informative line of a Numba error (the first is boilerplate)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))  # Numba colours its messages
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for l in lines:
        if not l.startswith(("Failed in ", "During: ", "File ", "^")):
            return l[:300]
    return lines[0][:300] if lines else ""


def _err_class(exc):
    return getattr(exc, "cls", None) or type(exc).__name__


def tier1_jit(rj, f):
    """`f` compiled on tier 1 only (the debug stand-in has no tiers)."""
    return rj.jit(f, tier2=False) if getattr(rj, "_native", None) else rj.jit(f)


def _status(rj, w):
    try:
        st = rj.status(w)
        return dict(st) if st is not None else {}
    except Exception as exc:
        return {"status_error": "%s: %s" % (type(exc).__name__, exc)}


def _status_fields(st):
    return {k: st.get(k) for k in ("tier", "reason", "signatures", "compile_ms",
                                   "calls_native", "calls_python", "deopts")}


def measure_overhead(rj, opts):
    """ns per call of add(a, b) on two floats: plain Python vs tier 1."""
    def add(a, b):
        return a + b

    out = {}
    c_py = InProc("python", add, (1.5, 2.25))
    cs = [c_py]
    try:
        w = tier1_jit(rj, add)
        val = w(1.5, 2.25)
        st = _status(rj, w)
        out["tier1_tier"] = st.get("tier")
        out["tier1_reason"] = st.get("reason")
        out["tier1_check"] = "ok" if diff_values(3.75, val) is None else "MISMATCH"
        cs.append(InProc("tier1", w, (1.5, 2.25)))
    except Exception as exc:
        out["tier1_error"] = "%s: %s" % (type(exc).__name__, exc)
    live = run_round_robin(cs, opts.repeat, opts.min_time, lambda m: None)
    for c in live:
        out[c.key + "_ns"] = (min(c.samples) if opts.stat == "min"
                              else statistics.median(c.samples)) * 1e9
    return out


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------

def fmt_us(v):
    if v is None:
        return ""
    if v < 10:
        return "%.2f" % v
    if v < 1000:
        return "%.1f" % v
    return "%.0f" % v


def fmt_x(v):
    if v is None:
        return ""
    if v >= 100:
        return "%.0fx" % v
    if v >= 10:
        return "%.1fx" % v
    return "%.2fx" % v


def render(headers, rows, markdown, left=(0,)):
    """Plain or markdown table; columns whose index is in `left` are left-aligned."""
    if markdown:
        lines = ["| " + " | ".join(headers) + " |",
                 "|" + "|".join(":---" if i in left else "---:" for i in range(len(headers))) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.ljust(widths[i]) if i in left else c.rjust(widths[i])
                         for i, c in enumerate(cells)).rstrip()
    return "\n".join([line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def geomean(vals):
    vals = [v for v in vals if v and v > 0]
    return math.exp(sum(math.log(v) for v in vals) / len(vals)) if vals else None


def build_report(results, meta, opts, active):
    stat = "us_" + opts.stat
    md = opts.markdown
    notes = []
    out = []

    def note(text):
        if text not in notes:
            notes.append(text)
        return "[%d]" % (notes.index(text) + 1)

    # ---- main table ----
    headers = ["kernel", "size", "CPython us", "tier 1 us", "tier 1 x", "tier", "check"]
    for key in active:
        headers += ["%s us" % LABEL[key], "%s x" % LABEL[key]]
    rows = []
    mark_close = mark_differs = False
    for r in results:
        c = r["contenders"]
        t1 = c["tier1"]
        tier = t1.get("tier") or "?"
        if t1.get("check") == "ERROR":
            tier = "error " + note("tier 1 raised on %s: %s" % (r["name"], t1.get("check_detail")))
        elif tier != "jit" and t1.get("reason"):
            tier += " " + note("fell back to Python: %s" % t1["reason"])
        elif t1.get("timed_python_calls"):
            tier += " " + note("%s: %d timed calls ran in Python (deopts=%s)"
                               % (r["name"], t1["timed_python_calls"], t1.get("deopts")))
        check = t1.get("check") or "?"
        if check == "MISMATCH":
            check = "MISMATCH!"
        row = [r["name"], r["size"], fmt_us(c["cpython"].get(stat)),
               fmt_us(t1.get(stat)) or "n/a", fmt_x(t1.get("speedup")), tier, check]
        for key in active:
            e = c.get(key) or {}
            if e.get(stat) is not None:
                cell = fmt_us(e[stat])
                if e.get("check") == "close":
                    cell += "~"
                    mark_close = True
                elif e.get("check") == "differs":
                    cell += "*"
                    mark_differs = True
                row += [cell, fmt_x(e.get("speedup"))]
            else:
                row += ["n/a (%s)" % e.get("error", "?"), ""]
        rows.append(row)
    gm = ["geomean", "", "", "", fmt_x(geomean([r["contenders"]["tier1"].get("speedup") for r in results])), "", ""]
    for key in active:
        gm += ["", fmt_x(geomean([(r["contenders"].get(key) or {}).get("speedup") for r in results]))]
    rows.append(gm)
    out.append(("### " if md else "") + "Time per call (%s of %d repeats, us) and speedup vs CPython (x = CPython/X)"
               % (opts.stat, opts.repeat))
    out.append("")
    out.append(render(headers, rows, md, left=(0, 1, 5, 6)))
    legend = []
    if mark_close:
        legend.append("`~` result equal to CPython only within 1e-9 relative" if md else
                      "~ result equal to CPython only within 1e-9 relative")
    if mark_differs:
        legend.append("`*` result differs from CPython (details in --json)" if md else
                      "* result differs from CPython (details in --json)")
    if legend:
        out.append("")
        out.append("; ".join(legend))

    # ---- tier-1 details ----
    headers = ["kernel", "compile ms", "first call ms", "deopts", "signature",
               "floor us", "tier 1 / floor"]
    rows = []
    for r in results:
        c = r["contenders"]
        t1 = c["tier1"]
        fl = c.get("floor") or {}
        sig = t1.get("signatures") or []
        rows.append([
            r["name"],
            "%.2f" % t1["compile_ms"] if isinstance(t1.get("compile_ms"), (int, float)) else "",
            "%.2f" % t1["first_call_ms"] if t1.get("first_call_ms") is not None else "",
            str(t1.get("deopts")) if t1.get("deopts") is not None else "",
            ("`%s`" % sig[0] if md else sig[0]) + (" (+%d)" % (len(sig) - 1) if len(sig) > 1 else "") if sig else "",
            fmt_us(fl.get(stat)) + (" (n=%d)" % fl["n"] if fl.get("n") else ""),
            "%.2f" % fl["tier1_over_floor"] if fl.get("tier1_over_floor") else "",
        ])
    out.append("")
    out.append(("### " if md else "") + "Tier 1 details (compile = status()['compile_ms'] after the first call; "
               "floor = array('d', result).tolist())")
    out.append("")
    out.append(render(headers, rows, md, left=(0, 4)))

    # ---- summary lines ----
    out.append("")
    comp = [r["contenders"]["tier1"].get("compile_ms") for r in results
            if r["contenders"]["tier1"].get("tier") == "jit"]
    comp = [v for v in comp if isinstance(v, (int, float))]
    meta_summary = {}
    if comp:
        meta_summary["compile_ms_median"] = statistics.median(comp)
        out.append("- median compile time: %.2f ms over %d compiled kernels (max %.2f ms)"
                   % (statistics.median(comp), len(comp), max(comp)))
    else:
        meta_summary["compile_ms_median"] = None
        out.append("- median compile time: n/a (no kernel reached tier 'jit')")
    ratios = [r["contenders"]["floor"].get("tier1_over_floor") for r in results
              if (r["contenders"].get("floor") or {}).get("tier1_over_floor")]
    if ratios:
        meta_summary["tier1_over_floor_median"] = statistics.median(ratios)
        out.append("- tier 1 / list-building floor: median %.2f over %d list-of-float kernels"
                   % (statistics.median(ratios), len(ratios)))
    ov = meta.get("overhead") or {}
    if ov:
        t = "- per-call overhead, add(a, b) on two floats: plain Python %s ns" % (
            "%.1f" % ov["python_ns"] if "python_ns" in ov else "n/a")
        if "tier1_ns" in ov:
            t += ", tier 1 %.1f ns (tier %s%s)" % (ov["tier1_ns"], ov.get("tier1_tier"),
                                                   "" if ov.get("tier1_check") == "ok" else ", RESULT MISMATCH")
        else:
            t += ", tier 1 n/a (%s)" % ov.get("tier1_error", "?")
        out.append(t)
    np_rows, np_ratios = [], []
    for r in results:
        c = r["contenders"]
        t, n = c.get("tier1_np") or {}, c.get("numba_np") or {}
        if t.get(stat) is None and n.get(stat) is None:
            continue
        ratio = t[stat] / n[stat] if t.get(stat) and n.get(stat) else None
        if ratio is not None:
            np_ratios.append(ratio)
        np_rows.append([r["name"], fmt_us(t.get(stat)) or "n/a (%s)" % t.get("error", "?"),
                        fmt_us(n.get(stat)) or "n/a (%s)" % n.get("error", "?"),
                        "%.2f" % ratio if ratio is not None else "", t.get("check") or ""])
    if np_rows:
        out.append(("### " if md else "") + "numpy inputs: tier 1 vs Numba on the same arrays "
                   "(ratio = tier 1 / Numba, target <= 1.2)")
        out.append("")
        out.append(render(["kernel", "tier 1 np us", "Numba np us", "ratio", "check"], np_rows, md, left=(0, 4)))
        out.append("")
        if np_ratios:
            meta_summary["numpy_vs_numba_max"] = max(np_ratios)
            meta_summary["numpy_vs_numba_geomean"] = geomean(np_ratios)
            out.append("- tier 1 / Numba on numpy arrays: geomean %.2f, max %.2f over %d kernels"
                       % (geomean(np_ratios), max(np_ratios), len(np_ratios)))
    for line in meta.get("tier2_summary", []):
        out.append("- " + line)
    for n in meta.get("peer_notes", []):
        out.append("- " + n)

    if notes:
        out.append("")
        for i, n in enumerate(notes, 1):
            out.append(("[%d] %s" % (i, n)) + ("  " if md else ""))

    bad = []
    for r in results:
        for key in ("tier1", "tier2", "tier1_np"):
            t = r["contenders"].get(key) or {}
            if t.get("check") in ("MISMATCH", "ERROR"):
                bad.append(r)
                out.append("")
                out.append("WARNING: %s %s on %s: %s" % (
                    LABEL[key], "result differs from CPython" if t["check"] == "MISMATCH" else "raised",
                    r["name"], t.get("check_detail")))
    return "\n".join(out), meta_summary, bad


def write_chart(results, path, active, opts):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as exc:
        print("chart skipped: matplotlib not importable (%s: %s)" % (type(exc).__name__, exc), file=sys.stderr)
        return None
    try:
        keys = ["tier1"] + list(active)
        names = [r["name"] for r in results]
        n = len(keys)
        width = 0.8 / n
        fig, ax = plt.subplots(figsize=(max(8, 0.9 * len(names) + 3), 5))
        for i, key in enumerate(keys):
            xs, ys = [], []
            for j, r in enumerate(results):
                s = (r["contenders"].get(key) or {}).get("speedup")
                if s:
                    xs.append(j - 0.4 + width * (i + 0.5))
                    ys.append(s)
            ax.bar(xs, ys, width, label=LABEL[key])
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=35, ha="right")
        ax.set_ylabel("speedup vs CPython (x, log scale)")
        title = "rustify-ml seed kernels: speedup vs CPython %s" % platform.python_version()
        if opts.tier1_is_python:
            title += "\n(DEBUG: tier 1 = plain Python)"
        ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.grid(axis="y", which="both", alpha=0.3)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(str(path), dpi=120)
        plt.close(fig)
        print("chart written to %s" % path, file=sys.stderr)
        return str(path)
    except Exception as exc:
        print("chart skipped: %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
        return None


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def parse_args(argv, available):
    p = argparse.ArgumentParser(
        description="Benchmark the seed kernels: CPython vs rustify-ml tier 1 "
                    "(and PyPy / Numba when available), interleaved per kernel.")
    p.add_argument("--markdown", action="store_true", help="print tables as GitHub markdown")
    p.add_argument("--kernels", metavar="a,b,c",
                   help="comma-separated kernels (default: all). Available: " + ", ".join(available))
    p.add_argument("--quick", action="store_true",
                   help="fewer/shorter repeats (3 x 0.02 s) for CI smoke tests")
    p.add_argument("--repeat", type=int, default=None, help="repeats per contender (default 7, quick 3)")
    p.add_argument("--min-time", type=float, default=None,
                   help="seconds per repeat, via autorange (default 0.1, quick 0.02)")
    p.add_argument("--stat", choices=("min", "median"), default="min",
                   help="statistic over repeats used in tables/ratios (default min; JSON has both)")
    p.add_argument("--chart", metavar="PATH", type=Path, default=DEFAULT_CHART,
                   help="PNG bar chart of speedups (default: %(default)s)")
    p.add_argument("--no-chart", action="store_true", help="do not write the chart")
    p.add_argument("--no-peers", action="store_true", help="skip PyPy and Numba")
    p.add_argument("--no-tier2", action="store_true",
                   help="skip tier 2 (otherwise built into the cache, or loaded from it, per kernel)")
    p.add_argument("--json", metavar="PATH", type=Path, help="write machine-readable results here")
    p.add_argument("--tier1-is-python", action="store_true",
                   help="DEBUG: use the plain Python function as 'tier 1' so the harness "
                        "runs without rustify_ml. Its numbers are NOT tier-1 numbers.")
    opts = p.parse_args(argv)
    if opts.kernels:
        picked = [k.strip() for k in opts.kernels.split(",") if k.strip()]
        unknown = [k for k in picked if k not in available]
        if unknown or not picked:
            p.error("unknown kernel(s): %s (available: %s)" % (", ".join(unknown) or "none given",
                                                                ", ".join(available)))
        opts.kernel_list = picked
    else:
        opts.kernel_list = list(available)
    if opts.repeat is None:
        opts.repeat = 3 if opts.quick else 7
    if opts.min_time is None:
        opts.min_time = 0.02 if opts.quick else 0.1
    opts.repeat = max(1, opts.repeat)
    return opts


def main(argv=None):
    cpath = corpus_path()
    corpus = load_corpus(cpath) if cpath.is_file() else None
    available = list(corpus.INPUTS) if corpus is not None else []
    opts = parse_args(sys.argv[1:] if argv is None else argv, available)
    if corpus is None:
        print("error: corpus not found at %s (set RUSTIFY_CORPUS to the directory "
              "holding seed_kernels.py)" % cpath, file=sys.stderr)
        return 2

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if opts.tier1_is_python:
        rj = _PlainPythonTier1()
        log("WARNING: --tier1-is-python: 'tier 1' is the plain Python function (harness debug mode)")
    else:
        rj, err = import_rustify()
        if rj is None:
            print("error: rustify_ml is not importable in %s (%s).\n"
                  "Install/build the package into this interpreter first; no tier-1 numbers "
                  "were produced. (To exercise the harness alone: --tier1-is-python.)"
                  % (sys.executable, err), file=sys.stderr)
            return 2

    meta = {
        "timestamp": datetime.datetime.now().isoformat(timespec="seconds"),
        "python": sys.version.replace("\n", " "),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "loadavg_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "corpus": str(cpath),
        "rustify_ml": getattr(rj, "__version__", None),
        "rustify_ml_file": getattr(rj, "__file__", None),
        "tier1_is_python": bool(opts.tier1_is_python),
        "settings": {"repeat": opts.repeat, "min_time": opts.min_time, "stat": opts.stat,
                     "quick": opts.quick, "kernels": opts.kernel_list},
        "peer_notes": [],
    }

    numba_mod = np_mod = pypy = None
    active = []
    opts.numpy_tier1 = False
    try:
        import numpy as np_mod
        meta["numpy"] = np_mod.__version__
        if not opts.tier1_is_python:
            opts.numpy_tier1 = True
            active.append("tier1_np")
    except Exception as exc:
        np_mod = None
        meta["peer_notes"].append("numpy columns skipped: numpy not importable (%s)" % type(exc).__name__)
    opts.tier2 = False
    if opts.no_tier2 or opts.tier1_is_python:
        meta["peer_notes"].append("tier 2 skipped (--no-tier2)")
    elif not rj._native.counters()["tier2"]:
        meta["peer_notes"].append("tier 2 skipped: RUSTIFY_TIER2=0")
    else:
        opts.tier2 = True
        active.append("tier2")
    if opts.no_peers:
        meta["peer_notes"].append("PyPy/Numba skipped (--no-peers)")
    else:
        exe = shutil.which("pypy3")
        if exe is None:
            meta["peer_notes"].append("PyPy skipped: pypy3 not on PATH (apt-get install pypy3)")
        else:
            try:
                pypy = PyPyWorker(exe, cpath)
                meta["pypy"] = pypy.info.get("version")
                active.append("pypy")
            except Exception as exc:
                pypy = None
                meta["peer_notes"].append("PyPy skipped: worker failed to start (%s: %s)"
                                          % (type(exc).__name__, exc))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import numba as numba_mod
            meta["numba"] = numba_mod.__version__
            active.append("numba_list")
            if np_mod is not None:
                active.append("numba_np")
        except Exception as exc:
            numba_mod = None
            meta["peer_notes"].append("Numba skipped: %s: %s (pip install numba numpy)"
                                      % (type(exc).__name__, exc))

    # ---- header ----
    hdr = ["CPython %s on %s, %s CPUs, loadavg %s" % (
        platform.python_version(), meta["platform"], meta["cpu_count"],
        " ".join("%.2f" % x for x in meta["loadavg_start"]) if meta["loadavg_start"] else "?")]
    if opts.tier1_is_python:
        hdr.append("tier 1: DEBUG --tier1-is-python (plain Python function; NOT tier-1 numbers)")
    else:
        hdr.append("tier 1: rustify_ml %s from %s" % (meta["rustify_ml"] or "(no __version__)",
                                                    meta["rustify_ml_file"]))
    if "pypy" in meta:
        hdr.append("PyPy: %s" % meta["pypy"])
    if "numba" in meta:
        hdr.append("Numba: %s, numpy %s" % (meta["numba"], meta.get("numpy", "n/a")))
    hdr.append("timing: timeit autorange to >= %.3g s per repeat, %d repeats, round-robin "
               "across contenders within each kernel" % (opts.min_time, opts.repeat))
    print("\n".join(("- " + h) if opts.markdown else h for h in hdr))
    print()

    results = []
    try:
        log("measuring per-call overhead ...")
        meta["overhead"] = measure_overhead(rj, opts)
        for i, name in enumerate(opts.kernel_list, 1):
            log("[%d/%d] %s ..." % (i, len(opts.kernel_list), name))
            results.append(bench_kernel(name, corpus, rj, numba_mod, np_mod, pypy, opts, log))
    except KeyboardInterrupt:
        log("interrupted; reporting what was measured")
    finally:
        if pypy is not None:
            if pypy.dead:
                meta["peer_notes"].append("PyPy worker stopped: %s" % pypy.dead)
            pypy.close()

    if not results:
        print("no kernels measured")
        return 1
    if opts.tier2:
        # Build latency and warm start, in fresh processes (benches/tier2.py).
        import tier2 as tier2_bench  # noqa: PLC0415

        picked = [k for k in opts.kernel_list if k in tier2_bench.DEFAULT_KERNELS.split(",")] or opts.kernel_list[:1]
        t2 = tier2_bench.measure(picked, 1 if opts.quick else 3, cold_build=not opts.quick, log=log)
        meta["tier2_startup"] = t2
        meta["tier2_summary"] = tier2_bench.summary_lines(t2)
    report, summary, bad = build_report(results, meta, opts, active)
    print(report)
    meta.update(summary)
    meta["loadavg_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None

    print()
    if not opts.no_chart:
        meta["chart"] = write_chart(results, opts.chart, active, opts)
    if opts.json:
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        with open(opts.json, "w") as fh:
            json.dump({"meta": meta, "kernels": results}, fh, indent=2, default=repr)
        print("json written to %s" % opts.json, file=sys.stderr)
    if (meta.get("tier2_startup") or {}).get("problems"):
        print("WARNING: tier 2 start-up: %s" % "; ".join(meta["tier2_startup"]["problems"]), file=sys.stderr)
        return 1
    if bad:
        print("WARNING: %d kernel(s) where a tier did not match CPython: %s"
              % (len(bad), ", ".join(r["name"] for r in bad)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
