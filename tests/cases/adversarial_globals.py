"""Adversarial: globals rebound during a call (by a callee that runs in
Python) and between calls; global functions replaced mid-call."""

import math

K = 1
F = 0.5
LIMIT = 3


def setk(v):
    global K
    K = v
    return 0


def reset():
    global K, F, LIMIT, helper
    K = 1
    F = 0.5
    LIMIT = 3
    helper = orig_helper


def read_set_read(v):
    x = K
    setk(v)
    return x + K


def expr_set_expr(v):
    return K + setk(v) + K


def loop_reads_global(v):
    t = 0
    for i in range(3):
        t += K
        if i == 0:
            setk(v)
    return t


def orig_helper(x):
    return x + 1


helper = orig_helper


def alt(x):
    return x * 100


def swap():
    global helper
    helper = alt
    return 0


def call_swap_call(x):
    r = helper(x)
    swap()
    return r + helper(x)


def set_limit(v):
    global LIMIT
    LIMIT = v
    return v


def range_global():
    t = 0
    for i in range(LIMIT):
        t += i
        set_limit(10)
    return t, LIMIT


def while_global():
    i = 0
    while i < LIMIT:
        i += 1
        if i == 2:
            set_limit(5)
    return i


def set_f(v):
    global F
    F = v
    return 0.0


def float_global(x):
    a = x * F
    set_f(2.0)
    return a + x * F


def uses_math(x):
    return math.floor(x) + K


def shadow_math():
    global math
    math = FakeMath()


class FakeMath:
    @staticmethod
    def floor(x):
        return -1000


def unshadow_math():
    global math
    import math as m
    math = m


def set_k_float():
    global K
    K = 2.5


def int_global_plus(x):
    return x + K


# run-any: read_set_read(5)
# run-any: reset()
# run-any: expr_set_expr(5)
# run-any: reset()
# run-any: loop_reads_global(10)
# run-any: reset()
# run-any: call_swap_call(1)
# run-any: reset()
# run-any: range_global()
# run-any: reset()
# run-any: while_global()
# run-any: reset()
# run-any: float_global(3)
# run-any: reset()
# run: uses_math(2.5)
# run-any: shadow_math()
# run-any: uses_math(2.5)
# run-any: unshadow_math()
# run: uses_math(2.5)
# run: int_global_plus(1)
# run-any: set_k_float()
# run: int_global_plus(1)
# run: int_global_plus(1.5)
# run-any: reset()
# run: int_global_plus(1)
