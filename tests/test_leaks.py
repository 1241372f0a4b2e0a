"""Reference leaks, memory growth and crashes of native code.

Native code reads CPython lists and floats in place and creates lists,
floats, ints and tuples itself, with reference counting done by generated
code; a bail-out releases what is live, rolls back the undo journal and lets
CPython re-run the call. Everything here checks that, after many calls, on
the native path and on the bail-out path, nothing is left behind:

- ``sys.getrefcount`` of the argument objects and of the objects stored in
  them (floats, rows) is exactly what it was, and fresh results are owned
  only by the caller;
- ``tracemalloc``'s current size after N more calls is within a few KB of the
  size after warm-up (never proportional to N);
- ``len(gc.get_objects())`` does not grow (a leaked list is a GC object).

The bail-out checks interleave successful calls with the failing one (a
specialisation is retired once its bail-outs reach 16 and outnumber its
native calls) and assert that ``status(f)["deopts"]`` grew by exactly the
number of failing calls, which proves the native bail-out path really ran.

This is a release build of CPython (no sys.gettotalrefcount) and RSS is too
noisy, so neither is used. Three checks use other exact signals: the size
of the process's anonymous executable mappings (only JIT code lives there)
and the exit status of a subprocess (for a crash that would take pytest
down).
"""

import gc
import importlib.util
import math
import os
import subprocess
import sys
import textwrap
import threading
import tracemalloc
from pathlib import Path

import pytest

import rustify_ml

# --------------------------------------------------------------------- harness

STEPS = 800  # measured steps per leak check
WARM = 40  # warm-up steps (twice: before and after tracemalloc starts)
MEM_SLACK = 6 * 1024  # bytes of traced-memory growth tolerated per check
OBJ_SLACK = 20  # GC objects of growth tolerated per check


def _probes_of(args):
    """Objects whose refcount must come back: every list in the arguments and
    every float or list inside them (two levels). Ints, bools and strings are
    shared caches/interned and too noisy to probe."""
    out = []

    def walk(o, depth):
        if isinstance(o, list):
            out.append(o)
            if depth < 2:
                for x in o:
                    walk(x, depth + 1)
        elif isinstance(o, tuple):
            for x in o:
                walk(x, depth)
        elif type(o) is float:
            out.append(o)

    walk(args, 0)
    return out


def _settle():
    """Frees what is only cached: a full collection (which also empties the
    free lists) and the type attribute cache, which keeps up to 4096 looked-up
    name strings alive (pyo3's getattr and reprlib make fresh ones per call,
    which otherwise shows up as slow, bounded growth of traced memory)."""
    gc.collect()
    sys._clear_type_cache()


def _leak_check(step, probes=(), steps=STEPS, warm=WARM, mem_slack=MEM_SLACK, obj_slack=OBJ_SLACK):
    """Runs `step` `warm` times, then `steps` times under tracemalloc, and
    fails on any refcount change of `probes`, on traced-memory growth past
    `mem_slack` bytes, or on GC-object growth past `obj_slack`."""
    for _ in range(warm):
        step()
    _settle()
    rc0 = [sys.getrefcount(p) for p in probes]
    tracemalloc.start()
    try:
        for _ in range(warm):
            step()
        _settle()
        objs0 = len(gc.get_objects())
        mem0 = tracemalloc.get_traced_memory()[0]
        for _ in range(steps):
            step()
        _settle()
        mem1 = tracemalloc.get_traced_memory()[0]
        objs1 = len(gc.get_objects())
    finally:
        tracemalloc.stop()
    _settle()
    rc1 = [sys.getrefcount(p) for p in probes]
    problems = []
    for k, (a, b) in enumerate(zip(rc0, rc1)):
        if a != b:
            problems.append(
                f"refcount of probe #{k} ({type(probes[k]).__name__} {probes[k]!r:.40}) went {a} -> {b} "
                f"({(b - a) / steps:+.3f} per step)"
            )
    if mem1 - mem0 > mem_slack:
        problems.append(f"traced memory grew {mem1 - mem0} B over {steps} steps ({(mem1 - mem0) / steps:.1f} B per step)")
    if objs1 - objs0 > obj_slack:
        problems.append(f"GC objects grew {objs1 - objs0} over {steps} steps ({(objs1 - objs0) / steps:.3f} per step)")
    assert not problems, "leak:\n  " + "\n  ".join(problems)
    return 2 * warm + steps  # how many times step ran


def _outcome(f, args):
    try:
        return ("ok", f(*args))
    except Exception as e:  # noqa: BLE001 - the exception is the outcome
        return ("raised", type(e), str(e))


def _jit_native(func, args):
    """A fresh wrapper of `func`, checked to run `args` natively with
    CPython's result."""
    f = rustify_ml.jit(func)
    got = _outcome(f, args())
    assert got == _outcome(func, args())
    st = rustify_ml.status(f)
    assert st["tier"] == "jit", f"{func.__name__} did not run natively: {st['reason']}"
    return f


def _bail_check(func, good, bad, exc, steps=STEPS, warm=WARM):
    """Interleaves two successful native calls with one call that bails out
    (CPython then raises `exc`, or returns a value when `exc` is None);
    checks no leak and that every failing call went through native code's
    bail-out."""
    f = _jit_native(func, good)
    expected = _outcome(func, bad())
    if exc is None:
        assert expected[0] == "ok", expected
    else:
        assert expected[0] == "raised" and expected[1] is exc, expected
    assert _outcome(f, bad()) == expected
    d0 = rustify_ml.status(f)["deopts"]

    def step():
        f(*good())
        f(*good())
        if exc is None:
            f(*bad())
            return
        try:
            f(*bad())
        except exc:
            pass
        else:
            raise AssertionError("the failing call did not raise")

    n = _leak_check(step, probes=_probes_of((good(), bad())), steps=steps, warm=warm)
    st = rustify_ml.status(f)
    assert st["deopts"] - d0 == n, f"expected {n} native bail-outs, got {st['deopts'] - d0}: {st}"
    assert _outcome(f, good()) == _outcome(func, good())
    assert rustify_ml.status(f)["tier"] == "jit", "the specialisation was retired"
    return f


# ------------------------------------------------------------------ the code

XS = [i * 0.75 + 0.125 for i in range(12)]
YS = [1.5 - i * 0.25 for i in range(12)]
M = [[i * 1.25 + j * 0.5 for j in range(5)] for i in range(4)]
RAGGED = [[1.25, 2.5], [3.75]]
WITH_STR = [1.25, 2.5, "x", 3.75]
BIG_INTS = [2, 3, 2**40, 2**40]
INTS = [3, 5, 7, 11]


def scale(xs, k):
    result = [0.0] * len(xs)
    for i in range(len(xs)):
        result[i] = xs[i] * k
    return result


def scale_ints(xs, k):
    result = [0] * len(xs)
    for i in range(len(xs)):
        result[i] = xs[i] * k
    return result


def divide(xs, d):
    result = [0.0] * len(xs)
    for i in range(len(xs)):
        result[i] = xs[i] / d
    return result


def comp(xs, k):
    return [x * k for x in xs]


def comp_if(xs, t):
    return [x + 1.0 for x in xs if x > t]


def comp_nested(xs, ys):
    return [[x / y for y in ys] for x in xs]


def comp_rows(m):
    return [row for row in m]


def comp_column(m, j):
    return [m[i][j] for i in range(len(m))]


def row_sums(m):
    out = [0.0] * len(m)
    for i in range(len(m)):
        row = m[i]
        s = 0.0
        for j in range(len(row)):
            s += row[j]
        out[i] = s
    return out


def row_sums_for(m):
    out = []
    for row in m:
        s = 0.0
        for x in row:
            s += x
        out.append(s)
    return out


def pick_row(m, i):
    return m[i]


def build_rows(n, k, d):
    out = []
    for i in range(n):
        row = [0.0] * k
        for j in range(k):
            row[j] = (i * 1.0 + j) / d
        out.append(row)
    return out


def grid(n, m, j):
    g = [[0.0] * m] * n
    g[0][j] = 1.5
    return g


def transpose(m):
    rows = len(m)
    cols = len(m[0])
    out = []
    for j in range(cols):
        col = [0.0] * rows
        for i in range(rows):
            col[i] = m[i][j]
        out.append(col)
    return out


def copy_then_index(xs, i):
    ys = list(xs)
    ys[0] = -1.0
    ys.append(2.5)
    return ys[i]


def copy_then_return(xs, i):
    ys = list(xs)
    ys[i] = -1.0
    ys.append(2.5)
    return ys


def copy_rows(m, i):
    c = list(m)
    c.append([1.0])
    return c[i]


def split(xs, t):
    lo = []
    hi = []
    for x in xs:
        if x < t:
            lo.append(x)
        else:
            hi.append(x)
    return lo, hi


def split_then_index(xs, t, i):
    lo, hi = split(xs, t)
    return lo[i] + hi[i]


def split_then_keep(xs, t, i):
    parts = split(xs, t)
    keep = parts[1]
    return keep, keep[i]


def with_arg(xs, i):
    return xs, xs[i]


def countdown(n):
    if n <= 0:
        return []
    r = countdown(n - 1)
    r.append(n * 0.5)
    return r


def countdown_bottom(n, j):
    r = [0.5, 1.5]
    if n == 0:
        return [r[j]]
    s = countdown_bottom(n - 1, j)
    s.append(r[0])
    return s


def pair_rec(n, d):
    if n == 0:
        return [], 0.0
    a, s = pair_rec(n - 1, d)
    a.append(s / d)
    return a, s + 1.0


def loop_reassign_param(xs, i):
    t = 0.0
    for x in xs:
        xs = [x, t]
        t += xs[i]
    return t, xs


def loop_reassign_local(n, i):
    ys = [k * 1.5 for k in range(n)]
    t = 0.0
    for y in ys:
        ys = [y, y]
        t += ys[i]
    return t


def loop_reassign_break(xs, lim, c):
    t = 0.0
    for x in xs:
        xs = [x]
        if x > lim:
            break
        t += 1.0 / (x - c)
    else:
        t = -t
    return t, xs


def pick_or(a, b, i):
    return (a or b)[i]


def pick_and(a, b, i):
    return (a and b)[i]


def pick_if(a, b, c, i):
    x = a if c else b
    return x, x[i]


def fresh_or(n, m, i):
    a = [] or m[i]
    b = [0.5] * n or m[i]
    return a, b


def fresh_logic(n, m, i):
    ys = [] or [0.5] * n
    zs = [1.0] * n and m[i]
    return ys, zs


def fresh_ifexp(xs, i, n):
    return [1.0] * n if xs[i] > 0.0 else []


def mutate_then_index(xs, i):
    xs[0] = xs[0] + 1.0
    xs.append(7.5)
    return xs[i]


def mutate_rows_then_index(m, i):
    row = m[0]
    row[0] = row[0] + 1.0
    m[1] = [row[0]]
    m.append(row)
    m[2][0] = m[2][0] * 2.0
    return m[i][0]


def identity(a):
    return a


def mutate_alias_then_index(xs, i):
    ys = identity(xs)
    ys[0] = ys[0] + 1.0
    return ys[i]


def append_rows_then_raise(m, lim):
    for k in range(len(m)):
        m.append([m[k][0] * 2.0])
        if m[k][0] > lim:
            raise ValueError("too big")
    return len(m)


def hypot_all(xs, ys):
    return [math.hypot(xs[i], ys[i]) for i in range(len(xs))]


def round_all(xs, n):
    return [round(x, n) for x in xs]


def hypot_second(x, ys, i):
    return math.hypot(x, ys[i])


def round_digits(x, ns, i):
    return round(x, ns[i])


def sqrt_all(xs):
    return [math.sqrt(x) for x in xs]


def square_all(xs):
    return [[x ** 2.0] for x in xs]


def scale_default(xs, k=2.0):
    return [x * k for x in xs]


def get(xs, i):
    return xs[i]


def product(xs):
    t = 1
    for x in xs:
        t = t * x
    return t


def total(xs):
    t = 0.0
    for x in xs:
        t += x
    return t


def checked(xs, lim):
    out = []
    for x in xs:
        if x > lim:
            raise ValueError("too big")
        out.append([x, x * 2.0])
    return out


def asserted(xs, lim):
    out = [[0.0] * 3 for x in xs]
    assert len(out) < lim, "too many"
    return out


TEXT = "héllo wörld ✓ the quick brown fox jumps over the lazy dog ✓ héllo"


def str_counts(s, w, probe):
    d = {}
    for i in range(len(s) - w + 1):
        k = s[i:i + w]
        d[k] = d.get(k, 0) + 1
    return d[probe]


def add_slices(d, s, limit):
    for i in range(len(s) - 1):
        d[(s[i:i + 2], i % 2)] = i
        if len(d) > limit:
            raise ValueError("full")
    return len(d)


def long_words(words, n):
    out = []
    for w in words:
        if len(w) > n:
            out.append(w)
    return out


def rotate_words(words, k):
    words[0], words[-1] = words[-1], words[0]
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return words[k], len(counts)


def _copy2(m):
    return [list(r) for r in m]


# name -> (function, good args, failing args, exception of the failing call;
# None: CPython completes the failing call, which bails out of native code)
# Argument builders return fresh lists only where the function mutates them,
# so the probes (the module-level lists and their items) see every call.
CASES = {
    "kernel_result_list": (scale, lambda: (XS, 1.5), None, None),
    "kernel_int_overflow": (scale_ints, lambda: (INTS, 3), lambda: (BIG_INTS, 2**30), None),
    "kernel_zero_division": (divide, lambda: (XS, 2.0), lambda: (XS, 0.0), ZeroDivisionError),
    "comprehension_typeguard": (comp, lambda: (XS, 2.0), lambda: (WITH_STR, 2.0), TypeError),
    "comprehension_if": (comp_if, lambda: (XS, 3.0), lambda: (WITH_STR, 0.0), TypeError),
    "comprehension_nested_zero_division": (comp_nested, lambda: (XS, YS[:5]), lambda: (XS, [1.0, 0.0]), ZeroDivisionError),
    "comprehension_of_rows_typeguard": (comp_rows, lambda: (M,), lambda: ([M[0], "row"],), None),
    "comprehension_column_index": (comp_column, lambda: (M, 2), lambda: (RAGGED, 1), IndexError),
    "rows_read_by_index_typeguard": (row_sums, lambda: (M,), lambda: ([M[0], WITH_STR],), TypeError),
    "rows_read_by_for_typeguard": (row_sums_for, lambda: (M,), lambda: ([M[0], WITH_STR],), TypeError),
    "row_returned_from_list": (pick_row, lambda: (M, 2), lambda: (M, 9), IndexError),
    "rows_appended_to_fresh_list": (build_rows, lambda: (4, 3, 2.0), lambda: (4, 3, 0.0), ZeroDivisionError),
    "repeated_row_grid": (grid, lambda: (4, 3, 1), lambda: (4, 3, 5), IndexError),
    "transpose_ragged": (transpose, lambda: (M,), lambda: (RAGGED,), IndexError),
    "list_copy_then_index": (copy_then_index, lambda: (XS, 3), lambda: (XS, 40), IndexError),
    "list_copy_returned": (copy_then_return, lambda: (XS, 0), lambda: (XS, 40), IndexError),
    "list_copy_of_rows": (copy_rows, lambda: (M, 1), lambda: (M, 9), IndexError),
    "tuple_of_lists_unpacked": (split_then_index, lambda: (XS, 4.0, 1), lambda: (XS, 4.0, 30), IndexError),
    "tuple_of_lists_indexed": (split_then_keep, lambda: (XS, 4.0, 1), lambda: (XS, 4.0, 30), IndexError),
    "tuple_of_lists_returned": (split, lambda: (XS, 4.0), lambda: (WITH_STR, 2.0), TypeError),
    "tuple_with_argument_list": (with_arg, lambda: (XS, 1), lambda: (XS, 50), IndexError),
    "recursion_returns_list": (countdown, lambda: (20,), None, None),
    "recursion_bails_at_bottom": (countdown_bottom, lambda: (15, 1), lambda: (15, 2), IndexError),
    "recursion_returns_tuple_of_list": (pair_rec, lambda: (12, 2.0), lambda: (12, 0.0), ZeroDivisionError),
    "for_loop_reassigns_argument_list": (loop_reassign_param, lambda: (XS, 1), lambda: (XS, 2), IndexError),
    "for_loop_reassigns_local_list": (loop_reassign_local, lambda: (6, 1), lambda: (6, 2), IndexError),
    "for_loop_reassigns_then_breaks": (loop_reassign_break, lambda: (XS, 4.0, 99.0), lambda: (XS, 99.0, XS[2]), ZeroDivisionError),
    "or_of_lists": (pick_or, lambda: ([], XS, 1), lambda: ([], XS, 30), IndexError),
    "and_of_lists": (pick_and, lambda: (YS, XS, 1), lambda: (YS, XS, 30), IndexError),
    "conditional_expression_of_lists": (pick_if, lambda: (XS, YS, False, 1), lambda: (XS, YS, True, 30), IndexError),
    "and_or_of_fresh_lists": (fresh_logic, lambda: (3, M, 1), lambda: (3, M, 9), IndexError),
    "fresh_or_of_row": (fresh_or, lambda: (3, M, 1), lambda: (3, M, 9), IndexError),
    "conditional_expression_of_fresh_lists": (fresh_ifexp, lambda: (XS, 1, 4), lambda: (XS, 30, 4), IndexError),
    "journal_rollback_flat": (mutate_then_index, lambda: (list(XS), 1), lambda: (list(XS), 30), IndexError),
    "journal_rollback_rows": (mutate_rows_then_index, lambda: (_copy2(M), 1), lambda: (_copy2(M), 9), IndexError),
    "journal_rollback_alias_through_call": (mutate_alias_then_index, lambda: (list(XS), 1), lambda: (list(XS), 30), IndexError),
    "journal_rollback_then_raise": (append_rows_then_raise, lambda: (_copy2(M), 99.0), lambda: (_copy2(M), 2.0), ValueError),
    "math_hypot_first_argument_bails": (hypot_all, lambda: (XS, YS), lambda: (WITH_STR, YS), TypeError),
    "round_ndigits": (round_all, lambda: (XS, 2), lambda: (WITH_STR, 2), TypeError),
    "math_domain_error": (sqrt_all, lambda: (XS,), lambda: (XS + [-1.0],), ValueError),
    "float_overflow": (square_all, lambda: (XS,), lambda: (XS + [1e200],), OverflowError),
    "index_error": (get, lambda: (XS, 3), lambda: (XS, 12), IndexError),
    "int_overflow": (product, lambda: (INTS,), lambda: (BIG_INTS,), None),
    "typeguard_str_item": (total, lambda: (XS,), lambda: (WITH_STR,), TypeError),
    "raise_statement": (checked, lambda: (XS, 99.0), lambda: (XS, 3.0), ValueError),
    "assert_statement": (asserted, lambda: (XS, 99), lambda: (XS, 3), AssertionError),
    "dict_str_keys_key_error": (str_counts, lambda: (TEXT, 3, TEXT[:3]), lambda: (TEXT, 3, "zzz"), KeyError),
    "dict_argument_str_tuple_keys": (add_slices, lambda: ({("x", 0): 1}, TEXT, 1000), lambda: ({("x", 0): 1}, TEXT, 3), ValueError),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_native_path_does_not_leak(case):
    func, good, _, _ = CASES[case]
    f = _jit_native(func, good)
    calls = _leak_check(lambda: f(*good()), probes=_probes_of(good()))
    assert rustify_ml.status(f)["calls_native"] >= calls


@pytest.mark.parametrize("case", sorted(c for c in CASES if CASES[c][2] is not None))
def test_bail_path_does_not_leak(case):
    func, good, bad, exc = CASES[case]
    _bail_check(func, good, bad, exc)


# ------------------------------------------------ exact ownership of results


def _rcs(seq):
    """Refcounts of the items of `seq`, as held by everything but this
    function (no loop variable may keep an item)."""
    return [sys.getrefcount(seq[k]) - 1 for k in range(len(seq))]


def _rc(obj):
    """Refcount of `obj` held by everything but this call."""
    return sys.getrefcount(obj) - 2


# Note: pytest's assertion rewriting keeps intermediate values of an assert
# alive, so refcounts are always read into variables before asserting.


def test_fresh_results_are_owned_only_by_the_caller():
    f = _jit_native(scale, lambda: (XS, 1.5))
    r = f(XS, 1.5)
    own, items = _rc(r), _rcs(r)
    assert own == 1
    # every item is a float created by this call, held only by the list
    assert items == [1] * len(XS)
    g = _jit_native(comp_nested, lambda: (XS, YS[:5]))
    r = g(XS, YS[:5])
    own, rows, items = _rc(r), _rcs(r), [_rcs(r[k]) for k in range(len(r))]
    assert own == 1
    assert rows == [1] * len(XS)
    assert items == [[1] * 5] * len(XS)


def test_rows_of_a_repeated_row_are_one_list_owned_by_the_grid():
    f = _jit_native(grid, lambda: (4, 3, 1))
    g = f(4, 3, 1)
    assert g == grid(4, 3, 1)
    assert all(g[k] is g[0] for k in range(4))
    own, rows = _rc(g), _rcs(g)
    assert own == 1
    assert rows == [4] * 4  # the grid's four slots hold the one row
    h = _jit_native(build_rows, lambda: (4, 3, 2.0))(4, 3, 2.0)
    rows = _rcs(h)
    assert rows == [1] * 4


def test_items_read_from_argument_lists_gain_exactly_one_reference_per_holder():
    base = _rcs(XS)
    f = _jit_native(copy_then_return, lambda: (XS, 0))
    c = f(XS, 0)
    now = _rcs(XS)
    # the copy holds every item but the first (replaced by -1.0)
    assert now == [base[0]] + [b + 1 for b in base[1:]]
    del c
    now = _rcs(XS)
    assert now == base
    rows = _rcs(M)
    r = _jit_native(pick_row, lambda: (M, 2))(M, 2)
    same, now = r is M[2], _rcs(M)
    assert same
    assert now == [rows[0], rows[1], rows[2] + 1, rows[3]]
    del r
    c = _jit_native(comp_rows, lambda: (M,))(M)
    now = _rcs(M)
    assert now == [n + 1 for n in rows]
    del c
    now = _rcs(M)
    assert now == rows


def test_strs_from_lists_and_dict_keys_gain_exactly_one_reference_per_holder():
    # Strs built at run time (not interned, not shared with anything else).
    words = ["".join(["w", str(k % 5), "é"]) for k in range(12)]
    base = _rcs(words)
    f = _jit_native(long_words, lambda: (words, 1))
    kept = f(words, 1)
    now = _rcs(words)
    assert now == [b + 1 for b in base]
    del kept
    now = _rcs(words)
    assert now == base
    g = _jit_native(rotate_words, lambda: (list(words), 3))
    mine = list(words)
    base = _rcs(mine)
    r = g(mine, 3)
    assert r == rotate_words(list(words), 3)
    now = _rcs(mine)
    # the swap kept every item's count; the result tuple holds item 3
    assert sorted(now) == sorted(base[:3] + [base[3] + 1] + base[4:])
    del r
    # A bail-out (IndexError) after the swap restores the list, CPython's
    # re-run swaps once more and raises; no reference is gained or lost.
    expected = mine[-1:] + mine[1:-1] + mine[:1]
    before = sorted(_rcs(mine))
    try:
        g(mine, 99)
    except IndexError:
        pass
    now = sorted(_rcs(mine))
    assert now == before
    assert all(a is b for a, b in zip(mine, expected))


def test_tuples_containing_lists_own_each_list_once():
    base = _rc(XS)
    t = _jit_native(with_arg, lambda: (XS, 1))(XS, 1)
    same, now, own = t[0] is XS, _rc(XS), _rc(t)
    assert same
    assert (now, own) == (base + 1, 1)
    del t
    now = _rc(XS)
    assert now == base
    lo, hi = _jit_native(split, lambda: (XS, 4.0))(XS, 4.0)
    owners = (_rc(lo), _rc(hi))
    assert owners == (1, 1)
    a, s = _jit_native(pair_rec, lambda: (12, 2.0))(12, 2.0)
    own, items = _rc(a), _rcs(a)
    assert own == 1
    assert items[1:] == [1] * 11  # a[0] is 0.0 / 2.0: a fresh float as well
    assert items[0] == 1


def test_journal_rollback_restores_the_original_items_and_their_refcounts():
    f = _jit_native(mutate_rows_then_index, lambda: (_copy2(M), 1))
    template = _copy2(M)
    rows_rc = _rcs(template)
    items_rc = [_rcs(template[k]) for k in range(len(template))]
    d0 = rustify_ml.status(f)["deopts"]
    for _ in range(300):
        m = list(template)  # the rows themselves are the template's
        saved = [list(template[k]) for k in range(len(template))]
        try:
            f(m, 9)
        except IndexError:
            pass
        f(_copy2(M), 1)
        # CPython re-ran the call from the restored state: exactly one mutation
        expect = [list(saved[k]) for k in range(len(saved))]
        try:
            mutate_rows_then_index(expect, 9)
        except IndexError:
            pass
        assert m == expect
        for k in range(len(template)):
            template[k][:] = saved[k]  # undo CPython's own mutation of the shared rows
        del m, saved, expect
    gc.collect()
    assert rustify_ml.status(f)["deopts"] - d0 == 300
    now = _rcs(template)
    assert now == rows_rc
    now = [_rcs(template[k]) for k in range(len(template))]
    assert now == items_rc


def test_native_recursion_limit_bail_does_not_leak():
    """countdown(n) past what is left of the recursion limit: native code
    bails out at its depth limit holding one fresh list per level, then
    CPython raises RecursionError."""
    _bail_check(countdown, lambda: (40,), lambda: (sys.getrecursionlimit() + 50,), RecursionError, steps=30, warm=5)


def test_keyword_and_default_binding_does_not_leak():
    f = _jit_native(scale_default, lambda: (XS,))
    d0 = rustify_ml.status(f)["deopts"]

    def step():
        f(XS)
        f(XS, k=3.0)
        f(xs=XS, k=0.5)
        try:
            f(XS, 1.0, 2.0)  # CPython raises the TypeError
        except TypeError:
            pass

    calls = _leak_check(step, probes=_probes_of((XS,)))
    st = rustify_ml.status(f)
    assert st["calls_native"] >= 3 * calls and st["deopts"] == d0


# ------------------------------------------ calls back into CPython (math, round)


def test_math_hypot_bail_in_a_later_argument_does_not_leak_the_boxed_first():
    """math.hypot(x, ys[i]) with i out of range: x is boxed for the call
    before ys[i] bails out; the boxed float must be released."""
    x = 2.25
    _bail_check(hypot_second, lambda: (x, YS, 1), lambda: (x, YS, 40), IndexError)


def test_round_bail_in_ndigits_does_not_leak_the_boxed_number():
    """round(x, ns[i]) with i out of range: same, with builtins.round."""
    _bail_check(round_digits, lambda: (2.3456, INTS, 1), lambda: (2.3456, INTS, 40), IndexError)


def test_math_hypot_and_round_on_the_native_path():
    f = _jit_native(hypot_all, lambda: (XS, YS))
    g = _jit_native(round_all, lambda: (XS, 2))
    _leak_check(lambda: (f(XS, YS), g(XS, 2), g(XS, -1)), probes=_probes_of((XS, YS)))


# ------------------------------------------------------------ seed kernels


def _seed_module():
    corpus = os.environ.get("RUSTIFY_CORPUS")
    base = Path(corpus) if corpus else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    path = base / "seed_kernels.py"
    if not path.exists():
        pytest.skip(f"seed kernels not found at {path}")
    name = "_rustify_leak_seed_kernels"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


SEED_NAMES = [
    "euclidean", "dot_product", "normalize_pixels", "running_mean", "count_pairs", "bpe_encode",
    "standard_scale", "min_max_scale", "l2_normalize", "convolve1d", "moving_average", "diff", "cumsum",
]
# The seed kernels' failing inputs: kernel -> (args from its benchmark args, exception)
SEED_BAD = {
    "euclidean": (lambda a: (a[0], a[1][:-1]), IndexError),
    "dot_product": (lambda a: (a[0], a[1][:-1]), IndexError),
    "normalize_pixels": (lambda a: (a[0], a[1], 0.0), ZeroDivisionError),
    "running_mean": (lambda a: (a[0][:50] + ["x"], a[1]), TypeError),
    "standard_scale": (lambda a: (a[0], a[1], 0.0), ZeroDivisionError),
    "min_max_scale": (lambda a: (a[0], 3.0, 3.0), ZeroDivisionError),
    "l2_normalize": (lambda a: ([0.0] * 50,), ZeroDivisionError),
    "convolve1d": (lambda a: (a[0], a[1][:4] + ["x"]), TypeError),
    "moving_average": (lambda a: (a[0], 0), ZeroDivisionError),
    "diff": (lambda a: (a[0][:20] + ["x"],), TypeError),
    "cumsum": (lambda a: (a[0][:20] + [None],), TypeError),
}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_kernel_does_not_leak(name):
    mod = _seed_module()
    func = getattr(mod, name)
    args = mod.INPUTS[name][1]()
    f = rustify_ml.jit(func)
    assert _outcome(f, args) == _outcome(func, args)
    assert rustify_ml.status(f)["tier"] == "jit", rustify_ml.status(f)
    steps = 100
    _leak_check(lambda: f(*args), probes=_probes_of(args), steps=steps, warm=10)
    if name in SEED_BAD:
        make_bad, exc = SEED_BAD[name]
        bad = make_bad(args)
        _bail_check(func, lambda: args, lambda: bad, exc, steps=60, warm=10)


# ------------------------------------------------------------------ threads


def test_four_threads_calling_jitted_functions_concurrently():
    calls = [
        (scale, lambda: (XS, 1.5)),
        (comp_nested, lambda: (XS, YS[:5])),
        (build_rows, lambda: (4, 3, 2.0)),
        (build_rows, lambda: (4, 3, 0.0)),  # bails: ZeroDivisionError
        (build_rows, lambda: (5, 2, 4.0)),
        (transpose, lambda: (M,)),
        (split_then_keep, lambda: (XS, 4.0, 1)),
        (countdown, lambda: (30,)),
        (loop_reassign_local, lambda: (6, 1)),
        (mutate_rows_then_index, lambda: (_copy2(M), 1)),
        (mutate_rows_then_index, lambda: (_copy2(M), 9)),  # bails, journal rollback
        (mutate_rows_then_index, lambda: (_copy2(M), 2)),
        (get, lambda: (XS, 3)),
        (get, lambda: (XS, 99)),  # bails: IndexError
        (get, lambda: (YS, -1)),
        (total, lambda: (WITH_STR,)),  # bails: TypeError
        (total, lambda: (XS,)),
        (total, lambda: (YS,)),
        (hypot_all, lambda: (XS, YS)),
    ]
    expected = [_outcome(func, args()) for func, args in calls]
    # one fresh wrapper per function, first compiled concurrently by all
    # threads; every failing call has two successful calls of the same
    # function next to it, so no specialisation is retired
    wrappers = {}
    for func, _ in calls:
        wrappers.setdefault(func, rustify_ml.jit(func))
    probes = _probes_of((XS, YS, M, WITH_STR))
    rc0 = [sys.getrefcount(p) for p in probes]
    barrier = threading.Barrier(4)
    errors = []
    rounds = 150

    def work(k):
        try:
            barrier.wait()
            for r in range(rounds):
                order = calls if (r + k) % 2 == 0 else calls[::-1]
                exp = expected if (r + k) % 2 == 0 else expected[::-1]
                for (func, args), e in zip(order, exp):
                    got = _outcome(wrappers[func], args())
                    if got != e:
                        errors.append((k, r, func.__name__, got, e))
                        return
        except BaseException as ex:  # noqa: BLE001
            errors.append((k, repr(ex)))

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    gc.collect()
    assert [sys.getrefcount(p) for p in probes] == rc0
    for func, w in wrappers.items():
        st = rustify_ml.status(w)
        assert st["calls_native"] > 0, (func.__name__, st)
    assert rustify_ml.status(wrappers[get])["deopts"] == 4 * rounds
    assert rustify_ml.status(wrappers[mutate_rows_then_index])["deopts"] == 4 * rounds


# --------------------------------------------------------- JIT code memory


def _jit_code_bytes():
    """Bytes in anonymous executable mappings: where Cranelift puts code."""
    total_ = 0
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) == 5 and "x" in parts[1]:
                lo, hi = (int(a, 16) for a in parts[0].split("-"))
                total_ += hi - lo
    return total_


SCALE_CONST = 2.0


def scaled_total(xs):
    t = 0.0
    for x in xs:
        t += x * SCALE_CONST
    return t


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc/self/maps")
def test_discarded_wrappers_release_their_machine_code():
    """A wrapper that is garbage collected must give its compiled code back;
    otherwise every jit(f) that is compiled and dropped grows the process."""

    def once():
        f = rustify_ml.jit(scale)
        f(XS, 1.5)
        assert rustify_ml.status(f)["tier"] == "jit"

    for _ in range(20):
        once()
    gc.collect()
    before = _jit_code_bytes()
    n = 300
    for _ in range(n):
        once()
    gc.collect()
    grown = _jit_code_bytes() - before
    assert grown <= 64 * 1024, f"JIT code memory grew {grown} B over {n} compiled-then-dropped wrappers ({grown / n:.0f} B each)"


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs /proc/self/maps")
def test_recompiling_after_a_global_is_rebound_releases_the_old_code():
    """Rebinding a module constant drops the specialisations and recompiles;
    the dropped code must be released, or a program that updates a constant
    in a loop grows without bound."""
    global SCALE_CONST
    f = rustify_ml.jit(scaled_total)
    try:
        for i in range(20):
            SCALE_CONST = float(i)
            f(XS)
        gc.collect()
        before = _jit_code_bytes()
        n = 300
        for i in range(n):
            SCALE_CONST = float(i % 7)
            assert f(XS) == scaled_total(XS)
            assert rustify_ml.status(f)["tier"] == "jit"
        gc.collect()
        grown = _jit_code_bytes() - before
    finally:
        SCALE_CONST = 2.0
    assert grown <= 64 * 1024, f"JIT code memory grew {grown} B over {n} recompilations ({grown / n:.0f} B each)"


def test_threads_calling_while_other_threads_rebind_a_global():
    """Two threads call a jitted function while two others rebind the module
    constant it reads: every rebinding drops the compiled code (now freed)
    and recompiles; no call may run freed code or see a mixed value."""
    global SCALE_CONST
    f = rustify_ml.jit(scaled_total)
    allowed = {sum(x * c for x in XS) for c in (1.0, 2.0, 3.0)}
    assert len(allowed) == 3
    errors = []
    stop = threading.Event()

    def caller():
        try:
            for _ in range(1500):
                r = f(XS)
                if r not in allowed:
                    errors.append(r)
                    return
        except BaseException as ex:  # noqa: BLE001
            errors.append(repr(ex))

    def rebinder(k):
        global SCALE_CONST
        i = k
        while not stop.is_set():
            SCALE_CONST = (1.0, 2.0, 3.0)[i % 3]
            i += 1

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    SCALE_CONST = 1.0
    try:
        callers = [threading.Thread(target=caller) for _ in range(2)]
        rebinders = [threading.Thread(target=rebinder, args=(k,)) for k in range(2)]
        for t in rebinders + callers:
            t.start()
        for t in callers:
            t.join()
        stop.set()
        for t in rebinders:
            t.join()
    finally:
        sys.setswitchinterval(old)
        SCALE_CONST = 2.0
    assert errors == []
    assert rustify_ml.status(f)["calls_native"] == 3000


# ------------------------------------------------------------------ crashes


def test_deep_native_recursion_does_not_overflow_the_c_stack(tmp_path):
    """CPython 3.11 recurses in Python without using the C stack, so with a
    raised recursion limit a deep recursion succeeds; native recursion must
    not crash the process instead (it must bail out to CPython before the C
    stack runs out), on the main thread and on a thread with a small stack."""
    script = tmp_path / "deep.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            import threading
            import rustify_ml

            def countdown(n):
                if n <= 0:
                    return []
                r = countdown(n - 1)
                r.append(n * 0.5)
                return r

            sys.setrecursionlimit(10**6)
            jitted = rustify_ml.jit(countdown)
            out = [len(countdown(300000)), len(jitted(300000))]

            def work():
                out.append(len(countdown(40000)))
                out.append(len(jitted(40000)))

            threading.stack_size(512 * 1024)
            t = threading.Thread(target=work)
            t.start()
            t.join()
            print(*out)
            """
        )
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"exit status {out.returncode} (negative: killed by signal), stderr: {out.stderr[-500:]}"
    assert out.stdout.split() == ["300000", "300000", "40000", "40000"]


def test_deep_recursion_through_the_wrapper_is_exact_and_never_crashes(tmp_path):
    """A bail-out at the bottom of a deep recursion re-runs it in CPython;
    recursing through the jit wrapper nests a C-level interpreter call per
    level where plain CPython 3.11 nests none, so near the end of the C stack
    the re-run continues in a shadow copy of the module's functions. The
    outcome must be CPython's at every depth (the limit raised to 200,000),
    on the main thread and on a small-stack thread; a function that never
    compiled stops with RecursionError instead of overflowing the C stack."""
    script = tmp_path / "deep.py"
    script.write_text(textwrap.dedent("""
        import sys, threading
        import rustify_ml

        def down(n, d):
            if n == 0:
                return 1.0 / d
            return down(n - 1, d) + 1.0

        def names(n, d):
            if n == 0:
                return d["x"][0]
            return names(n - 1, d) + 1

        plain = {"down": down, "names": names}
        g = globals()
        sys.setrecursionlimit(200_000)

        def outcome(f, *args):
            try:
                return repr(f(*args))
            except (RecursionError, ZeroDivisionError, KeyError) as e:
                return f"{type(e).__name__}: {e}"

        out = []
        cases = [(1000, 0.0), (20000, 0.0), (190000, 0.0), (250000, 0.0), (20000, 2.0)]
        want = [outcome(down, *c) for c in cases]
        g["down"] = rustify_ml.jit(down)
        got = [outcome(g["down"], *c) for c in cases]
        out.append(want == got)

        def small():
            g["down"] = plain["down"]
            w = [outcome(down, 5000, 0.0)]
            g["down"] = rustify_ml.jit(plain["down"])
            out.append(w == [outcome(g["down"], 5000, 0.0)])

        threading.stack_size(512 * 1024)
        t = threading.Thread(target=small)
        t.start()
        t.join()

        want = outcome(names, 1000, {"x": [1]})
        g["names"] = rustify_ml.jit(names)
        out.append(want == outcome(g["names"], 1000, {"x": [1]}))
        out.append(outcome(g["names"], 100000, {"x": [1]}))
        print(out)
    """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, f"exit status {out.returncode} (negative: killed by signal), stderr: {out.stderr[-500:]}"
    assert out.stdout.strip() == "[True, True, True, 'RecursionError: maximum recursion depth exceeded']", out.stdout


def test_python_fallback_on_a_small_stack_thread_is_plain_python(tmp_path):
    # The C-stack guard of the CPython re-run scales with the thread's stack:
    # on a 1 MB (or smaller) thread stack an ordinary fallback call is just
    # the original function, not a RecursionError.
    script = tmp_path / "small.py"
    script.write_text(textwrap.dedent("""
        import threading
        import rustify_ml

        def add(a, b):
            return a + b

        w = rustify_ml.jit(add)
        out = []

        def work():
            out.append(w("x", "y"))
            out.append(w(2, 3))
            out.append(w([1], [2]))

        for size in (1 << 20, 256 * 1024):
            threading.stack_size(size)
            t = threading.Thread(target=work)
            t.start()
            t.join()
        print(out)
    """))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "['xy', 5, [1, 2], 'xy', 5, [1, 2]]"
