"""Adversarial: monkeypatching what compiled code relies on, between calls:
attributes of the math module, builtins.abs, a callee rebound to a non-function
or deleted. (Every patch is undone by a later line.)"""

import builtins
import math

ORIG = {}
REAL = {"sqrt": math.sqrt, "pi": math.pi, "floor": math.floor, "abs": builtins.abs}


def uses_sqrt(x):
    return math.sqrt(x)


def uses_sqrt_late(x):
    return math.sqrt(x) + 1.0


def uses_pi(r):
    return math.pi * r


def uses_floor(x):
    return math.floor(x) + 1


def uses_abs(x):
    return abs(x) + 0


def uses_len(xs):
    return len(xs)


def uses_min(a, b):
    return min(a, b)


def helper(x):
    return x + 1


def uses_helper(x):
    return helper(x) * 2


def fake_sqrt(x):
    return -1.0


def fake_floor(x):
    return 100


def fake_abs(x):
    return -7


def fake_len(xs):
    return 99


def fake_min(a, b):
    return 12345


def patch_math():
    math.sqrt = fake_sqrt
    math.pi = 3.0
    math.floor = fake_floor


def unpatch_math():
    math.sqrt = REAL["sqrt"]
    math.pi = REAL["pi"]
    math.floor = REAL["floor"]


def patch_builtins():
    builtins.abs = fake_abs


def unpatch_builtins():
    builtins.abs = REAL["abs"]


def helper_to_int():
    global helper
    ORIG["helper"] = helper
    helper = 5


def helper_delete():
    global helper
    del helper


def helper_restore():
    global helper
    helper = ORIG["helper"]


# run: uses_sqrt(4.0)
# run: uses_pi(2.0)
# run: uses_floor(2.5)
# run: uses_abs(-3)
# run: uses_len([1.0, 2.0])
# run: uses_min(1, 2)
# run: uses_helper(1)
# run-any: patch_math()
# run-any: uses_sqrt(4.0)
# run-any: uses_sqrt_late(4.0)
# run-any: uses_pi(2.0)
# run-any: uses_floor(2.5)
# run-any: unpatch_math()
# run: uses_sqrt(4.0)
# run-any: uses_sqrt_late(4.0)
# run: uses_pi(2.0)
# run: uses_floor(2.5)
# run-any: patch_builtins()
# run-any: uses_abs(-3)
# run-any: unpatch_builtins()
# run: uses_abs(-3)
# run: uses_len([1.0, 2.0])
# run: uses_min(1, 2)
# run-any: helper_to_int()
# run-any: uses_helper(1)
# run-any: helper_delete()
# run-any: uses_helper(1)
# run-any: helper_restore()
# run: uses_helper(1)
