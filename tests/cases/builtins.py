"""Builtins: len, range, min, max, abs, sum, int, float, bool, round."""

nan = float("nan")
inf = float("inf")
I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


def min2(a, b):
    return min(a, b)


def max2(a, b):
    return max(a, b)


def min3(a, b, c):
    return min(a, b, c)


def max3(a, b, c):
    return max(a, b, c)


def min_list(xs):
    return min(xs)


def max_list(xs):
    return max(xs)


def abs_(x):
    return abs(x)


def sum_list(xs):
    return sum(xs)


def sum_start(xs, start):
    return sum(xs, start)


def int_(x):
    return int(x)


def float_(x):
    return float(x)


def bool_(x):
    return bool(x)


def round0(x):
    return round(x)


def round_n(x, n):
    return round(x, n)


def len_range(a, b, s):
    return len(range(a, b, s))


def abs_sum(xs):
    total = 0.0
    for x in xs:
        total += abs(x)
    return total


def clip_all(xs, lo, hi):
    out = []
    for x in xs:
        out.append(min(max(x, lo), hi))
    return out


def round_all(xs, n):
    return [round(x, n) for x in xs]


def to_ints(xs):
    out = []
    for x in xs:
        out.append(int(x))
    return out


def int_of_division(a, b):
    return int(a / b)


def float_of_bool_sum(xs):
    return float(sum(xs))


# run: min2(1, 2)
# run: min2(2, 1)
# run: min2(1.5, -2.5)
# run: min2(0.0, -0.0)
# run: min2(-0.0, 0.0)
# run: max2(0.0, -0.0)
# run: max2(-0.0, 0.0)
# run: min2(nan, 1.0)
# run: min2(1.0, nan)
# run: max2(nan, 1.0)
# run: max2(1.0, nan)
# run: max2(inf, nan)
# run: min2(-inf, inf)
# run: max2(True, False)
# run: min2(True, False)
# run: max2(I64_MIN, I64_MAX)
# run-any: min2(1, 1.0)
# run-any: min2(1.0, 1)
# run-any: max2(1, 1.0)
# run-any: max2(1.0, 1)
# run-any: max2(2, 1.5)
# run-any: min2(True, 1)
# run-any: max2(1, True)
# run-any: max2(2 ** 64, 1)
# run: min3(3, 1, 2)
# run: min3(1, 1, 0)
# run: max3(1.0, 3.0, 3.0)
# run: max3(nan, 5.0, 7.0)
# run: max3(5.0, nan, 7.0)
# run: max3(5.0, 7.0, nan)
# run: min3(0.0, -0.0, 0.0)
# run-any: min3(1, 0.5, True)
# run: min_list([3.0, 1.0, 2.0])
# run: min_list([3, 1, 2])
# run: min_list([5])
# run: min_list([nan, 1.0, 0.0])
# run: min_list([1.0, nan, 0.0])
# run: min_list([-0.0, 0.0])
# run: min_list([0.0, -0.0])
# run: max_list([0.0, -0.0])
# run: max_list([-0.0, 0.0])
# run: max_list([1.0, 2.0, nan])
# run: max_list([True, False])
# run: min_list([])
# run: max_list([])
# run-any: min_list([2, 1.0, 1])
# run-any: max_list([1, 2 ** 70])
# run: abs_(-5)
# run: abs_(5)
# run: abs_(0)
# run: abs_(-0.0)
# run: abs_(0.0)
# run: abs_(-2.5)
# run: abs_(-inf)
# run: abs_(nan)
# run: abs_(-nan)
# run: abs_(True)
# run: abs_(False)
# run: abs_(I64_MAX)
# run: abs_(I64_MIN + 1)
# run-any: abs_(I64_MIN)
# run-any: abs_(-(2 ** 100))
# run: sum_list([])
# run: sum_list([1, 2, 3])
# run: sum_list([1.5, 2.5])
# run: sum_list([0.1] * 10)
# run: sum_list([1e16, 1.0, -1e16])
# run: sum_list([-0.0])
# run: sum_list([-0.0, -0.0])
# run: sum_list([nan, 1.0])
# run: sum_list([inf, -inf])
# run: sum_list([True, True, False])
# run-any: sum_list([[]])
# run-any: sum_list([1, 2.5])
# run-any: sum_list([I64_MAX, 1])
# run-any: sum_list([I64_MAX, 1, -2])
# run-any: sum_list([I64_MIN, -1])
# run-any: sum_list([2 ** 62] * 4)
# run: sum_start([1, 2], 10)
# run: sum_start([1, 2], 0.5)
# run: sum_start([], 0.0)
# run: sum_start([], -0.0)
# run: sum_start([-0.0], -0.0)
# run: sum_start([1.5], 1)
# run: int_(3.7)
# run: int_(-3.7)
# run: int_(-0.5)
# run: int_(-0.0)
# run: int_(0.9999999999999999)
# run: int_(9.2e18)
# run: int_(-9.223372036854776e18)
# run-any: int_(9.223372036854776e18)
# run-any: int_(1e20)
# run-any: int_(-1e300)
# run: int_(nan)
# run: int_(inf)
# run: int_(-inf)
# run: int_(True)
# run: int_(False)
# run: int_(-17)
# run: float_(3)
# run: float_(-0.0)
# run: float_(True)
# run: float_(False)
# run: float_(2 ** 53 + 1)
# run: float_(I64_MAX)
# run: float_(I64_MIN)
# run: float_(nan)
# run-any: float_(2 ** 64 + 1)
# run-any: float_(10 ** 400)
# run-any: float_(-(10 ** 400))
# run: bool_(0)
# run: bool_(-1)
# run: bool_(0.0)
# run: bool_(-0.0)
# run: bool_(nan)
# run: bool_(5e-324)
# run: bool_(True)
# run: bool_([])
# run: bool_([0.0])
# run: round0(2.5)
# run: round0(3.5)
# run: round0(-2.5)
# run: round0(-3.5)
# run: round0(0.5)
# run: round0(-0.5)
# run: round0(1.5)
# run: round0(0.49999999999999994)
# run: round0(-0.0)
# run: round0(2.675)
# run: round0(4503599627370496.5)
# run: round0(4503599627370497.0)
# run: round0(9.2e18)
# run-any: round0(1e20)
# run-any: round0(-1e19)
# run: round0(nan)
# run: round0(inf)
# run: round0(-inf)
# run: round0(7)
# run: round0(-7)
# run: round0(True)
# run: round0(False)
# run: round_n(2.675, 2)
# run: round_n(2.5, 0)
# run: round_n(3.5, 0)
# run: round_n(-0.4, 0)
# run: round_n(-2.5, 0)
# run: round_n(0.125, 2)
# run: round_n(0.375, 2)
# run: round_n(-1.25, 1)
# run: round_n(1.15, 1)
# run: round_n(0.285, 2)
# run: round_n(1234.5678, -2)
# run: round_n(1250.0, -2)
# run: round_n(1350.0, -2)
# run: round_n(-1250.0, -2)
# run: round_n(49.0, -2)
# run: round_n(-49.0, -2)
# run: round_n(1e300, 2)
# run: round_n(1e300, -300)
# run: round_n(1.5, 400)
# run: round_n(1.5, -400)
# run: round_n(-1.5, -400)
# run: round_n(5e-324, 323)
# run: round_n(5e-324, 324)
# run: round_n(nan, 2)
# run: round_n(inf, 1)
# run: round_n(-inf, -1)
# run: round_n(1.5, True)
# run: round_n(15, -1)
# run: round_n(25, -1)
# run: round_n(-25, -1)
# run: round_n(35, -1)
# run: round_n(149, -2)
# run: round_n(150, -2)
# run: round_n(250, -2)
# run: round_n(7, 2)
# run: round_n(7, 0)
# run-any: round_n(I64_MAX, -1)
# run: round_n(-(10 ** 18), -19)
# run: round_n(True, 1)
# run-any: round_n(I64_MAX, -18)
# run-any: round_n(10 ** 30, -5)
# run-any: len_range(0, 10, 1)
# run-any: len_range(0, 10, 3)
# run-any: len_range(10, 0, -3)
# run-any: len_range(0, 10, -1)
# run-any: len_range(0, 10, 0)
# run-any: len_range(I64_MIN, I64_MAX, 2 ** 62)
# run-any: len_range(I64_MIN, I64_MAX, 1)
# run: abs_sum([-1.0, 2.0, -3.5])
# run: abs_sum([-0.0])
# run: abs_sum([-1, -2])
# run: clip_all([-1.0, 0.5, 2.0, nan], 0.0, 1.0)
# run: clip_all([], 0.0, 1.0)
# run: clip_all([-5, 5, 50], 0, 10)
# run: round_all([0.5, 1.5, 2.5, -0.5], 0)
# run: round_all([0.125, 0.135], 2)
# run: to_ints([1.9, -1.9, 0.0, -0.0])
# run: to_ints([1.0, nan])
# run: to_ints([True, False])
# run: int_of_division(7, 2)
# run: int_of_division(-7, 2)
# run: int_of_division(1, 0)
# run: int_of_division(1.0, 0.0)
# run: float_of_bool_sum([True, True])
# run: float_of_bool_sum([])
