"""Comparisons: chained, int vs float exactly (near 2**53 and 2**63), NaN, -0.0."""

nan = float("nan")
inf = float("inf")
P53 = 2 ** 53
I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


def gt(a, b):
    return a > b


def ge(a, b):
    return a >= b


def all_six(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def between(lo, x, hi):
    return lo <= x < hi


def chain3(a, b, c):
    return a < b < c


def chain_mixed(a, b, c):
    return a < b > c


def chain_eq(a, b, c):
    return a == b == c


def chain_ne(a, b, c):
    # does not compare a with c
    return a != b != c


def chain4(a, b, c, d):
    return a <= b < c <= d


def chain_expr(x):
    return 0 < x * 2 < 10


def chain_in_if(x, lo, hi):
    if lo < x < hi:
        return 1
    elif x <= lo:
        return 0
    else:
        return 2


def count_true(a, b, c):
    return (a < b) + (b < c) + (a < c)


def cmp_sum(a, b):
    return (a > b) - (a < b)


def self_eq(x):
    return x == x, x != x, x <= x


def is_sorted(xs):
    for i in range(len(xs) - 1):
        if xs[i] > xs[i + 1]:
            return False
    return True


def argmax(xs):
    best = 0
    for i in range(1, len(xs)):
        if xs[i] > xs[best]:
            best = i
    return best


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


# run: lt(1, 2)
# run: lt(2, 1)
# run: lt(1, 1)
# run: lt(-1, 1.0)
# run: lt(1.5, 2)
# run: lt(True, 2)
# run: lt(False, True)
# run: le(2, 2.0)
# run: le(True, 1)
# run: eq(1, 1.0)
# run: eq(True, 1)
# run: eq(True, 1.0)
# run: eq(0.0, -0.0)
# run: eq(0, -0.0)
# run: ne(0.0, -0.0)
# run: all_six(1, 2)
# run: all_six(2.0, 2)
# run: all_six(-0.0, 0.0)
# run: all_six(nan, 1.0)
# run: all_six(1.0, nan)
# run: all_six(nan, nan)
# run: all_six(nan, 1)
# run: all_six(5, nan)
# run: all_six(inf, inf)
# run: all_six(-inf, inf)
# run: all_six(inf, I64_MAX)
# run: all_six(I64_MIN, -inf)
# run: all_six(P53 + 1, 9007199254740992.0)
# run: all_six(9007199254740992.0, P53 + 1)
# run: all_six(P53, 9007199254740992.0)
# run: all_six(P53 - 1, 9007199254740992.0)
# run: all_six(-(P53 + 1), -9007199254740992.0)
# run: all_six(P53 + 2, 9007199254740994.0)
# run: all_six(P53 + 3, 9007199254740996.0)
# run: all_six(I64_MAX, 9.223372036854776e18)
# run: all_six(9.223372036854776e18, I64_MAX)
# run: all_six(I64_MIN, -9.223372036854776e18)
# run: all_six(I64_MIN + 1, -9.223372036854776e18)
# run: all_six(I64_MAX, 9.223372036854775e18)
# run: all_six(1, 1.0000000000000002)
# run: all_six(1, 0.9999999999999999)
# run: all_six(0, 5e-324)
# run: all_six(0, -5e-324)
# run: all_six(True, 1.0)
# run: all_six(False, -0.0)
# run: all_six(3, 2.5)
# run: all_six(-3, -2.5)
# run-any: all_six(2 ** 63, 9.223372036854776e18)
# run-any: all_six(2 ** 64 + 1, 1.8446744073709552e19)
# run-any: all_six(10 ** 400, inf)
# run-any: all_six(10 ** 400, 1e308)
# run-any: all_six(-(10 ** 400), -inf)
# run-any: all_six(2 ** 64, 2 ** 64 + 1)
# run-any: all_six(2 ** 64, nan)
# run: between(0, 5, 10)
# run: between(0, 10, 10)
# run: between(0, 0, 10)
# run: between(0.0, -0.0, 1.0)
# run: between(0, nan, 10)
# run: between(-inf, 3, inf)
# run: between(1, 0.5, 0)
# run: chain3(1, 2, 3)
# run: chain3(1, 3, 2)
# run: chain3(3, 2, 1)
# run: chain3(1, 1, 2)
# run: chain3(1.0, 2, 3.5)
# run: chain3(nan, 1, 2)
# run: chain_mixed(1, 3, 2)
# run: chain_mixed(1, 3, 4)
# run: chain_mixed(5, 3, 2)
# run: chain_eq(1, 1.0, True)
# run: chain_eq(2, 2, 3)
# run: chain_eq(0.0, -0.0, 0)
# run: chain_eq(nan, nan, nan)
# run: chain_ne(1, 2, 1)
# run: chain_ne(1, 1, 2)
# run: chain_ne(1.0, 2.0, 3.0)
# run: chain4(1, 2, 3, 3)
# run: chain4(1, 1, 1, 2)
# run: chain4(1, 2, 2, 3)
# run: chain4(0, 1.5, 2, 1.9)
# run: chain_expr(2)
# run: chain_expr(5)
# run: chain_expr(0)
# run: chain_expr(4.9)
# run: chain_expr(-0.0)
# run: chain_expr(nan)
# run: chain_in_if(5, 0, 10)
# run: chain_in_if(0, 0, 10)
# run: chain_in_if(10, 0, 10)
# run: chain_in_if(nan, 0.0, 10.0)
# run: chain_in_if(-inf, 0.0, 10.0)
# run: count_true(1, 2, 3)
# run: count_true(3, 2, 1)
# run: count_true(1, nan, 3)
# run: cmp_sum(3, 2)
# run: cmp_sum(2, 3)
# run: cmp_sum(2, 2.0)
# run: cmp_sum(nan, 1.0)
# run: self_eq(1)
# run: self_eq(1.5)
# run: self_eq(nan)
# run: self_eq(-0.0)
# run: self_eq(True)
# run: is_sorted([])
# run: is_sorted([1.0])
# run: is_sorted([1, 2, 2, 3])
# run: is_sorted([1, 3, 2])
# run: is_sorted([1.0, nan, 0.0])
# run: is_sorted([-0.0, 0.0, -0.0])
# run: argmax([1, 5, 3, 5])
# run: argmax([nan, 1.0, 2.0])
# run: argmax([1.0, nan, 2.0])
# run: argmax([-inf, -inf])
# run-any: argmax([2, 2.5, 2])
# run: argmax([])
# run: clamp(5, 0, 10)
# run: clamp(-5, 0, 10)
# run: clamp(15, 0, 10)
# run: clamp(nan, 0.0, 1.0)
# run: clamp(-0.0, 0.0, 1.0)
# run: clamp(0.5, 0.0, 1.0)
# run-any: clamp(-5, 0.0, 10)
# run-any: clamp(2.5, 0, 1)
