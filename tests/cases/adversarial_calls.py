"""Adversarial: recursion with shared list mutation, mutual recursion, callees
that raise after the caller mutated, defaults, keywords, tuple returns, globals
rebound between calls, global functions replaced."""

import math
from math import sqrt

K = 3
F = 1.5
FLAG = True


def fill_rec(xs, n):
    if n == 0:
        return 0
    xs.append(float(n))
    return 1 + fill_rec(xs, n - 1)


def fill_rec_raise(xs, n):
    xs.append(float(n))
    if n == 0:
        return 1.0 / n
    return fill_rec_raise(xs, n - 1)


def is_even(n, log):
    log.append(n)
    if n == 0:
        return True
    return is_odd(n - 1, log)


def is_odd(n, log):
    log.append(-n)
    if n == 0:
        return False
    return is_even(n - 1, log)


def raiser(xs, v):
    xs[0] = v
    if v < 0:
        raise ValueError("negative")
    return v


def caller_mutates(xs, v):
    xs.append(1.0)
    xs[0] = 10.0
    r = raiser(xs, v)
    xs.append(r)
    return len(xs)


def with_default(x, y=2, z=0.5):
    return x * y + z


def call_default(x):
    return with_default(x), with_default(x, 3), with_default(x, z=1), with_default(x, y=x, z=x)


def mutable_default(x, acc=[]):
    acc.append(x)
    return len(acc)


def divmod2(a, b):
    return a // b, a % b


def use_tuple(a, b):
    q, r = divmod2(a, b)
    return q * b + r == a, q, r


def nested_tuple(a):
    return (a, (a + 1, a * 2.0)), a - 1


def unpack_nested(a):
    (x, (y, z)), w = nested_tuple(a)
    return x + y + z + w


def unpack_bad(xs):
    a, b = xs
    return a + b


def swap3(a, b, c):
    a, b, c = c, a, b
    return a, b, c


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def fib_list(n, memo):
    if n < len(memo):
        return memo[n]
    v = fib_list(n - 1, memo) + fib_list(n - 2, memo)
    memo.append(v)
    return v


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


def uses_globals(x):
    return x * K + F


def loop_global(n):
    t = 0
    for i in range(K):
        t += n
    return t


def branch_global(x):
    if FLAG:
        return x
    return -x


def set_k(v):
    global K
    K = v


def set_f(v):
    global F
    F = v


def set_flag(v):
    global FLAG
    FLAG = v


def helper(x):
    return x + 1


def alt_helper(x):
    return x * 1.5


def raising_helper(x):
    raise RuntimeError("replaced")


def use_helper(x):
    return helper(x) + helper(x)


def set_helper_alt():
    global helper
    helper = alt_helper


def set_helper_raising():
    global helper
    helper = raising_helper


def set_helper_builtin():
    global helper
    helper = abs


def use_sqrt(x):
    return sqrt(x) + math.sqrt(x)


def set_sqrt_exp():
    global sqrt
    sqrt = math.exp


def kw_only(a, b=1.0, *, c=2):
    return a + b * c


def ret_unused(xs):
    fill_rec(xs, 2)
    return xs


def rec_tuple(n):
    if n == 0:
        return 0, 0.0
    a, b = rec_tuple(n - 1)
    return a + 1, b + 0.5


def rec_list_ret(n):
    if n == 0:
        return []
    out = rec_list_ret(n - 1)
    out.append(n)
    return out


def rec_union(n):
    if n == 0:
        return 0
    if n % 2 == 0:
        return rec_union(n - 1) + 1
    return rec_union(n - 1) + 0.5


def callee_mutates_nested(m):
    m[0].append(5.0)
    return m[1][3]


def caller_nested(m):
    m.append([0.0])
    return callee_mutates_nested(m)


def call_with_alias(xs):
    return two_refs(xs, xs)


def two_refs(a, b):
    a.append(1.0)
    return len(b)


# run: fill_rec([], 3)
# run: fill_rec([1.0], 0)
# run-any: fill_rec_raise([], 3)
# run-any: fill_rec_raise([5.0], 0)
# run: is_even(5, [])
# run: is_even(4, [])
# run: is_odd(0, [])
# run: caller_mutates([0.0], 2.0)
# run-any: caller_mutates([0.0], -2.0)
# run-any: call_default(2)
# run-any: call_default(2.5)
# run: with_default(1, z=3)
# run: with_default(y=0.5, x=4)
# run: with_default(1, 2, 3)
# run: mutable_default(1)
# run: mutable_default(2)
# run: mutable_default(3, [])
# run: mutable_default(4)
# run-any: mutable_default(2 ** 70)
# run: mutable_default(5)
# run: use_tuple(-7, 2)
# run: use_tuple(7.5, -2)
# run-any: use_tuple(1, 0)
# run: unpack_nested(2)
# run: unpack_nested(2.5)
# run-any: unpack_bad([1.0, 2.0])
# run-any: unpack_bad([1.0])
# run-any: unpack_bad([1.0, 2.0, 3.0])
# run-any: unpack_bad([])
# run-any: swap3(1, 2.0, True)
# run: fact(20)
# run-any: fact(21)
# run: fact(0)
# run: fib_list(30, [0, 1])
# run: fib_list(1, [0, 1])
# run: deep(100)
# run-any: deep(100000)
# run-any: deep(-1)
# run: uses_globals(2)
# run: loop_global(2)
# run: branch_global(2)
# run-any: set_k(2.5)
# run: uses_globals(2)
# run-any: loop_global(2)
# run-any: set_k(-1)
# run: uses_globals(2)
# run: loop_global(2)
# run-any: set_k(True)
# run: uses_globals(2)
# run: loop_global(2)
# run-any: set_f(2)
# run: uses_globals(2)
# run-any: set_f(-0.0)
# run: uses_globals(0)
# run: uses_globals(-0.0)
# run-any: set_flag(0.0)
# run: branch_global(2)
# run-any: set_flag(float("nan"))
# run: branch_global(2)
# run-any: set_flag(-0.0)
# run: branch_global(2)
# run-any: set_flag(None)
# run-any: branch_global(2)
# run: use_helper(2)
# run: use_helper(2.0)
# run-any: set_helper_alt()
# run-any: use_helper(2)
# run-any: use_helper(2.0)
# run-any: set_helper_raising()
# run-any: use_helper(2)
# run-any: set_helper_builtin()
# run-any: use_helper(-2)
# run: use_sqrt(4.0)
# run-any: set_sqrt_exp()
# run-any: use_sqrt(4.0)
# run-any: kw_only(1.0, c=3)
# run-any: kw_only(1, 2)
# run-any: kw_only(1, 2, 3)
# run-any: with_default(1, x=2)
# run-any: with_default()
# run-any: with_default(1, w=2)
# run: ret_unused([0.5])
# run: rec_tuple(4)
# run: rec_list_ret(4)
# run: rec_union(0)
# run: rec_union(5)
# run: rec_union(4)
# run-any: caller_nested([[1.0], [2.0]])
# run-any: caller_nested([[1.0]] * 2)
# run: caller_nested([[1.0], [2.0, 3.0, 4.0, 5.0]])
# run: call_with_alias([0.0])
