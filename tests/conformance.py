"""Conformance harness: one corpus of case files, every tier, CPython as the oracle.

Case file format (``tests/cases/*.py``)
---------------------------------------
A case file is a plain Python module: module-level functions (the code under
test) plus directive comments, executed in file order::

    # run: fname(arg, arg, ...)       must match CPython; when the call returns
                                      normally, status(w)["tier"] must name the
                                      tier under test (native code finished it)
    # run-any: fname(arg, ...)        must match CPython; any tier may finish it
    # known: reason                   the next run line is a known deviation:
                                      expected to fail (strict) until fixed
    # fallback: fname                 fname must be rejected at compile time:
                                      status(w)["reason"] is a non-empty string
                                      naming a line, and its calls finish on
                                      "python" (use run-any lines to call it)

A run expression must be a call of a plain name. Its arguments (positional,
``*starred`` and ``key=value``) are evaluated afresh for every call, in the
case module's namespace as it is at that moment (with the plain, unwrapped
functions), so list arguments are fresh objects on every tier.

A case file may set ``__corpus__ = "<path to a .py file>"`` (relative paths
are relative to the case file): the functions of that module are put under
test too, run lines may call them, and argument expressions may use its
names (e.g. ``INPUTS``). This keeps shared kernels in one place.

How a case file runs
--------------------
For each tier under test, the case module (and its corpus module) is loaded
twice from its file path as fresh module objects: one stays plain Python (the
oracle), in the other every function defined there is replaced, in the module
namespace itself, by the tier's wrapper, so calls between functions and global
lookups go through the module as they would for a user. The run lines execute
in file order on both, interleaved line by line, and each call's outcome is
compared with ``same``: return value or exception (class and message), the
state of every argument object after the call, and which containers are shared
between the result and the arguments.

Tiers
-----
``TIERS`` lists the tiers under test; ``RUSTIFY_TEST_TIERS`` (comma separated)
overrides it. Tier ``python`` runs the oracle against itself (a self-test of
the harness and of the case files that needs no native build). A new tier is
added by registering how to wrap a function for it in ``_WRAPPERS``.

Tier ``ext`` (tier 2) runs each file twice: a warm-up load runs every line on
tier 1, which queues the tier-2 builds, and waits for them; then a fresh load
finds every program in the cache at its first call, and its lines are the
ones compared (``# run:`` lines must report tier ``ext``). It needs tier 2 on
(``RUSTIFY_TIER2`` not ``0``) and cargo and maturin.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
import math
import os
import re
import sys
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

TESTS_DIR = Path(__file__).resolve().parent
CASES_DIR = TESTS_DIR / "cases"

ORACLE = "python"
TIERS = ["jit"]

# How each native tier wraps one plain function: (rustify_ml module, function) -> wrapper.
_WRAPPERS: dict[str, Callable[[Any, Callable], Callable]] = {
    "jit": lambda rm, fn: rm.jit(fn),
    "ext": lambda rm, fn: rm.jit(fn),
}

# How long the ext tier waits for one file's builds (a cold first build
# compiles pyo3 too).
EXT_BUILD_TIMEOUT = 900.0

STATUS_KEYS = {
    "tier": str,
    "reason": (str, type(None)),
    "signatures": list,
    "compile_ms": float,
    "calls_native": int,
    "calls_python": int,
    "deopts": int,
}


def tiers_under_test() -> list[str]:
    env = os.environ.get("RUSTIFY_TEST_TIERS", "").strip()
    if not env:
        return list(TIERS)
    return [t.strip() for t in env.split(",") if t.strip()]


# ---------------------------------------------------------------------------
# Comparison


def _float_same(a: float, b: float) -> bool:
    if a != a:
        return b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def short_repr(x: Any, limit: int = 160) -> str:
    try:
        r = repr(x)
    except Exception as e:  # pragma: no cover - defensive
        r = f"<unreprable {type(x).__name__}: {e!r}>"
    if len(r) > limit:
        r = r[: limit - 20] + f"...<{len(r)} chars>"
    return r


def _describe(x: Any) -> str:
    if isinstance(x, (list, tuple, dict)):
        return f"{short_repr(x)} ({type(x).__name__}, len {len(x)})"
    return f"{short_repr(x)} ({type(x).__name__})"


def diff(a: Any, b: Any, path: str = "value", _seen: set | None = None) -> str | None:
    """First difference between a (CPython) and b (tier), or None if they are the same.

    Strict: same type (bool is not int, int is not float), floats equal with the
    same sign of zero or both NaN, containers elementwise, dicts in key order.
    """
    if type(a) is not type(b):
        return f"{path}: CPython {_describe(a)} vs {_describe(b)}"
    t = type(a)
    if t is float:
        if not _float_same(a, b):
            return f"{path}: CPython {a!r} vs {b!r}"
        return None
    if t is complex:
        if not (_float_same(a.real, b.real) and _float_same(a.imag, b.imag)):
            return f"{path}: CPython {a!r} vs {b!r}"
        return None
    if t in (int, bool, str, bytes, type(None)):
        if a != b:
            return f"{path}: CPython {short_repr(a)} vs {short_repr(b)}"
        return None
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(a, numpy.generic):
        # numpy scalars: the type matched; floats bit for bit as Python's.
        if isinstance(a, numpy.floating):
            if not _float_same(float(a), float(b)):
                return f"{path}: CPython {a!r} vs {b!r}"
        elif a != b:
            return f"{path}: CPython {a!r} vs {b!r}"
        return None
    if numpy is not None and t is numpy.ndarray:
        if a.dtype != b.dtype or a.shape != b.shape or a.tobytes() != b.tobytes():
            return f"{path}: CPython {a!r} ({a.dtype}) vs {b!r} ({b.dtype})"
        return None
    if t in (list, tuple, dict):
        if _seen is None:
            _seen = set()
        key = (id(a), id(b))
        if key in _seen:
            return None
        _seen.add(key)
        if len(a) != len(b):
            return f"{path}: CPython {_describe(a)} vs {_describe(b)} (length differs)"
        if t is dict:
            ka, kb = list(a.keys()), list(b.keys())
            for i, (x, y) in enumerate(zip(ka, kb)):
                d = diff(x, y, f"{path}.keys()[{i}]", _seen)
                if d:
                    return d
            for x, y in zip(ka, kb):
                d = diff(a[x], b[y], f"{path}[{x!r}]", _seen)
                if d:
                    return d
            return None
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]", _seen)
            if d:
                return d
        return None
    try:
        eq = a == b
    except Exception as e:
        return f"{path}: cannot compare {t.__name__} objects: {e!r}"
    if eq is not True:
        return f"{path}: CPython {short_repr(a)} vs {short_repr(b)}"
    return None


def same(a: Any, b: Any) -> bool:
    return diff(a, b) is None


def sharing(root: Any) -> list[int]:
    """Shape of the mutable-container graph reachable from root.

    Walks lists and dicts (and through tuples) depth first; a container met for
    the first time contributes -1, one met again contributes the index of its
    first visit. Two outcomes with equal values but different sharing (a result
    that is the argument itself vs a copy, aliased matrix rows) differ here.
    """
    seen: dict[int, int] = {}
    out: list[int] = []

    def walk(x: Any) -> None:
        if isinstance(x, (list, dict)):
            k = seen.get(id(x))
            if k is not None:
                out.append(k)
                return
            seen[id(x)] = len(seen)
            out.append(-1)
            items = list(x.items()) if isinstance(x, dict) else x
            for it in items:
                walk(it)
        elif isinstance(x, tuple):
            for it in x:
                walk(it)

    walk(root)
    return out


# ---------------------------------------------------------------------------
# Case files


class CaseFormatError(Exception):
    pass


_DIRECTIVE = re.compile(r"^\s*#\s*(run|run-any|fallback|known)\s*:\s*(.*?)\s*$")
_NEAR_DIRECTIVE = re.compile(r"^\s*#\s*(run|fallback|known|tier1)\S*\s*:")


@dataclass(frozen=True)
class RunLine:
    path: Path
    lineno: int
    kind: str  # "run" or "run-any"
    source: str
    fname: str
    call: ast.Call = field(compare=False, repr=False)
    # A known deviation from CPython (from a '# known: reason' line just
    # above): the test is expected to fail, strictly, until it is fixed.
    known: str | None = None

    @property
    def where(self) -> str:
        return f"{_rel(self.path)}:{self.lineno}"

    @property
    def text(self) -> str:
        return f"# {self.kind}: {self.source}"


@dataclass
class CaseFile:
    path: Path
    runs: list[RunLine]
    fallbacks: dict[str, int]  # function name -> line of the declaration

    @property
    def name(self) -> str:
        return self.path.name


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(TESTS_DIR.parent))
    except ValueError:
        return str(path)


def parse_case_file(path: Path) -> CaseFile:
    path = Path(path)
    src = path.read_text(encoding="utf-8")
    try:
        ast.parse(src, filename=str(path))
    except SyntaxError as e:
        raise CaseFormatError(f"{_rel(path)}:{e.lineno}: case file is not valid Python: {e.msg}")
    runs: list[RunLine] = []
    fallbacks: dict[str, int] = {}
    known: str | None = None
    for lineno, line in enumerate(src.splitlines(), 1):
        m = _DIRECTIVE.match(line)
        if not m:
            if _NEAR_DIRECTIVE.match(line):
                raise CaseFormatError(
                    f"{_rel(path)}:{lineno}: unknown directive {line.strip()!r} "
                    "(expected '# run:', '# run-any:', '# fallback:' or '# known:')")
            continue
        kind, rest = m.group(1), m.group(2)
        where = f"{_rel(path)}:{lineno}"
        if kind == "known":
            if not rest:
                raise CaseFormatError(f"{where}: '# known:' needs the reason")
            known = rest
            continue
        if kind == "fallback":
            if not rest.isidentifier():
                raise CaseFormatError(f"{where}: '# fallback:' takes one function name, got {rest!r}")
            if rest in fallbacks:
                raise CaseFormatError(f"{where}: fallback {rest!r} declared twice")
            fallbacks[rest] = lineno
            continue
        try:
            tree = ast.parse(rest, mode="eval")
        except SyntaxError as e:
            raise CaseFormatError(f"{where}: run expression does not parse: {e.msg}: {rest!r}")
        call = tree.body
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            raise CaseFormatError(f"{where}: run expression must be a call of a plain name: {rest!r}")
        if any(k.arg is None for k in call.keywords):
            raise CaseFormatError(f"{where}: '**kwargs' is not supported in run lines")
        runs.append(RunLine(path, lineno, kind, rest, call.func.id, call, known))
        known = None
    if known is not None:
        raise CaseFormatError(f"{_rel(path)}: '# known:' at the end of the file applies to no run line")
    for fname, lineno in fallbacks.items():
        calls = [r for r in runs if r.fname == fname]
        if not calls:
            raise CaseFormatError(f"{_rel(path)}:{lineno}: fallback {fname!r} has no run-any line calling it")
        strict = [r for r in calls if r.kind == "run"]
        if strict:
            raise CaseFormatError(
                f"{strict[0].where}: {fname!r} is declared a fallback; call it with '# run-any:'")
    return CaseFile(path, runs, fallbacks)


def case_paths() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.py") if not p.name.startswith("_"))


# ---------------------------------------------------------------------------
# Tiers


class BackendUnavailable(Exception):
    pass


class Backend:
    name = ORACLE
    native = False

    def wrap(self, fn: Callable) -> Callable:
        return fn

    def status(self, w: Callable) -> dict | None:
        return None


class RustifyBackend(Backend):
    native = True

    def __init__(self, name: str, module: Any, wrapper: Callable):
        self.name = name
        self.module = module
        self._wrapper = wrapper

    def wrap(self, fn: Callable) -> Callable:
        return self._wrapper(self.module, fn)

    def status(self, w: Callable) -> dict | None:
        return self.module.status(w)


_backends: dict[str, Backend | BackendUnavailable] = {}


def get_backend(name: str) -> Backend:
    """The backend for a tier; raises BackendUnavailable with a clear message."""
    if name not in _backends:
        _backends[name] = _make_backend(name)
    b = _backends[name]
    if isinstance(b, BackendUnavailable):
        raise BackendUnavailable(*b.args) from None
    return b


def _make_backend(name: str) -> Backend | BackendUnavailable:
    if name == ORACLE:
        return Backend()
    try:
        import rustify_ml  # noqa: PLC0415
    except Exception as e:  # ImportError, or an error inside the extension
        return BackendUnavailable(
            f"cannot import rustify_ml for tier {name!r}: {type(e).__name__}: {e}. "
            "Build and install the package first (e.g. `maturin develop --release`), "
            "or set RUSTIFY_TEST_TIERS=python to self-test the harness against CPython.")
    if name not in _WRAPPERS:
        return BackendUnavailable(
            f"unknown tier {name!r}: register how to wrap a function for it in "
            "tests/conformance.py _WRAPPERS")
    for attr in ("status",):
        if not hasattr(rustify_ml, attr):
            return BackendUnavailable(f"rustify_ml has no attribute {attr!r}")
    if name == "ext" and not rustify_ml._native.counters()["tier2"]:
        return BackendUnavailable("tier 'ext' needs tier 2 on: unset RUSTIFY_TIER2=0")
    return RustifyBackend(name, rustify_ml, _WRAPPERS[name])


# ---------------------------------------------------------------------------
# Modules

_counter = itertools.count()


def load_module(path: Path, label: str) -> types.ModuleType:
    """A fresh module object executed from path (registered in sys.modules)."""
    path = Path(path).resolve()
    name = f"rustify_cases.{path.stem}.{label}{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _own_functions(mod: types.ModuleType) -> dict[str, types.FunctionType]:
    return {
        k: v for k, v in vars(mod).items()
        if isinstance(v, types.FunctionType) and v.__module__ == mod.__name__
    }


class TierModule:
    """A case module (and its corpus module) loaded for one tier, functions wrapped."""

    def __init__(self, path: Path, backend: Backend, label: str):
        self.backend = backend
        self.case = load_module(path, label)
        self.corpus = None
        corpus = vars(self.case).get("__corpus__")
        if corpus is not None:
            cpath = Path(corpus)
            if not cpath.is_absolute():
                cpath = Path(path).resolve().parent / cpath
            if not cpath.is_file():
                raise FileNotFoundError(f"__corpus__ of {_rel(Path(path))} not found: {cpath}")
            self.corpus = load_module(cpath, label)
        self.modules = [m for m in (self.corpus, self.case) if m is not None]
        self.originals: dict[str, types.FunctionType] = {}
        self.wrappers: dict[str, Callable] = {}
        for mod in self.modules:  # case module last: its names win
            for name, fn in _own_functions(mod).items():
                w = backend.wrap(fn)
                setattr(mod, name, w)
                self.originals[name] = fn
                self.wrappers[name] = w

    def lookup(self, name: str) -> Any:
        for mod in reversed(self.modules):
            if name in vars(mod):
                return vars(mod)[name]
        raise NameError(f"no function {name!r} in the case module" +
                        (" or its corpus" if self.corpus else ""))

    def eval_namespace(self) -> dict:
        ns: dict = {}
        for mod in self.modules:
            ns.update(vars(mod))
        ns.update(self.originals)
        return ns


# ---------------------------------------------------------------------------
# Running


@dataclass
class Outcome:
    kind: str  # "return", "raise", or "error" (the harness could not make the call)
    value: Any = None
    exc: BaseException | None = None
    args: list = field(default_factory=list)
    status: dict | None = None
    status_error: str | None = None
    detail: str = ""

    def describe(self) -> str:
        if self.kind == "return":
            return f"returned {_describe(self.value)}"
        if self.kind == "raise":
            return f"raised {type(self.exc).__name__}({str(self.exc)!r})"
        return f"harness error: {self.detail}"


def eval_args(call: ast.Call, ns: dict) -> tuple[list, dict]:
    args: list = []
    kwargs: dict = {}
    for a in call.args:
        if isinstance(a, ast.Starred):
            args.extend(_eval_node(a.value, ns))
        else:
            args.append(_eval_node(a, ns))
    for k in call.keywords:
        kwargs[k.arg] = _eval_node(k.value, ns)
    return args, kwargs


def _eval_node(node: ast.AST, ns: dict) -> Any:
    code = compile(ast.Expression(body=node), "<run-line argument>", "eval")
    return eval(code, ns)


def call_outcome(fn: Callable, args: list, kwargs: dict, backend: Backend | None = None) -> Outcome:
    """Call fn and capture what happened; with a native backend also its status."""
    try:
        value = fn(*args, **kwargs)
        out = Outcome("return", value=value)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # incl. pyo3's PanicException, a BaseException
        out = Outcome("raise", exc=e)
    out.args = list(args) + list(kwargs.values())
    if backend is not None and backend.native:
        try:
            out.status = backend.status(fn)
        except Exception as e:
            out.status_error = f"{type(e).__name__}: {e}"
    return out


def compare_outcomes(py: Outcome, tier: Outcome, tier_name: str) -> list[str]:
    """Differences between the CPython outcome and the tier's, as messages."""
    problems: list[str] = []
    if py.kind == "error":
        return [f"CPython side could not run this line: {py.detail}"]
    if tier.kind == "error":
        return [f"{tier_name} side could not run this line: {tier.detail}"]
    if py.kind != tier.kind:
        problems.append(f"CPython {py.describe()} but {tier_name} {tier.describe()}")
    elif py.kind == "return":
        d = diff(py.value, tier.value, "result")
        if d:
            problems.append(d)
    else:
        if type(py.exc) is not type(tier.exc):
            problems.append(f"exception class: CPython {type(py.exc).__name__} vs {type(tier.exc).__name__}")
        if str(py.exc) != str(tier.exc):
            problems.append(f"exception message: CPython {str(py.exc)!r} vs {str(tier.exc)!r}")
    if len(py.args) == len(tier.args):
        for i, (a, b) in enumerate(zip(py.args, tier.args)):
            d = diff(a, b, f"argument {i} after the call")
            if d:
                problems.append(d)
    if not problems:
        root_py = (py.value if py.kind == "return" else None, py.args)
        root_t = (tier.value if tier.kind == "return" else None, tier.args)
        if sharing(root_py) != sharing(root_t):
            problems.append(
                "object identity differs: the result/arguments share containers differently "
                f"(CPython {sharing(root_py)} vs {sharing(root_t)}; e.g. a copy where CPython "
                "returns the argument itself, or aliased rows)")
    return problems


@dataclass
class LineResult:
    line: RunLine
    py: Outcome
    tier: Outcome
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self, tier_name: str) -> str:
        lines = [
            f"{self.line.where}: {self.line.text}",
            f"  CPython:      {self.py.describe()}",
            f"  {tier_name + ':':13} {self.tier.describe()}",
        ]
        if self.tier.status is not None:
            st = {k: self.tier.status.get(k) for k in ("tier", "reason", "deopts")}
            lines.append(f"  status:       {st}")
        for p in self.problems:
            lines.append(f"  -> {p}")
        return "\n".join(lines)


@dataclass
class FileResult:
    case: CaseFile
    tier: str
    lines: list[LineResult]
    final_status: dict[str, Any]  # function name -> status dict or error string
    native: bool

    def by_lineno(self) -> dict[int, LineResult]:
        return {r.line.lineno: r for r in self.lines}


def _tier_check(line: RunLine, out: Outcome, backend: Backend) -> list[str]:
    if not backend.native:
        return []
    expected = backend.name
    problems = []
    if out.status_error is not None:
        problems.append(f"status() failed: {out.status_error}")
    elif line.kind == "run" and out.kind == "return":
        got = out.status.get("tier") if isinstance(out.status, dict) else None
        if got != expected:
            reason = out.status.get("reason") if isinstance(out.status, dict) else None
            problems.append(
                f"'# run:' line finished on tier {got!r}, expected {expected!r}"
                + (f" (reason: {reason})" if reason else ""))
    return problems


def _build_tier2(case: CaseFile, backend: Backend) -> None:
    """The ext tier's warm-up: every line once on tier 1 (queueing the tier-2
    builds of whatever compiles), then wait for the builds to land."""
    warm = TierModule(case.path, backend, "warmup")
    for line in case.runs:
        try:
            args, kwargs = eval_args(line.call, warm.eval_namespace())
            warm.lookup(line.fname)(*args, **kwargs)
        except Exception:
            pass
    if not backend.module._native.tier2_wait(EXT_BUILD_TIMEOUT):
        raise RuntimeError(f"tier-2 builds of {_rel(case.path)} did not finish in {EXT_BUILD_TIMEOUT:.0f} s")


def run_case_file(case: CaseFile, tier: str) -> FileResult:
    """Run every line of a case file on the oracle and on tier; compare each."""
    backend = get_backend(tier)
    if tier == "ext":
        _build_tier2(case, backend)
    oracle = TierModule(case.path, Backend(), "oracle")
    under = TierModule(case.path, backend, tier)
    results: list[LineResult] = []
    for line in case.runs:
        outs = []
        for tm, be in ((oracle, None), (under, backend)):
            try:
                fn = tm.lookup(line.fname)
                args, kwargs = eval_args(line.call, tm.eval_namespace())
            except Exception as e:
                outs.append(Outcome("error", detail=f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}"))
                continue
            outs.append((fn, args, kwargs, be))
        # compare the freshly evaluated arguments before calling anything
        prepared = all(not isinstance(o, Outcome) for o in outs)
        pre_problem = None
        if prepared:
            d = diff(outs[0][1] + list(outs[0][2].values()), outs[1][1] + list(outs[1][2].values()), "arguments")
            if d:
                pre_problem = f"argument expressions evaluate differently on the two tiers: {d}"
        final: list[Outcome] = []
        for o in outs:
            if isinstance(o, Outcome):
                final.append(o)
            else:
                fn, args, kwargs, be = o
                final.append(call_outcome(fn, args, kwargs, be))
        py, t = final
        problems = [pre_problem] if pre_problem else []
        problems += compare_outcomes(py, t, tier)
        if t.kind != "error":
            problems += _tier_check(line, t, backend)
        results.append(LineResult(line, py, t, problems))
    final_status: dict[str, Any] = {}
    if backend.native:
        for name, w in under.wrappers.items():
            try:
                final_status[name] = backend.status(w)
            except Exception as e:
                final_status[name] = f"status() failed: {type(e).__name__}: {e}"
    return FileResult(case, tier, results, final_status, backend.native)


_file_results: dict[tuple[Path, str], FileResult | BaseException] = {}


def file_result(case: CaseFile, tier: str) -> FileResult:
    """run_case_file, once per (file, tier) per process; errors are cached and re-raised."""
    key = (case.path, tier)
    if key not in _file_results:
        try:
            _file_results[key] = run_case_file(case, tier)
        except BackendUnavailable as e:
            _file_results[key] = e
        except Exception as e:
            err = RuntimeError(
                f"{_rel(case.path)}: could not load/run on tier {tier!r}: {type(e).__name__}: {e}\n"
                + traceback.format_exc())
            _file_results[key] = err
    r = _file_results[key]
    if isinstance(r, BaseException):
        # a fresh exception each time: re-raising one object grows its traceback
        raise type(r)(*r.args) from None
    return r


def status_problems(st: Any, tier_names: set[str]) -> list[str]:
    """Check one status() dict against the contract's keys and types."""
    if not isinstance(st, dict):
        return [f"status() returned {short_repr(st)}, not a dict"]
    problems = []
    for key, typ in STATUS_KEYS.items():
        if key not in st:
            problems.append(f"missing key {key!r}")
        elif not isinstance(st[key], typ) or (typ is int and isinstance(st[key], bool)):
            problems.append(f"{key!r} has type {type(st[key]).__name__}: {short_repr(st[key])}")
    if isinstance(st.get("tier"), str) and st["tier"] not in tier_names:
        problems.append(f"'tier' is {st['tier']!r}, expected one of {sorted(tier_names)}")
    if isinstance(st.get("signatures"), list) and not all(isinstance(s, str) for s in st["signatures"]):
        problems.append(f"'signatures' holds non-str items: {short_repr(st['signatures'])}")
    for key in ("calls_native", "calls_python", "deopts"):
        if isinstance(st.get(key), int) and st[key] < 0:
            problems.append(f"{key!r} is negative: {st[key]}")
    if isinstance(st.get("compile_ms"), float) and not st["compile_ms"] >= 0.0:
        problems.append(f"'compile_ms' is {st['compile_ms']!r}")
    return problems


_LINE_IN_REASON = re.compile(r"line\D{0,4}\d+", re.IGNORECASE)


def fallback_problems(result: FileResult, fname: str) -> list[str]:
    """Check a '# fallback:' declaration against one file result."""
    problems = []
    calls = [r for r in result.lines if r.line.fname == fname]
    for r in calls:
        if r.problems:
            problems.append("a call does not match CPython:\n" + r.report(result.tier))
    if not result.native:
        return problems
    st = result.final_status.get(fname)
    if not isinstance(st, dict):
        problems.append(f"no status for {fname!r}: {st}")
        return problems
    reason = st.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.append(f"status({fname})['reason'] is {reason!r}; expected a string naming the "
                        "unsupported construct and its line")
    elif not _LINE_IN_REASON.search(reason):
        problems.append(f"status({fname})['reason'] does not name a line: {reason!r}")
    for r in calls:
        if r.tier.kind == "return" and isinstance(r.tier.status, dict) \
                and r.tier.status.get("tier") != ORACLE:
            problems.append(f"{r.line.where}: a rejected function finished on tier "
                            f"{r.tier.status.get('tier')!r}, expected {ORACLE!r}")
    return problems


# ---------------------------------------------------------------------------
# Corpus lint: a '# run:' line must be something native code can finish.

_I64 = (-(2 ** 63), 2 ** 63)
_NATIVE_VALUE_TYPES = (int, float, bool, list, tuple, dict, str, bytes, type(None))


def _numpy_value_types() -> tuple:
    """numpy arrays and the scalar types native code reads and makes
    (only when numpy is imported: it stays optional)."""
    np = sys.modules.get("numpy")
    if np is None:
        return ()
    return (np.ndarray, np.float64, np.float32, np.int64, np.int32, np.bool_)


def _outside_native(x: Any, depth: int = 0) -> str | None:
    t = type(x)
    if t is int and not (_I64[0] <= x < _I64[1]):
        return f"int {x} is outside the 64-bit range"
    if t not in _NATIVE_VALUE_TYPES and t not in _numpy_value_types():
        return f"a {t.__name__} value"
    if t in (list, tuple) and depth < 4:
        for y in x:
            r = _outside_native(y, depth + 1)
            if r:
                return r
    if t is dict and depth < 4:
        for k, v in x.items():
            r = _outside_native(k, depth + 1) or _outside_native(v, depth + 1)
            if r:
                return r
    return None


def audit_run_line(tm: TierModule, line: RunLine) -> list[str]:
    """Run one '# run:' line on plain CPython under a tracer and report values
    that native code could not hold (ints past 64 bits in any local of the case
    or corpus code, non-subset argument/result types): such a line belongs
    under '# run-any:'."""
    files = {str(Path(m.__file__).resolve()) for m in tm.modules}
    found: list[str] = []

    def tracer(frame, event, arg):
        if frame.f_code.co_filename not in files:
            return None
        for k, v in frame.f_locals.items():
            if type(v) is int and not (_I64[0] <= v < _I64[1]):
                found.append(f"local {k!r} of {frame.f_code.co_name} holds {v}")
        if event == "return" and type(arg) is int and not (_I64[0] <= arg < _I64[1]):
            found.append(f"{frame.f_code.co_name} returns {arg}")
        return tracer

    fn = tm.lookup(line.fname)
    args, kwargs = eval_args(line.call, tm.eval_namespace())
    for i, a in enumerate(list(args) + list(kwargs.values())):
        r = _outside_native(a)
        if r:
            found.append(f"argument {i}: {r}")
    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        value = fn(*args, **kwargs)
        returned = True
    except Exception:
        returned = False
    finally:
        sys.settrace(old)
    if returned:
        r = _outside_native(value)
        if r:
            found.append(f"result: {r}")
    return sorted(set(found))[:5]
