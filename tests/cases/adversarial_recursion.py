"""Adversarial: recursion near CPython's recursion limit. A call that fits in
CPython's limit must not raise RecursionError on a native tier, one that does
not fit must raise it there too, and a bail-out deep in a recursion must give
CPython's outcome (not a RecursionError from the Python re-run)."""

import sys

# Read when the module is loaded, before any run line changes the limit (both
# tiers load their copy of this module before the first line runs).
ORIGINAL_LIMIT = sys.getrecursionlimit()


def set_limit_above_here(k):
    # Python-only helper (uses sys): limit = current Python stack depth + k.
    depth = 0
    f = sys._getframe()
    while f is not None:
        depth += 1
        f = f.f_back
    sys.setrecursionlimit(depth + k)


def restore_limit():
    sys.setrecursionlimit(ORIGINAL_LIMIT)


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


def deep_list(n, xs):
    xs.append(n)
    if n == 0:
        return 0
    return deep_list(n - 1, xs) + 1


def ping(n):
    if n == 0:
        return 0.5
    return pong(n - 1) + 1


def pong(n):
    if n == 0:
        return 1
    return ping(n - 1) * 1


def down(n, d):
    if n == 0:
        return 1.0 / d
    return down(n - 1, d) + 1.0


def big(n, b):
    if n == 0:
        return b * b
    return big(n - 1, b) + 1


def demoted(n, d):
    if n == 0:
        return 1.0 / d
    return demoted(n - 1, d) + 1.0


# Limit = here + 100: the exact edge.
# run-any: set_limit_above_here(100)
# run: deep(40)
# run: deep(80)
# run-any: deep(94)
# run-any: deep(95)
# run-any: deep(96)
# run: deep_list(40, [])
# run: ping(40)
# run-any: ping(95)
# run-any: deep_list(200, [])
# Limit = here + 400: depth 300 fits CPython easily; a bail-out at the bottom
# must not turn into a RecursionError on the Python re-run.
# run-any: set_limit_above_here(400)
# run: down(300, 1.0)
# run-any: down(300, 0.0)
# run-any: big(300, 2 ** 40)
# run: big(300, 3)
# A function demoted to Python after repeated bail-outs must still recurse as
# deep as CPython.
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(3, 0.0)
# run-any: demoted(300, 1.0)
# run-any: restore_limit()
# run: deep(400)
