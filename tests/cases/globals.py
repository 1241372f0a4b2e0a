"""Module-level numeric constants, read by compiled code, rebound between calls.

The set_* helpers rebind globals (they use `global`, so they may run on any
tier); the calls after them must see the new value.
"""

import math

SCALE = 2.0
OFFSET = 10
N = 5
ENABLED = True
EPS = 1e-9
BIG = 2 ** 62


def scaled(x):
    return x * SCALE


def affine(x):
    return x * SCALE + OFFSET


def sum_n():
    total = 0
    for i in range(N):
        total += i
    return total


def gated(x):
    if ENABLED:
        return x + 1
    return x


def near_zero(x):
    return abs(x) < EPS


def big_plus(x):
    return BIG + x


def uses_math_pi(r):
    return 2 * math.pi * r


def helper(x):
    return x + 1


def helper_times_ten(x):
    return x * 10


def use_helper(x):
    return helper(x) * 2


def set_scale(v):
    global SCALE
    SCALE = v


def set_offset(v):
    global OFFSET
    OFFSET = v


def set_n(v):
    global N
    N = v


def set_enabled(v):
    global ENABLED
    ENABLED = v


def set_big(v):
    global BIG
    BIG = v


def swap_helper():
    global helper
    helper = helper_times_ten


def del_scale():
    global SCALE
    del SCALE


def restore_scale():
    global SCALE
    SCALE = 2.0


def shadow_abs():
    global abs
    abs = helper


def unshadow_abs():
    global abs
    del abs


# run: scaled(3.0)
# run: scaled(3)
# run: affine(1.5)
# run: sum_n()
# run: gated(1)
# run: near_zero(1e-10)
# run: near_zero(0.1)
# run: big_plus(1)
# run-any: big_plus(2 ** 62)
# run: uses_math_pi(1.0)
# run: use_helper(5)
# run-any: set_scale(3.0)
# run: scaled(2.0)
# run: scaled(2)
# run: affine(1.0)
# run-any: set_scale(4)
# run: scaled(2.0)
# run: scaled(2)
# run: affine(2)
# run-any: set_scale(-0.0)
# run: scaled(5.0)
# run: scaled(-5)
# run-any: set_scale(float("nan"))
# run: scaled(1.0)
# run-any: set_scale(True)
# run: scaled(7)
# run: scaled(0.5)
# run-any: set_scale(2 ** 70)
# run-any: scaled(2)
# run-any: set_scale(2.5)
# run: scaled(2.0)
# run-any: set_offset(-3)
# run: affine(1.0)
# run-any: set_offset(0.25)
# run: affine(1.0)
# run-any: set_n(10)
# run: sum_n()
# run-any: set_n(0)
# run: sum_n()
# run-any: set_n(-5)
# run: sum_n()
# run-any: set_enabled(False)
# run: gated(1)
# run-any: set_enabled(0)
# run: gated(1)
# run-any: set_enabled(1)
# run: gated(1)
# run-any: set_big(2 ** 63 - 1)
# run: big_plus(0)
# run-any: big_plus(1)
# run-any: set_big(3)
# run: big_plus(1)
# run-any: swap_helper()
# run-any: use_helper(5)
# run-any: use_helper(6)
# run-any: del_scale()
# run-any: scaled(1.0)
# run-any: restore_scale()
# run: scaled(1.0)
# run: near_zero(-1e-10)
# run-any: shadow_abs()
# run-any: near_zero(-1e-10)
# run-any: unshadow_abs()
# run: near_zero(-1e-10)
