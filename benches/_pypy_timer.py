"""Timing helper for benches/compare.py.

This file has two jobs, so that every contender is timed by the *same* code:

1. compare.py imports ``make_timer`` and ``autorange`` from it and times
   CPython, tier 1, Numba and the list-building floor in-process.
2. compare.py runs it as a long-lived worker under ``pypy3``::

       pypy3 benches/_pypy_timer.py --worker /path/to/seed_kernels.py

   The worker reads one JSON request per line on stdin and answers with one
   JSON object per line on stdout. compare.py drives it kernel by kernel and
   repeat by repeat, so PyPy's repeats are interleaved with the in-process
   contenders instead of running as a separate batch.

   Requests (``op``):
     hello                                   -> implementation/version info
     load      {kernel}                      -> builds INPUTS args, calls once,
                                                returns repr/type of the result
     calibrate {kernel, min_time}            -> {number, seconds}
     time      {kernel, number}              -> {seconds}
     quit
   Any exception is answered as {"error": class name, "message": text}.

Keep this file compatible with the oldest PyPy we expect (Python 3.9):
no match statements, no PEP 604 unions at runtime.
"""

import json
import os
import platform
import sys
import timeit


def make_timer(fn, args):
    """A timeit.Timer for ``fn(*args)``; every contender uses this form."""
    return timeit.Timer("f(*a)", globals={"f": fn, "a": tuple(args)})


def autorange(timer, min_time):
    """timeit.Timer.autorange with a configurable target.

    Tries 1, 2, 5, 10, 20, 50, ... loops until one run takes at least
    ``min_time`` seconds; returns (number, seconds). The calibration runs
    double as warm-up (they matter for PyPy's JIT).
    """
    i = 1
    while True:
        for j in (1, 2, 5):
            number = i * j
            seconds = timer.timeit(number)
            if seconds >= min_time:
                return number, seconds
        i *= 10


def _load_module(path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("seed_kernels", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _worker(corpus_path):
    # Keep the protocol channel clean even if a kernel prints something.
    proto = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout = sys.stderr

    mod = _load_module(corpus_path)
    timers = {}

    def reply(obj):
        proto.write(json.dumps(obj) + "\n")
        proto.flush()

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "quit":
                reply({"ok": True})
                break
            elif op == "hello":
                reply({
                    "implementation": platform.python_implementation(),
                    "python_version": platform.python_version(),
                    "version": sys.version.replace("\n", " "),
                })
            elif op == "load":
                name = req["kernel"]
                fn = getattr(mod, name)
                args = mod.INPUTS[name][1]()
                result = fn(*args)
                timers[name] = make_timer(fn, args)
                reply({"repr": repr(result), "type": type(result).__name__})
            elif op == "calibrate":
                number, seconds = autorange(timers[req["kernel"]], float(req["min_time"]))
                reply({"number": number, "seconds": seconds})
            elif op == "time":
                seconds = timers[req["kernel"]].timeit(int(req["number"]))
                reply({"seconds": seconds})
            else:
                reply({"error": "ValueError", "message": "unknown op %r" % (op,)})
        except Exception as exc:  # report, never die on a bad kernel
            reply({"error": type(exc).__name__, "message": str(exc)})


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        _worker(sys.argv[2])
    else:
        sys.stderr.write("usage: pypy3 _pypy_timer.py --worker PATH/TO/seed_kernels.py\n")
        sys.exit(2)
