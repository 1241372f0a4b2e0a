"""The public API: identity preservation, status/explain, switches, and the
bail-out machinery (rollback of mutations, guards, recursion) seen from
Python."""

import inspect
import math
import os
import pickle
import subprocess
import sys
import textwrap
import threading

import pytest

import rustify_ml
from tests import api_module as m


def test_wrapper_keeps_the_functions_identity():
    f = m.scale_all
    assert f.__name__ == "scale_all"
    assert f.__qualname__ == "scale_all"
    assert f.__doc__ == "Scales every item in place by k."
    assert f.__module__ == m.__name__
    assert str(inspect.signature(f)) == "(xs, k=2.0)"
    assert f.__wrapped__.__code__.co_name == "scale_all"
    assert pickle.loads(pickle.dumps(f)) is f
    assert "rustify_ml.jit" in repr(f)


def test_keyword_and_default_arguments_bind_like_cpython():
    assert m.affine(2.0, 3.0) == 2.0 * 3.0 + 1.0
    assert m.affine(2.0, 3.0, b=0.5) == 6.5
    assert m.affine(x=2.0, a=3.0) == 7.0
    assert rustify_ml.status(m.affine)["tier"] == "jit"
    with pytest.raises(TypeError) as native:
        m.affine(2.0, 3.0, c=1)
    with pytest.raises(TypeError) as plain:
        m.affine.__wrapped__(2.0, 3.0, c=1)
    assert str(native.value) == str(plain.value)


def test_methods_bind_self():
    p = m.Point(3.0, 4.0)
    assert p.norm_plus(1.0) == 6.0
    assert m.Point.norm_plus(p, 2.0) == 7.0
    assert m.Point.norm_plus.__name__ == "norm_plus"


def test_status_reports_tier_reason_signatures_and_counters():
    @rustify_ml.jit
    def add(a, b):
        return a + b

    st = rustify_ml.status(add)
    assert st["tier"] == "python" and st["reason"] == "not called yet"
    assert add(1, 2) == 3 and add(1.5, 2.0) == 3.5
    st = rustify_ml.status(add)
    assert st["tier"] == "jit" and st["reason"] is None
    assert st["signatures"] == ["(int, int)", "(float, float)"]
    assert st["compile_ms"] > 0 and st["calls_native"] == 2 and st["deopts"] == 0
    assert add("a", "b") == "ab"
    st = rustify_ml.status(add)
    assert st["tier"] == "python" and "str" in st["reason"]


def test_explain_names_the_rejected_construct_and_line():
    assert m.uses_dict([1.0]) == 1
    st = rustify_ml.status(m.uses_dict)
    line = m.uses_dict.__wrapped__.__code__.co_firstlineno + 2
    assert st["tier"] == "python" and f"line {line}" in st["reason"] and "dict" in st["reason"]
    text = rustify_ml.explain(m.uses_dict)
    assert "uses_dict: tier python" in text and "dict" in text


def test_explain_shows_typed_ir():
    m.affine(1.0, 2.0)
    text = rustify_ml.explain(m.affine, ir=True)
    assert "typed IR for (float, float, float)" in text
    assert "affine(x: float, a: float, b: float) -> float" in text
    assert "compiled (float, float, float): tier 1 (Cranelift)" in text
    assert rustify_ml.status(m.affine)["tiers"] == {"(float, float, float)": "jit"}


def test_jit_takes_tier2_as_a_keyword_and_as_a_decorator_argument():
    def twice(x):
        """Doubles."""
        return x * 2

    a = rustify_ml.jit(twice, tier2=False)
    b = rustify_ml.jit(tier2=False)(twice)
    for w in (a, b):
        assert w(21) == 42 and w.__doc__ == "Doubles." and w.__wrapped__ is twice
        assert rustify_ml.status(w)["tier"] == "jit"
    with pytest.raises(TypeError):
        rustify_ml.jit(twice, True)


def test_status_of_a_plain_function_says_it_is_not_compiled():
    st = rustify_ml.status(len)
    assert st["tier"] == "python" and "rustify_ml.jit" in st["reason"]


def test_jit_rejects_what_is_not_a_python_function():
    with pytest.raises(TypeError, match="needs a Python function, got builtin_function_or_method"):
        rustify_ml.jit(len)


def test_mutation_before_an_exception_is_exactly_cpythons():
    xs, ys = [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]
    with pytest.raises(IndexError) as native:
        m.scale_then_overrun(xs, 5)
    with pytest.raises(IndexError) as plain:
        m.scale_then_overrun.__wrapped__(ys, 5)
    assert str(native.value) == str(plain.value) == "list index out of range"
    assert xs == ys == [2.0, 4.0, 6.0]
    assert rustify_ml.status(m.scale_then_overrun)["deopts"] == 1


def test_rollback_restores_the_same_objects():
    first = 1.5
    xs = [first, 2.5]
    # Overflows after mutating: the native attempt is undone, CPython redoes it.
    assert m.mutate_then_overflow(xs, 2**62) == 2**63
    assert xs == [3.0, 5.0]
    ys = [first, 2.5]
    m.scale_all(ys, 1.0)
    assert ys[0] == first


def test_int_results_past_64_bits_are_exact():
    assert m.fact(25) == math.factorial(25)
    assert rustify_ml.status(m.fact)["tier"] == "python"  # bailed out, CPython finished
    assert m.fact(20) == math.factorial(20)
    assert rustify_ml.status(m.fact)["tier"] == "jit"


def test_rebinding_a_global_recompiles():
    m.SCALE = 2.0
    assert m.times_scale(3.0) == 6.0
    m.SCALE = 10.0
    assert m.times_scale(3.0) == 30.0
    assert rustify_ml.status(m.times_scale)["tier"] == "jit"
    m.SCALE = 2.0


def test_recursion_limit_is_cpythons():
    assert m.depth(50) == 50
    with pytest.raises(RecursionError):
        m.depth(sys.getrecursionlimit() + 100)


def test_threads_call_one_function_concurrently():
    data = [float(i) for i in range(1000)]
    expected = m.total(data)
    errors = []

    def work():
        for _ in range(200):
            if m.total(data) != expected:
                errors.append("mismatch")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert rustify_ml.status(m.total)["calls_native"] >= 800


def _run(code, tmp_path, **env):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code))
    full_env = dict(os.environ, **env)
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=full_env)


def test_rustify_disable_returns_the_function_itself(tmp_path):
    out = _run(
        """
        import rustify_ml
        def f(x):
            return x + 1
        g = rustify_ml.jit(f)
        print(g is f, rustify_ml.status(g)["reason"])
        """,
        tmp_path,
        RUSTIFY_DISABLE="1",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True RUSTIFY_DISABLE is set"


def test_rustify_log_prints_one_line_per_decision(tmp_path):
    out = _run(
        """
        import rustify_ml
        @rustify_ml.jit
        def f(x):
            return x + 1
        f(1); f(2); f("a" and 1.5)
        """,
        tmp_path,
        RUSTIFY_LOG="info",
    )
    assert out.returncode == 0, out.stderr
    lines = [l for l in out.stderr.splitlines() if l.startswith("rustify-ml:")]
    assert len(lines) == 2, out.stderr
    assert "compiled f(int)" in lines[0] and "compiled f(float)" in lines[1]
