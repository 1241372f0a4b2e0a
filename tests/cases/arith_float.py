"""Float arithmetic and int/float mixing: signed zeros, inf, nan, no fusing."""

nan = float("nan")
inf = float("inf")
TINY = 5e-324
MIN_NORMAL = 2.2250738585072014e-308
BIG = 1.7976931348623157e308


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def neg(a):
    return -a


def pos(a):
    return +a


def mul_add(a, b, c):
    # must round after the multiply: no fused multiply-add
    return a * b + c


def mul_sub(a, b, c, d):
    return a * b - c * d


def assoc_left(a, b, c):
    return (a + b) + c


def assoc_right(a, b, c):
    return a + (b + c)


def no_reassoc(a, b, c):
    return a + b + c


def no_distribute(a, b, c):
    return a * (b + c)


def sub_self(x):
    return x - x


def mul_zero(x):
    return x * 0.0


def add_zero(x):
    return x + 0.0


def sub_zero(x):
    return x - 0.0


def mean3(a, b, c):
    return (a + b + c) / 3


def horner(x):
    return ((2.5 * x - 1.25) * x + 0.5) * x - 3.0


def accumulate(x, n):
    total = 0.0
    for _ in range(n):
        total += x
    return total


def kahan(xs):
    s = 0.0
    c = 0.0
    for x in xs:
        y = x - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def int_plus_float(n, x):
    return n + x


def float_times_int(x, n):
    return x * n


def lerp(a, b, t):
    return a + (b - a) * t


def neg_zero_ops(x):
    return -x, 0.0 - x, -0.0 - x, x * -1.0, -x * 0.0


def int_float_compare_mix(n):
    f = n * 1.0
    return f, n + 0.0, n - 0.0


def literal_floats():
    return 0.1 + 0.2, 1e308 * 10.0, -1e308 * 10.0, 1e-320 / 10.0, 1.0 - 0.9


# run: add(0.1, 0.2)
# run: add(1.5, -1.5)
# run: add(-0.0, -0.0)
# run: add(-0.0, 0.0)
# run: add(0.0, -0.0)
# run: add(inf, 1.0)
# run: add(inf, -inf)
# run: add(nan, 1.0)
# run: add(BIG, BIG)
# run: add(TINY, TINY)
# run: add(MIN_NORMAL, -TINY)
# run: add(1e16, 1.0)
# run: add(1, 0.5)
# run: add(0.5, 1)
# run: add(True, 0.5)
# run: add(-0.0, 0)
# run: add(0, -0.0)
# run: add(2 ** 53 + 1, 0.0)
# run: add(2 ** 63 - 1, 0.0)
# run: add(-(2 ** 63), -0.0)
# run-any: add(2 ** 63, 0.5)
# run-any: add(10 ** 400, 1.0)
# run-any: add(2 ** 1023 * 2 - 1, 0.0)
# run: sub(0.3, 0.1)
# run: sub(0.0, 0.0)
# run: sub(-0.0, 0.0)
# run: sub(-0.0, -0.0)
# run: sub(0.0, -0.0)
# run: sub(inf, inf)
# run: sub(-inf, inf)
# run: sub(5, 0.5)
# run: sub(0, 0.0)
# run: sub(0, -0.0)
# run: sub(False, 0.0)
# run: mul(0.1, 3.0)
# run: mul(-1.0, 0.0)
# run: mul(-0.0, 5)
# run: mul(0, -1.5)
# run: mul(-1, 0.0)
# run: mul(inf, 0.0)
# run: mul(inf, -2)
# run: mul(1e308, 10.0)
# run: mul(-1e308, 10.0)
# run: mul(TINY, 0.5)
# run: mul(-TINY, 0.5)
# run: mul(MIN_NORMAL, 0.5)
# run: mul(nan, 0)
# run: mul(True, -0.0)
# run: mul(False, -2.5)
# run-any: mul(2 ** 70, 1.5)
# run-any: mul(10 ** 400, 0.0)
# run: neg(0.0)
# run: neg(-0.0)
# run: neg(inf)
# run: neg(nan)
# run: neg(TINY)
# run: pos(-0.0)
# run: pos(nan)
# run: mul_add(0.1, 10.0, -1.0)
# run: mul_add(1.0000000000000002, 1.0000000000000002, -1.0000000000000004)
# run: mul_add(3.0, 1.0 / 3.0, -1.0)
# run: mul_add(1e308, 10.0, -inf)
# run: mul_sub(0.1, 10.0, 1.0, 1.0)
# run: mul_sub(1.0000000000000002, 1.0000000000000002, 1.0, 1.0000000000000004)
# run: assoc_left(1e16, 1.0, -1e16)
# run: assoc_right(1e16, 1.0, -1e16)
# run: no_reassoc(1e16, 1.0, -1e16)
# run: no_reassoc(0.1, 0.2, 0.3)
# run: no_reassoc(-0.0, -0.0, -0.0)
# run: no_distribute(0.1, 0.2, 0.3)
# run: no_distribute(1e308, 1e308, -1e308)
# run: sub_self(1.5)
# run: sub_self(-0.0)
# run: sub_self(inf)
# run: sub_self(nan)
# run: sub_self(7)
# run: mul_zero(-3.0)
# run: mul_zero(inf)
# run: mul_zero(5)
# run: mul_zero(-5)
# run: add_zero(-0.0)
# run: add_zero(nan)
# run: add_zero(3)
# run: sub_zero(-0.0)
# run: sub_zero(0.0)
# run: mean3(1, 2, 4)
# run: mean3(0.1, 0.2, 0.3)
# run: mean3(inf, -inf, 1.0)
# run: horner(0.0)
# run: horner(-0.0)
# run: horner(1.1)
# run: horner(-3.7)
# run: horner(2)
# run: horner(inf)
# run: accumulate(0.1, 10)
# run: accumulate(0.1, 1000)
# run: accumulate(-0.0, 3)
# run: accumulate(-0.0, 0)
# run: accumulate(1e308, 2)
# run: accumulate(3, 4)
# run: kahan([0.1] * 10)
# run: kahan([1e16, 1.0, -1e16])
# run: kahan([])
# run: kahan([-0.0])
# run: kahan([1.0, nan, 2.0])
# run: int_plus_float(3, 0.25)
# run: int_plus_float(-(2 ** 62), 1.0)
# run: int_plus_float(9007199254740993, 0.0)
# run: int_plus_float(9007199254740993, 1.0)
# run: int_plus_float(True, -0.0)
# run: float_times_int(0.5, 3)
# run: float_times_int(1e300, 10 ** 10)
# run: float_times_int(-0.0, 7)
# run: float_times_int(-0.0, -7)
# run: float_times_int(0.1, 2 ** 62)
# run-any: float_times_int(0.1, 2 ** 64)
# run: lerp(0.0, 10.0, 0.5)
# run: lerp(1.0, 1.0, 0.3)
# run: lerp(-0.0, -0.0, 0.5)
# run: lerp(1.0, 2.0, inf)
# run: neg_zero_ops(0.0)
# run: neg_zero_ops(-0.0)
# run: neg_zero_ops(1.0)
# run: neg_zero_ops(inf)
# run: int_float_compare_mix(0)
# run: int_float_compare_mix(-7)
# run: int_float_compare_mix(2 ** 53 + 1)
# run: int_float_compare_mix(2 ** 63 - 1)
# run-any: int_float_compare_mix(2 ** 64 + 1)
# run: literal_floats()
