"""Answers the compiler's questions about live Python objects.

Called from the native runtime at compile time only: where a function's
source is, and what a global name is bound to. Every answer about a global
also names the dict entry it came from, so the runtime can guard it.
"""

import builtins
import math
import types

from ._native import JitFunction as _JitFunction

# Builtins the compiler knows, by the object they must still be.
_KNOWN_BUILTINS = {
    name: getattr(builtins, name)
    for name in ("len", "range", "min", "max", "abs", "sum", "int", "float", "bool", "round", "list", "enumerate", "zip")
}
_MISSING = object()
_CO_GENERATOR, _CO_COROUTINE, _CO_ASYNC_GENERATOR = 0x20, 0x80, 0x200
# Functions auto mode accelerated in place -> the clone holding their code.
_TRAMPOLINED = {}


def register_trampoline(func, clone):
    _TRAMPOLINED[id(func)] = (func, clone)


def unregister_trampoline(func):
    _TRAMPOLINED.pop(id(func), None)


def trampolined(func):
    """The clone behind a function auto mode accelerated, or None."""
    entry = _TRAMPOLINED.get(id(func))
    return entry[1] if entry is not None and entry[0] is func else None


def unwrapped(value):
    """The plain function behind a jit wrapper or an accelerated function,
    else the value itself."""
    if isinstance(value, _JitFunction):
        return getattr(value, "__wrapped__", value)
    return trampolined(value) or value


def shadow(func):
    """A copy of ``func`` whose recursion stays inside one interpreter loop:
    its globals are a snapshot of its module's in which every function of
    that module (wrapped or not) is such a copy too. Only for functions whose
    code compiled: that code, and every callee it reaches, never writes a
    global, so the snapshot reads exactly as the module would."""
    module = func.__globals__
    g = {}
    copies = {}
    for k, v in module.items():
        plain = unwrapped(v)
        if isinstance(plain, types.FunctionType) and plain.__globals__ is module:
            if id(plain) not in copies:
                c = types.FunctionType(plain.__code__, g, plain.__name__, plain.__defaults__, plain.__closure__)
                c.__kwdefaults__ = plain.__kwdefaults__
                copies[id(plain)] = c
            v = copies[id(plain)]
        g[k] = v
    if id(func) in copies:
        return copies[id(func)]
    c = types.FunctionType(func.__code__, g, func.__name__, func.__defaults__, func.__closure__)
    c.__kwdefaults__ = func.__kwdefaults__
    return c


def function_source(func):
    """(source text, first line) of a plain function, or ValueError(reason)."""
    if not isinstance(func, types.FunctionType):
        raise ValueError(f"{type(func).__name__} objects are not Python functions")
    code = func.__code__
    if code.co_freevars:
        raise ValueError(f"uses variables of an enclosing function ({', '.join(code.co_freevars)})")
    if code.co_flags & (_CO_GENERATOR | _CO_COROUTINE | _CO_ASYNC_GENERATOR):
        raise ValueError("generators and coroutines are not supported")
    if func.__kwdefaults__:
        raise ValueError("keyword-only parameters are not supported")
    import inspect  # only when compiling: it is slow to import

    try:
        lines, first = inspect.getsourcelines(func)
    except (OSError, TypeError) as exc:
        raise ValueError(f"source is not available ({exc})") from None
    return "".join(lines), max(first, 1)


def _namespace_of(func):
    g = func.__globals__
    b = g.get("__builtins__", builtins)
    if isinstance(b, types.ModuleType):
        b = b.__dict__
    return g, b


def classify_global(func, name):
    """What `name` means inside `func`.

    Returns (kind, payload, guards); guards is a list of (dict, name,
    present, object) entries whose identity the compiled code relies on.
    """
    g, b = _namespace_of(func)
    value = g.get(name, _MISSING)
    if value is _MISSING:
        value = b.get(name, _MISSING)
        guards = [(g, name, False, None), (b, name, value is not _MISSING, None if value is _MISSING else value)]
    else:
        guards = [(g, name, True, value)]
    if value is _MISSING:
        return ("unbound", None, guards)
    return classify_value(name, value) + (guards,)


def classify_value(name, value):
    kind = type(value)
    if kind is bool:
        return ("bool", value)
    if kind is int:
        if -(2**63) <= value < 2**63:
            return ("int", value)
        return ("unsupported", "int beyond 64 bits")
    if kind is float:
        return ("float", value)
    if kind is types.FunctionType:
        # An auto-accelerated function: compile its original code.
        return ("function", trampolined(value) or value)
    if kind is _JitFunction:
        # Another jitted function: compile its Python body into the caller.
        return ("function", value.__wrapped__)
    if value is math:
        return ("math_module", None)
    for known, obj in _KNOWN_BUILTINS.items():
        if value is obj:
            return ("builtin", known)
    if isinstance(value, types.BuiltinFunctionType) and getattr(value, "__module__", None) == "math":
        # `from math import sqrt`: the global is guarded; the math module's
        # own binding is guarded when the compiler asks for `math.sqrt`.
        return ("math_fn", value.__name__)
    if isinstance(value, types.BuiltinFunctionType) and getattr(builtins, value.__name__, None) is value:
        return ("unsupported", f"builtin {value.__name__}()")
    return ("unsupported", kind.__name__)


def math_attr(name):
    """Like classify_global, for `math.<name>`: the attribute is guarded too
    (a program may rebind `math.sqrt`)."""
    namespace = math.__dict__
    value = namespace.get(name, _MISSING)
    guards = [(namespace, name, value is not _MISSING, None if value is _MISSING else value)]
    if value is _MISSING:
        return ("unbound", None, guards)
    if type(value) is float:
        return ("float", value, guards)
    if isinstance(value, types.BuiltinFunctionType) and value.__name__ == name:
        return ("math_fn", name, guards)
    return ("unsupported", type(value).__name__, guards)
