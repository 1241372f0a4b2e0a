"""Auto mode: accelerate the hot functions of an unchanged program.

``import rustify_ml.auto`` (or ``RUSTIFY_AUTO=1`` in the environment, through
the ``rustify_ml_auto.pth`` file installed with the package) starts a
sampling profiler inside the process. During the warm-up window it reads the
interpreter's stacks every few milliseconds; a function of the user's own
code whose share of samples reaches the threshold is *hot*. Hot functions are
accelerated in place: the function object stays the same (``module.f is f``,
earlier references, ``inspect.signature``, pickling all unchanged) and only
its ``__code__`` becomes a small trampoline into ``rustify_ml.jit`` of the
original code, which compiles per argument-type signature on first call. A
function that turns out not to be translatable gets its original code back.

After the warm-up the sampler keeps running at a low rate, so functions that
turn hot later are picked up too. Settings (environment):

- ``RUSTIFY_THRESHOLD``: percent of samples that makes a function hot (5).
- ``RUSTIFY_WARMUP``: warm-up window in seconds (1.0).
- ``RUSTIFY_INCLUDE`` / ``RUSTIFY_EXCLUDE``: comma-separated module-name
  patterns (fnmatch) added to / removed from the user's code. The standard
  library and site-packages are excluded unless included.
- ``RUSTIFY_LOG=info``: one line per decision. ``RUSTIFY_REPORT=1``: a
  summary table at exit. ``RUSTIFY_DISABLE=1``: nothing happens at all.
- ``RUSTIFY_SAMPLER=count``: skip py-spy and count calls in short bursts
  (what happens anyway where py-spy cannot read the process).

No error of rustify-ml's reaches the program: anything that fails leaves
plain Python running and logs one line.
"""

import atexit
import builtins
import os
import sys
import threading
import time
import types

from . import _disabled, _native, _resolve

_DEFAULT_THRESHOLD = 5.0
_DEFAULT_WARMUP = 1.0
_WINDOW = 0.1  # seconds between decisions
_FAST_INTERVAL_MS = 5.0
_SLOW_INTERVAL_MS = 50.0
_COUNT_BURST_MS = 10.0  # call counting (fallback): one burst per window
_RESEARCH_AFTER = 2.0  # seconds before a hot function not found is looked for again
# Trampolines find their JitFunction here: builtins.__rustify_jit__[key].
_TABLE_NAME = "__rustify_jit__"


def _log(msg):
    if os.environ.get("RUSTIFY_LOG", "").strip().lower() in ("info", "debug", "1"):
        sys.stderr.write(f"rustify-ml: {msg}\n")


def _warn(msg):
    sys.stderr.write(f"rustify-ml: warning: {msg}\n")


def _float_setting(name, default, low, high):
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
        if not low <= value <= high:
            raise ValueError
        return value
    except ValueError:
        _warn(f"{name}={raw!r} is not a number from {low:g} to {high:g}; using {default:g}")
        return default


def _patterns(name):
    raw = os.environ.get(name, "")
    out = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if any(c in part for c in " /\\") or part.startswith("."):
            _warn(f"{name}: {part!r} is not a module name pattern; ignored")
            continue
        out.append(part)
    return out


class _Target:
    """One function auto mode looked at."""

    def __init__(self, func, share):
        self.func = func
        self.share = share
        self.jit = None
        self.original_code = func.__code__
        self.state = "hot"  # hot -> accelerated | python
        self.reason = None


class _Auto:
    def __init__(self):
        self.threshold = _float_setting("RUSTIFY_THRESHOLD", _DEFAULT_THRESHOLD, 0.0, 100.0)
        self.warmup = _float_setting("RUSTIFY_WARMUP", _DEFAULT_WARMUP, 0.0, 3600.0)
        self.include = _patterns("RUSTIFY_INCLUDE")
        self.exclude = _patterns("RUSTIFY_EXCLUDE")
        self.targets = {}  # code object (original) -> _Target
        self.seen = {}  # (file, name, first line) -> best share seen
        self.searched = {}  # key -> when its function objects were looked for
        self.started = time.monotonic()
        self.sampler = None
        self.counting = False  # counting calls instead (py-spy unavailable)
        self.windows = 0
        self.lock = threading.Lock()
        self.table = getattr(builtins, _TABLE_NAME, None)
        if self.table is None:
            self.table = []
            setattr(builtins, _TABLE_NAME, self.table)
        self._library_dirs = None
        self.package_dir = os.path.dirname(os.path.realpath(__file__)) + os.sep

    @property
    def library_dirs(self):
        """Where the standard library and installed packages live (read on
        first use: most programs never need it)."""
        if self._library_dirs is None:
            import sysconfig

            paths = sysconfig.get_paths()
            self._library_dirs = tuple(
                os.path.realpath(paths[k]) + os.sep for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths
            )
        return self._library_dirs

    # ------------------------------------------------------------ profiling

    def start(self):
        if os.environ.get("RUSTIFY_SAMPLER", "").strip().lower() == "count":
            self._start_counting("RUSTIFY_SAMPLER=count")
        else:
            try:
                self.sampler = _native.Sampler()
                self.sampler.start(_FAST_INTERVAL_MS)
            except Exception as exc:  # noqa: BLE001 - any failure means: count calls instead
                self.sampler = None
                self._start_counting(f"{type(exc).__name__}: {exc}")
        thread = threading.Thread(target=self._run, name="rustify-auto", daemon=True)
        thread.start()

    def _start_counting(self, why):
        _log(f"the py-spy sampler is unavailable ({why}); counting calls in short bursts instead")
        _native.count_calls_start()
        _native.count_calls_burst(_COUNT_BURST_MS)
        self.counting = True

    def _run(self):
        slowed = False
        while True:
            time.sleep(_WINDOW)
            try:
                if self.sampler is not None and not self.sampler.running():
                    error = self.sampler.error() or "it stopped"
                    self.sampler = None
                    self._start_counting(f"it stopped: {error}")
                    continue
                self._decide()
                if not slowed and time.monotonic() - self.started >= self.warmup:
                    slowed = True
                    if self.sampler is not None:
                        self.sampler.set_interval(_SLOW_INTERVAL_MS)
                self._review()
            except Exception as exc:  # noqa: BLE001 - never disturb the program
                _log(f"auto mode stopped after an internal error: {type(exc).__name__}: {exc}")
                return

    def _decide(self):
        if self.sampler is not None:
            total, rows = self.sampler.take()
            if total == 0:
                return
            for file, name, line, n in rows:
                share = 100.0 * n / total
                key = (file, name, line)
                if share > self.seen.get(key, 0.0):
                    self.seen[key] = share
                if share >= self.threshold:
                    self._hot(key, share)
        elif self.counting:
            # A burst every window during warm-up, every tenth one after.
            self.windows += 1
            if time.monotonic() - self.started < self.warmup or self.windows % 10 == 0:
                _native.count_calls_burst(_COUNT_BURST_MS)
            counts = _native.count_calls_take()
            total = sum(n for _, n in counts)
            for code, n in counts:
                share = 100.0 * n / total
                if share >= self.threshold:
                    self._hot((code.co_filename, code.co_name, code.co_firstlineno), share)

    # ------------------------------------------------------------ selection

    def _user_code(self, func):
        module = getattr(func, "__module__", None) or ""
        if self.exclude or self.include:
            from fnmatch import fnmatchcase

            if any(fnmatchcase(module, p) for p in self.exclude):
                return False
            if any(fnmatchcase(module, p) for p in self.include):
                return True
        path = os.path.realpath(func.__code__.co_filename)
        if path.startswith(self.package_dir) or module.startswith("rustify_ml"):
            return False
        return not path.startswith(self.library_dirs) and not func.__code__.co_filename.startswith("<")

    def _find(self, key):
        """Function objects whose code is (file, name, first line), in every
        loaded module and the classes defined there."""
        file, name, line = key
        found = []
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            for value in list(namespace.values()):
                for func in _functions_in(value):
                    code = func.__code__
                    # py-spy names frames by qualified name where the code has one.
                    names = (code.co_name, getattr(code, "co_qualname", code.co_name))
                    if name in names and code.co_firstlineno == line and code.co_filename == file:
                        if func not in found:
                            found.append(func)
        return found

    def _hot(self, key, share):
        file, name, _ = key
        if name.startswith("<") or file.startswith("<"):
            return  # module bodies, lambdas, comprehensions
        if not self.include and os.path.realpath(file).startswith(self.library_dirs + (self.package_dir,)):
            return
        # Searching every module is not free: once per key, again only if
        # nothing was found and a while has passed (a late import).
        now = time.monotonic()
        last = self.searched.get(key)
        if last is not None and (last == float("inf") or now - last < _RESEARCH_AFTER):
            return
        found = self._find(key)
        self.searched[key] = float("inf") if found else now
        for func in found:
            if func.__code__ in self.targets or _resolve.trampolined(func) is not None:
                continue
            if not self._user_code(func):
                continue
            self._accelerate(func, share)

    # ------------------------------------------------------------ swapping

    def _accelerate(self, func, share):
        target = _Target(func, share)
        self.targets[target.original_code] = target
        code = func.__code__
        why = _untrampolinable(func)
        if why:
            target.state, target.reason = "python", why
            _log(f"{func.__qualname__} (line {code.co_firstlineno}) is hot ({share:.0f}%) but runs in Python: {why}")
            return
        clone = types.FunctionType(code, func.__globals__, func.__name__, func.__defaults__, func.__closure__)
        clone.__qualname__ = func.__qualname__
        clone.__module__ = func.__module__
        clone.__doc__ = func.__doc__
        target.jit = _native.JitFunction(clone)
        target.jit._behind_trampoline()
        with self.lock:
            index = len(self.table)
            self.table.append(target.jit)
        _resolve.register_trampoline(func, clone)
        func.__code__ = _trampoline(code, index)
        target.state = "accelerated"
        _log(f"{func.__qualname__} (line {code.co_firstlineno}) is hot ({share:.0f}% of samples): accelerated")

    def _review(self):
        """Gives functions that only ran in Python since they turned hot
        (untranslatable code or argument types) their own code back, so
        they pay nothing for the detour."""
        for target in list(self.targets.values()):
            if target.state != "accelerated":
                continue
            st = target.jit._status()
            if not st["signatures"] and st["calls_python"] > 0:
                target.func.__code__ = target.original_code
                _resolve.unregister_trampoline(target.func)
                target.state = "python"
                target.reason = st["reason"]
                if not st["rejected"]:  # compile rejections were logged already
                    _log(f"{target.func.__qualname__} runs in Python: {target.reason}")

    # ------------------------------------------------------------ reporting

    def stats(self):
        rows = []
        for target in self.targets.values():
            code = target.original_code
            st = target.jit._status() if target.jit is not None else None
            calls = st["calls_native"] + st["calls_python"] if st else 0
            native = bool(st and st["signatures"]) and target.state == "accelerated"
            if native:
                status = "native"
            elif target.reason:
                status = target.reason
            elif calls == 0:
                status = "not called since it turned hot"
            else:
                status = st["reason"] or "runs in Python"
            rows.append(
                {
                    "function": target.func.__qualname__,
                    "module": target.func.__module__,
                    "file": code.co_filename,
                    "line": code.co_firstlineno,
                    "share": round(target.share, 1),
                    "tier": ("ext" if "ext" in st["tiers"].values() else "jit") if native else "python",
                    "status": status,
                    "calls": calls,
                    "signatures": st["signatures"] if st else [],
                }
            )
        rows.sort(key=lambda r: -r["share"])
        return rows


def _functions_in(value):
    if isinstance(value, types.FunctionType):
        yield value
    elif isinstance(value, type):
        for attr in list(vars(value).values()):
            if isinstance(attr, (staticmethod, classmethod)):
                attr = attr.__func__
            if isinstance(attr, types.FunctionType):
                yield attr


def _untrampolinable(func):
    code = func.__code__
    if code.co_freevars or func.__closure__:
        return "uses variables of an enclosing function"
    if code.co_flags & (0x04 | 0x08):  # *args, **kwargs
        return "takes *args or **kwargs"
    if code.co_kwonlyargcount:
        return "has keyword-only parameters"
    if code.co_flags & (0x20 | 0x80 | 0x200):  # generator, coroutine, async generator
        return "is a generator or coroutine"
    return None


def _trampoline(code, index):
    """A code object with `code`'s parameters that calls table[index]."""
    params = code.co_varnames[: code.co_argcount]
    head = list(params)
    if code.co_posonlyargcount:
        head.insert(code.co_posonlyargcount, "/")
    source = (
        f"def {code.co_name}({', '.join(head)}):\n"
        f"    return {_TABLE_NAME}[{index}]({''.join(p + ', ' for p in params)})\n"
    )
    namespace = {}
    exec(compile(source, code.co_filename, "exec"), namespace)
    tramp = namespace[code.co_name].__code__
    names = dict(co_name=code.co_name, co_filename=code.co_filename, co_firstlineno=code.co_firstlineno)
    if hasattr(code, "co_qualname"):
        names["co_qualname"] = code.co_qualname
    return tramp.replace(**names)


_AUTO = None


def enable():
    """Turns auto mode on (idempotent). Returns False when disabled."""
    global _AUTO
    if _disabled():
        return False
    if _AUTO is None:
        error = _native.backend_error()
        if error:
            _log(f"native code is off in this process ({error}); auto mode does nothing")
            return False
        _AUTO = _Auto()
        _AUTO.start()
        if os.environ.get("RUSTIFY_REPORT", "").strip() not in ("", "0"):
            atexit.register(_report)
        os.register_at_fork(after_in_child=_after_fork)
    return True


def _after_fork():
    # The sampler thread does not survive fork: start a new one for the child.
    global _AUTO
    if _AUTO is not None:
        old = _AUTO
        _AUTO = _Auto()
        _AUTO.targets = old.targets
        _AUTO.start()


def stats():
    """One dict per function auto mode found hot: function, module, file,
    line, share (% of samples), tier, status, signatures."""
    return _AUTO.stats() if _AUTO is not None else []


def exports():
    """For ``rustify-ml accelerate``: each hot function's row of ``stats()``
    with its parameter count and its compiled programs as Rust source."""
    if _AUTO is None:
        return []
    rows = {(r["module"], r["function"], r["line"]): r for r in stats()}
    out = []
    for target in _AUTO.targets.values():
        code = target.original_code
        row = dict(rows.get((target.func.__module__, target.func.__qualname__, code.co_firstlineno), {}))
        row["name"] = target.func.__name__
        row["nparams"] = code.co_argcount
        row["simple_signature"] = not (code.co_flags & 0x0C) and code.co_kwonlyargcount == 0
        row["programs"] = list(target.jit._export()) if target.jit is not None else []
        out.append(row)
    return out


def _report():
    everything = stats()
    # A function that turned hot while running and never ran again (the
    # program's driver loop) was not a target in any useful sense.
    idle = [r for r in everything if r["calls"] == 0 and r["tier"] == "python" and r["status"].startswith("not called")]
    rows = [r for r in everything if r not in idle]
    native = sum(1 for r in rows if r["tier"] != "python")
    out = [f"rustify-ml: accelerated {native}/{len(rows)} targets"]
    if rows:
        out.append(f"  {'function':<28}{'line':>6}{'% time':>8}  {'tier':<7}status")
        for r in rows:
            out.append(f"  {r['function'][:27]:<28}{r['line']:>6}{r['share']:>7.1f}%  {r['tier']:<7}{r['status']}")
    if idle:
        out.append(f"  (+{len(idle)} hot while running but not called again: {', '.join(r['function'] for r in idle)})")
    sys.stderr.write("\n".join(out) + "\n")


def jit_of(func):
    """The JitFunction behind an auto-accelerated function, or None."""
    if _AUTO is None:
        return None
    target = _AUTO.targets.get(getattr(func, "__code__", None))
    if target is None:
        for t in _AUTO.targets.values():
            if t.func is func:
                target = t
                break
    return target.jit if target is not None and target.state == "accelerated" else None


enable()
