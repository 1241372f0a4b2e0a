"""Arithmetic and loop functions for tests/test_differential.py (random inputs).

Also an ordinary case file: the run lines below are a smoke test of each.
"""

import math


def int_mix(a, b, c):
    return (a * b + c) // (abs(b) + 1) - a % (abs(c) + 1)


def int_div_all(a, b):
    return a // b, a % b, a / b


def float_div_all(a, b):
    return a // b, a % b, a / b


def power(a, b):
    return a ** b


def float_mix(a, b):
    return (a - b) * (a + b) / (1.0 + a * a)


def compare_all(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def chain(a, b, c):
    return a < b <= c, a == b == c, a != b != c


def unary(a):
    return -a, +a, abs(a), not a


def int_unary(a):
    return -a, ~a, abs(a)


def rounding(x):
    return round(x)


def rounding_n(x, n):
    return round(x, n)


def conversions(x):
    return int(x), float(x), bool(x)


def floor_ceil(x):
    return math.floor(x), math.ceil(x), math.trunc(x)


def math_unary(x):
    return math.sqrt(x), math.log(x), math.exp(x)


def math_safe(x):
    return math.sin(x), math.cos(x), math.atan(x), math.fabs(x), math.isnan(x), math.isinf(x)


def math_binary(x, y):
    return math.atan2(x, y), math.hypot(x, y), math.copysign(x, y), math.fmod(x, y)


def math_pow(x, y):
    return math.pow(x, y)


def min_max(a, b, c):
    return min(a, b), max(a, b), min(a, b, c), max(c, b, a)


def poly_eval(coeffs, x):
    acc = 0.0
    for c in coeffs:
        acc = acc * x + c
    return acc


def int_poly(coeffs, x):
    acc = 0
    for c in coeffs:
        acc = acc * x + c
    return acc


def list_stats(xs):
    n = len(xs)
    if n == 0:
        return 0, 0.0, 0.0
    s = 0.0
    for x in xs:
        s += x
    m = s / n
    v = 0.0
    for x in xs:
        v += (x - m) * (x - m)
    return n, m, v / n


def int_list_ops(xs):
    total = 0
    prod = 1
    for x in xs:
        total += x
        prod = prod * x % 1000003
    return total, prod, sum(xs), len(xs)


def builtin_reductions(xs):
    return sum(xs), min(xs), max(xs)


def count_above(xs, t):
    c = 0
    for x in xs:
        if x > t:
            c += 1
        elif x != x:
            c -= 1
    return c


def clamp_all(xs, lo, hi):
    return [min(max(x, lo), hi) for x in xs]


def scale_in_place(xs, s):
    for i in range(len(xs)):
        xs[i] = xs[i] * s
    return len(xs)


def weird_loop(a, b, step):
    total = 0
    for i in range(a, b, step):
        total += i * step
    return total


def collatz_len(n):
    steps = 0
    while n > 1 and steps < 1000:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def interp(xs, ys, x):
    if len(xs) == 0:
        return 0.0
    if x <= xs[0]:
        return ys[0]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            t = (x - xs[i - 1]) / (xs[i] - xs[i - 1])
            return ys[i - 1] + t * (ys[i] - ys[i - 1])
    return ys[-1]


# run: int_mix(7, -3, 11)
# run: int_div_all(-7, 2)
# run: float_div_all(-7.5, 2.0)
# run: power(3, 4)
# run: float_mix(1.5, -2.0)
# run: compare_all(1, 1.0)
# run: chain(1, 2, 2)
# run: unary(-2.5)
# run: int_unary(-9)
# run: rounding(2.5)
# run: rounding_n(2.675, 2)
# run: conversions(-3.5)
# run: floor_ceil(-3.5)
# run: math_unary(2.0)
# run: math_safe(0.5)
# run: math_binary(1.0, -2.0)
# run: math_pow(2.0, 0.5)
# run: min_max(3.0, 1.0, 2.0)
# run: poly_eval([1.0, -2.0, 3.0], 0.5)
# run: int_poly([1, -2, 3], 7)
# run: list_stats([1.0, 2.0, 4.0])
# run: int_list_ops([3, 5, 7])
# run: builtin_reductions([3.0, -1.0, 2.0])
# run: count_above([1.0, 5.0, float("nan")], 2.0)
# run: clamp_all([-1.0, 0.5, 9.0], 0.0, 1.0)
# run: scale_in_place([1.0, 2.0], 3.0)
# run: weird_loop(10, -10, -3)
# run: collatz_len(27)
# run: interp([0.0, 1.0, 2.0], [0.0, 10.0, 20.0], 1.5)
