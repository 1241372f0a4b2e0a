"""/ // % for ints and floats: signs, zeros, inf/nan operands, exact messages."""

nan = float("nan")
inf = float("inf")
I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


def fdiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def tdiv(a, b):
    return a / b


def both(a, b):
    return a // b, a % b


def invariant(a, b):
    # Python guarantees a == (a // b) * b + a % b for ints
    return (a // b) * b + a % b == a


def digits_reversed(n):
    out = 0
    while n > 0:
        out = out * 10 + n % 10
        n = n // 10
    return out


def mean(xs):
    total = 0
    for x in xs:
        total += x
    return total / len(xs)


def int_ratio_sum(n):
    s = 0.0
    for i in range(1, n + 1):
        s += 1 / i
    return s


def wrap_index(i, n):
    return i % n


def halve_until_odd(n):
    steps = 0
    while n % 2 == 0 and n != 0:
        n //= 2
        steps += 1
    return steps


def aug_ops(a, b):
    x = a
    x //= b
    y = a
    y %= b
    z = a
    z /= b
    return x, y, z


def div_chain(a, b, c):
    return a / b / c


def mod_float_pos(x):
    return x % 1.0


def floor_div_float_neg(x):
    return x // -1.0


# run: fdiv(7, 2)
# run: fdiv(-7, 2)
# run: fdiv(7, -2)
# run: fdiv(-7, -2)
# run: fdiv(6, 3)
# run: fdiv(-6, 3)
# run: fdiv(0, 5)
# run: fdiv(0, -5)
# run: fdiv(1, 7)
# run: fdiv(-1, 7)
# run: fdiv(I64_MAX, -1)
# run: fdiv(I64_MIN, 1)
# run: fdiv(I64_MIN, 2)
# run: fdiv(I64_MIN, -2)
# run: fdiv(I64_MIN, I64_MAX)
# run-any: fdiv(I64_MIN, -1)
# run-any: fdiv(2 ** 100, 7)
# run-any: fdiv(-(2 ** 100), 2 ** 64)
# run: fdiv(True, 2)
# run: fdiv(5, True)
# run: fdiv(1, 0)
# run: fdiv(0, 0)
# run: fdiv(5, False)
# run: fdiv(7.5, 2)
# run: fdiv(-7.5, 2)
# run: fdiv(7.5, -2)
# run: fdiv(-7.5, -2.0)
# run: fdiv(7, 2.0)
# run: fdiv(-7, 2.0)
# run: fdiv(0.0, 3.0)
# run: fdiv(-0.0, 3.0)
# run: fdiv(-0.0, -3.0)
# run: fdiv(0.0, -3.0)
# run: fdiv(1.0, 0.1)
# run: fdiv(inf, 1.0)
# run: fdiv(-inf, 1.0)
# run: fdiv(1.0, inf)
# run: fdiv(-1.0, inf)
# run: fdiv(1.0, -inf)
# run: fdiv(-1.0, -inf)
# run: fdiv(0.0, inf)
# run: fdiv(-0.0, inf)
# run: fdiv(inf, inf)
# run: fdiv(nan, 1.0)
# run: fdiv(1.0, nan)
# run: fdiv(1e308, 1e-308)
# run: fdiv(5e-324, 1e300)
# run: fdiv(-5e-324, 1e300)
# run: fdiv(1.0, 0.0)
# run: fdiv(1.0, -0.0)
# run: fdiv(1, 0.0)
# run: fdiv(1.0, 0)
# run: fdiv(nan, 0.0)
# run: fdiv(0.0, False)
# run: mod(7, 3)
# run: mod(-7, 3)
# run: mod(7, -3)
# run: mod(-7, -3)
# run: mod(6, 3)
# run: mod(-6, 3)
# run: mod(0, -3)
# run: mod(I64_MIN, -1)
# run: mod(I64_MIN, 1)
# run: mod(I64_MIN, 3)
# run: mod(I64_MAX, -2)
# run: mod(I64_MIN, I64_MAX)
# run: mod(I64_MAX, I64_MIN)
# run-any: mod(2 ** 100, 7)
# run-any: mod(-(2 ** 100), 7)
# run-any: mod(5, 2 ** 100)
# run-any: mod(-5, 2 ** 100)
# run: mod(True, 2)
# run: mod(-3, True)
# run: mod(1, 0)
# run: mod(0, 0)
# run: mod(1, False)
# run: mod(7.5, 2)
# run: mod(-7.5, 2)
# run: mod(7.5, -2)
# run: mod(-7.5, -2)
# run: mod(5, 2.5)
# run: mod(-5, 2.5)
# run: mod(5, -2.5)
# run: mod(0.0, 1.0)
# run: mod(-0.0, 1.0)
# run: mod(0.0, -1.0)
# run: mod(-0.0, -1.0)
# run: mod(-1e-20, 1.0)
# run: mod(1e-20, -1.0)
# run: mod(inf, 1.0)
# run: mod(-inf, 1.0)
# run: mod(1.0, inf)
# run: mod(-1.0, inf)
# run: mod(1.0, -inf)
# run: mod(-1.0, -inf)
# run: mod(0.0, inf)
# run: mod(-0.0, -inf)
# run: mod(nan, 1.0)
# run: mod(1.0, nan)
# run: mod(5.5, 1e-300)
# run: mod(1e308, 3.0)
# run: mod(-5e-324, 1.0)
# run: mod(1.0, 0.0)
# run: mod(1.0, -0.0)
# run: mod(1, 0.0)
# run: mod(1.5, 0)
# run: mod(nan, 0.0)
# run: tdiv(7, 2)
# run: tdiv(-7, 2)
# run: tdiv(6, 3)
# run: tdiv(0, 5)
# run: tdiv(0, -5)
# run: tdiv(1, 3)
# run: tdiv(2, 3)
# run: tdiv(-1, 3)
# run: tdiv(1, 10)
# run: tdiv(10, 4)
# run: tdiv(True, 2)
# run: tdiv(True, True)
# run: tdiv(2 ** 53, 1)
# run-any: tdiv(2 ** 53 + 1, 1)
# run-any: tdiv(2 ** 62 + 1, 3)
# run-any: tdiv(I64_MAX, 7)
# run-any: tdiv(I64_MAX, I64_MIN)
# run-any: tdiv(I64_MIN, -1)
# run-any: tdiv(9007199254740993, 2)
# run-any: tdiv(9007199254740995, 9007199254740993)
# run-any: tdiv(10 ** 30, 10 ** 29)
# run-any: tdiv(10 ** 400, 10 ** 399)
# run-any: tdiv(1, 10 ** 400)
# run-any: tdiv(10 ** 400, 3)
# run-any: tdiv(2 ** 1100, 2 ** 10)
# run: tdiv(1, 0)
# run: tdiv(0, 0)
# run: tdiv(1, False)
# run: tdiv(1.0, 0)
# run: tdiv(1, 0.0)
# run: tdiv(1.0, 0.0)
# run: tdiv(0.0, 0.0)
# run: tdiv(nan, 0.0)
# run: tdiv(inf, -0.0)
# run: tdiv(1.0, -0.0)
# run: tdiv(1.0, inf)
# run: tdiv(-1.0, inf)
# run: tdiv(inf, inf)
# run: tdiv(1e308, 1e-308)
# run: tdiv(5e-324, 2.0)
# run: tdiv(-5e-324, 3.0)
# run: tdiv(1.0, 3)
# run: tdiv(-0.0, 5)
# run: tdiv(0, -5.0)
# run: both(7, 3)
# run: both(-7, 3)
# run: both(7.0, -3.0)
# run: both(-0.0, 2.0)
# run: both(1, 0)
# run: both(1.0, 0.0)
# run: invariant(17, 5)
# run: invariant(-17, 5)
# run: invariant(17, -5)
# run: invariant(-17, -5)
# run: invariant(I64_MAX, 1000)
# run: invariant(I64_MIN + 1, -1000)
# run: digits_reversed(123456789)
# run: digits_reversed(1000)
# run: digits_reversed(0)
# run: mean([1, 2, 3, 4])
# run: mean([1, 2])
# run: mean([1.5, 2.5])
# run: mean([])
# run: mean([-0.0])
# run: int_ratio_sum(100)
# run: int_ratio_sum(0)
# run: wrap_index(-1, 10)
# run: wrap_index(-11, 10)
# run: wrap_index(25, 10)
# run: wrap_index(3, -10)
# run: halve_until_odd(96)
# run: halve_until_odd(0)
# run: halve_until_odd(-96)
# run: halve_until_odd(I64_MIN)
# run: aug_ops(7, 2)
# run: aug_ops(-7, 2)
# run: aug_ops(7.5, -2)
# run: aug_ops(7, 0)
# run: aug_ops(7.0, 0)
# run: div_chain(1, 3, 7)
# run: div_chain(1.0, 0.1, 3)
# run: div_chain(1, 2, 0)
# run: mod_float_pos(2.75)
# run: mod_float_pos(-2.75)
# run: mod_float_pos(-0.0)
# run: mod_float_pos(-5e-324)
# run: mod_float_pos(1e300)
# run: floor_div_float_neg(0.0)
# run: floor_div_float_neg(-0.0)
# run: floor_div_float_neg(2.5)
# run: floor_div_float_neg(-inf)
