"""rustify-ml: plain Python numeric code, compiled to native code at run time.

    import rustify_ml

    @rustify_ml.jit
    def dot(a, b):
        total = 0.0
        for i in range(len(a)):
            total += a[i] * b[i]
        return total

Results are exactly CPython's (value, type, exception); anything native code
cannot do exactly runs the original Python. ``RUSTIFY_DISABLE=1`` turns all
of it off.
"""

import atexit as _atexit
import functools as _functools
import json as _json
import os as _os
import sys
import types as _types

from . import _native

__all__ = ["jit", "status", "explain", "stats"]
__version__ = "0.1.0"


def _disabled():
    return _os.environ.get("RUSTIFY_DISABLE", "").strip() not in ("", "0")


def jit(func=None, *, tier2=True):
    """Compile ``func`` per argument-type signature on first call.

    Returns a callable that behaves exactly like ``func`` (name, docstring,
    ``inspect.signature``, keyword and default arguments, pickling by
    reference, use as a method). Usable as ``@rustify_ml.jit``.

    Tier 1 (Cranelift) runs at once; tier 2 (an optimized Rust extension)
    is built in the background, cached on disk and swapped in, and a later
    process loads it from the cache at the first call. ``tier2=False`` keeps
    this function on tier 1 (``RUSTIFY_TIER2=0`` does it for all).
    """
    if func is None:
        return lambda f: jit(f, tier2=tier2)
    if isinstance(func, _native.JitFunction):
        return func
    if not isinstance(func, _types.FunctionType):
        raise TypeError(f"rustify_ml.jit needs a Python function, got {type(func).__name__}")
    if _disabled():
        return func
    wrapper = _native.JitFunction(func, tier2)
    _functools.update_wrapper(wrapper, func)
    return wrapper


def _jit_of(func):
    """The JitFunction running ``func``: the wrapper itself, or the one auto
    mode put behind an accelerated function."""
    if isinstance(func, _native.JitFunction):
        return func
    auto = sys.modules.get("rustify_ml.auto")
    return auto.jit_of(func) if auto is not None else None


def status(func):
    """How ``func`` ran on its most recent call.

    Keys: ``tier`` ("python", "jit" or "ext" for tier 2), ``reason`` (why it
    is not native, with the construct and line; None when native),
    ``signatures`` (argument types compiled so far), ``tiers`` (signature ->
    "jit" or "ext"), ``compile_ms`` (compile, or cache load), ``calls_native``,
    ``calls_python``, ``deopts`` (calls native code handed back to CPython),
    ``last_deopt``, ``rejected`` (signatures that run in Python, why) and
    ``nogil`` (signatures whose code touches no Python object: with numpy
    arrays of 4096 elements or more in all, they run without the GIL).
    """
    jf = _jit_of(func)
    if jf is not None:
        return jf._status()
    if _disabled():
        reason = "RUSTIFY_DISABLE is set"
    elif "rustify_ml.auto" in sys.modules:
        reason = _auto_reason(func)
    else:
        reason = "not compiled: wrap it with rustify_ml.jit"
    return {
        "tier": "python",
        "reason": reason,
        "signatures": [],
        "tiers": {},
        "compile_ms": 0.0,
        "calls_native": 0,
        "calls_python": 0,
        "deopts": 0,
        "last_deopt": None,
        "rejected": [],
        "nogil": [],
    }


def explain(func, ir=False):
    """A human-readable account of how ``func`` runs; ``ir=True`` adds the
    typed IR of every compiled specialisation."""
    s = status(func)
    target = getattr(func, "__wrapped__", func)
    name = getattr(target, "__qualname__", repr(target))
    lines = [f"{name}: tier {s['tier']}"]
    if s["reason"]:
        lines.append(f"  why not native: {s['reason']}")
    for sig in s["signatures"]:
        tier = s.get("tiers", {}).get(sig, "jit")
        lines.append(f"  compiled {sig}: " + ("tier 2 (Rust extension)" if tier == "ext" else "tier 1 (Cranelift)"))
        if sig in s.get("nogil", []):
            lines.append(f"    {sig}: releases the GIL (touches only numpy memory and numbers)")
        else:
            lines.append(f"    {sig}: holds the GIL (reads or makes Python objects)")
    for sig, why in s["rejected"]:
        lines.append(f"  runs in Python for {sig}: {why}")
    lines.append(
        f"  compile {s['compile_ms']:.2f} ms; calls: {s['calls_native']} native, "
        f"{s['calls_python']} Python, {s['deopts']} handed back"
        + (f" (last: {s['last_deopt']})" if s["last_deopt"] else "")
    )
    error = _native.backend_error()
    if error:
        lines.append(f"  native code is off in this process: {error}")
    jf = _jit_of(func)
    if ir and jf is not None:
        for sig, text in jf._ir():
            lines.append(f"  typed IR for {sig}:")
            lines.extend("    " + line for line in text.rstrip().splitlines())
    return "\n".join(lines)


def _auto_reason(func):
    for row in sys.modules["rustify_ml.auto"].stats():
        code = getattr(func, "__code__", None)
        if row["function"] == getattr(func, "__qualname__", None) and code is not None and row["line"] == code.co_firstlineno:
            return row["status"]
    return "auto mode has not found it hot"


def stats():
    """Auto mode's findings: one dict per hot function (function, module,
    file, line, share of samples, tier, status, signatures)."""
    auto = sys.modules.get("rustify_ml.auto")
    return auto.stats() if auto is not None else []


def _record_at_exit(path):
    """``RUSTIFY_RECORD=FILE`` (set by ``rustify-ml warm``): at exit, wait for
    this process's tier-2 builds, then write what it compiled to FILE."""
    timeout = float(_os.environ.get("RUSTIFY_RECORD_TIMEOUT", "1800"))
    try:
        built = _native.tier2_wait(timeout)
        programs = [{"function": f, "signature": s, "key": k} for f, s, k in _native.tier2_programs()]
        record = {"programs": programs, "builds_finished": built, "hot": stats()}
        if _os.environ.get("RUSTIFY_EXPORT") and "rustify_ml.auto" in sys.modules:
            record["exports"] = _exports_for_json(sys.modules["rustify_ml.auto"].exports())
        with open(path, "w") as out:
            _json.dump(record, out)
    except Exception as e:  # never a traceback at the user's exit
        sys.stderr.write(f"rustify-ml: could not record to {path}: {e}\n")


def _exports_for_json(rows):
    """Frozen globals as (name, kind, value): ints, floats and bools as
    themselves, functions and modules by name; signatures as byte lists."""
    for row in rows:
        for p in row["programs"]:
            p["sig"] = list(p["sig"])
            frozen = []
            for name, value in p["globals"]:
                if isinstance(value, _types.ModuleType):
                    frozen.append((name, "module", value.__name__))
                elif isinstance(value, _types.FunctionType):
                    frozen.append((name, "function", value.__name__))
                elif type(value) in (int, float, bool):
                    frozen.append((name, "value", value))
                else:
                    frozen.append((name, "other", type(value).__name__))
            p["globals"] = frozen
    return rows


# Cache hits are counted off the calling thread; write what is pending.
_atexit.register(_native.tier2_flush)

if _os.environ.get("RUSTIFY_RECORD") and not _disabled():
    _atexit.register(_record_at_exit, _os.environ["RUSTIFY_RECORD"])
