"""math module functions and constants: values, domain and range errors."""

import math
from math import pi, tau

nan = float("nan")
inf = float("inf")


def sqrt(x):
    return math.sqrt(x)


def exp(x):
    return math.exp(x)


def log(x):
    return math.log(x)


def log_base(x, b):
    return math.log(x, b)


def log1p(x):
    return math.log1p(x)


def log2(x):
    return math.log2(x)


def log10(x):
    return math.log10(x)


def expm1(x):
    return math.expm1(x)


def sin(x):
    return math.sin(x)


def cos(x):
    return math.cos(x)


def tan(x):
    return math.tan(x)


def asin(x):
    return math.asin(x)


def acos(x):
    return math.acos(x)


def atan(x):
    return math.atan(x)


def atan2(y, x):
    return math.atan2(y, x)


def sinh(x):
    return math.sinh(x)


def cosh(x):
    return math.cosh(x)


def tanh(x):
    return math.tanh(x)


def hypot(x, y):
    return math.hypot(x, y)


def hypot3(x, y, z):
    return math.hypot(x, y, z)


def floor(x):
    return math.floor(x)


def ceil(x):
    return math.ceil(x)


def trunc(x):
    return math.trunc(x)


def fabs(x):
    return math.fabs(x)


def mpow(x, y):
    return math.pow(x, y)


def fmod(x, y):
    return math.fmod(x, y)


def copysign(x, y):
    return math.copysign(x, y)


def isnan(x):
    return math.isnan(x)


def isinf(x):
    return math.isinf(x)


def isfinite(x):
    return math.isfinite(x)


def degrees(x):
    return math.degrees(x)


def radians(x):
    return math.radians(x)


def constants():
    return math.pi, math.e, math.tau, math.inf, -math.inf, math.nan


def from_import_constants(r):
    return pi * r * r, tau * r


def circle_area(r):
    return math.pi * r ** 2


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def softplus(x):
    return math.log1p(math.exp(x))


def stable_softplus(x):
    if x > 0:
        return x + math.log1p(math.exp(-x))
    return math.log1p(math.exp(x))


def gaussian(x, mu, sigma):
    z = (x - mu) / sigma
    return math.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))


def polar(x, y):
    return math.hypot(x, y), math.atan2(y, x)


def rmse(xs, ys):
    s = 0.0
    for i in range(len(xs)):
        d = xs[i] - ys[i]
        s += d * d
    return math.sqrt(s / len(xs))


def log_sum_exp(xs):
    m = -math.inf
    for x in xs:
        if x > m:
            m = x
    if math.isinf(m):
        return m
    s = 0.0
    for x in xs:
        s += math.exp(x - m)
    return m + math.log(s)


def count_nans(xs):
    c = 0
    for x in xs:
        if math.isnan(x):
            c += 1
    return c


def floor_div_via_math(a, b):
    return math.floor(a / b)


def nan_constant_compare():
    return math.nan == math.nan, math.inf > 1e308, -math.inf < -1e308


# run: sqrt(2.0)
# run: sqrt(4)
# run: sqrt(0.0)
# run: sqrt(-0.0)
# run: sqrt(inf)
# run: sqrt(nan)
# run: sqrt(5e-324)
# run: sqrt(True)
# run: sqrt(-1.0)
# run: sqrt(-inf)
# run: sqrt(-1)
# run: sqrt(2 ** 62)
# run-any: sqrt(2 ** 1000)
# run-any: sqrt(10 ** 400)
# run: exp(0.0)
# run: exp(1.0)
# run: exp(-1)
# run: exp(709.0)
# run: exp(710.0)
# run: exp(1000)
# run: exp(-1000.0)
# run: exp(-745.2)
# run: exp(inf)
# run: exp(-inf)
# run: exp(nan)
# run: exp(-0.0)
# run: log(1.0)
# run: log(math.e)
# run: log(10)
# run: log(0.5)
# run: log(5e-324)
# run: log(inf)
# run: log(nan)
# run: log(0.0)
# run: log(-0.0)
# run: log(0)
# run: log(-1.0)
# run: log(-inf)
# run: log(True)
# run: log(False)
# run-any: log(2 ** 1000)
# run-any: log(10 ** 400)
# run-any: log(-(10 ** 400))
# run: log_base(8, 2)
# run: log_base(100.0, 10.0)
# run: log_base(1.0, 10.0)
# run: log_base(2.0, 1.0)
# run: log_base(0.0, 10.0)
# run: log_base(10.0, 0.0)
# run: log_base(10.0, -2.0)
# run: log1p(0.0)
# run: log1p(-0.0)
# run: log1p(1e-20)
# run: log1p(-0.5)
# run: log1p(-1.0)
# run: log1p(-2.0)
# run: log1p(inf)
# run: log1p(nan)
# run: log2(8.0)
# run: log2(1024)
# run: log2(0.1)
# run: log2(0.0)
# run: log2(-1.0)
# run: log10(1000.0)
# run: log10(1e-300)
# run: log10(0.0)
# run: expm1(1e-10)
# run: expm1(-0.0)
# run: expm1(710.0)
# run: expm1(-inf)
# run: sin(0.0)
# run: sin(-0.0)
# run: sin(math.pi)
# run: sin(1e22)
# run: sin(3)
# run: sin(inf)
# run: sin(-inf)
# run: sin(nan)
# run: cos(0.0)
# run: cos(math.pi)
# run: cos(-1.5)
# run: cos(inf)
# run: cos(nan)
# run: tan(0.0)
# run: tan(-0.0)
# run: tan(math.pi / 2)
# run: tan(1.0)
# run: tan(inf)
# run: asin(0.5)
# run: asin(-0.0)
# run: asin(1.0)
# run: asin(1.0000000000000002)
# run: asin(2)
# run: acos(-1.0)
# run: acos(2.0)
# run: atan(inf)
# run: atan(-inf)
# run: atan(-0.0)
# run: atan(1)
# run: atan2(1.0, 1.0)
# run: atan2(0.0, -0.0)
# run: atan2(-0.0, -0.0)
# run: atan2(0.0, 0.0)
# run: atan2(-0.0, 0.0)
# run: atan2(0.0, -1.0)
# run: atan2(-0.0, -1.0)
# run: atan2(1, 0)
# run: atan2(-1, 0)
# run: atan2(inf, inf)
# run: atan2(-inf, -inf)
# run: atan2(nan, 1.0)
# run: sinh(1.0)
# run: sinh(-0.0)
# run: sinh(1000.0)
# run: cosh(0)
# run: cosh(1000.0)
# run: cosh(-inf)
# run: tanh(1000.0)
# run: tanh(-0.0)
# run: tanh(nan)
# run: hypot(3, 4)
# run: hypot(3.0, 4.0)
# run: hypot(-0.0, 0.0)
# run: hypot(1e300, 1e300)
# run: hypot(1e308, 1e308)
# run: hypot(inf, nan)
# run: hypot(nan, inf)
# run: hypot(nan, 1.0)
# run: hypot(5e-324, 5e-324)
# run: hypot(True, 0)
# run: hypot3(1, 2, 2)
# run: hypot3(1.0, nan, inf)
# run: hypot3(0.0, 0.0, 0.0)
# run: floor(2.5)
# run: floor(-2.5)
# run: floor(-0.0)
# run: floor(-0.5)
# run: floor(2.0)
# run: floor(7)
# run: floor(-7)
# run: floor(True)
# run: floor(9.2e18)
# run: floor(-9.223372036854776e18)
# run-any: floor(9.223372036854776e18)
# run-any: floor(1e20)
# run-any: floor(-1e300)
# run-any: floor(2 ** 70)
# run: floor(nan)
# run: floor(inf)
# run: floor(-inf)
# run: ceil(2.5)
# run: ceil(-2.5)
# run: ceil(-0.5)
# run: ceil(-0.0)
# run: ceil(5e-324)
# run: ceil(7)
# run: ceil(False)
# run-any: ceil(1e20)
# run: ceil(nan)
# run: ceil(-inf)
# run: trunc(2.7)
# run: trunc(-2.7)
# run: trunc(-0.0)
# run: trunc(5)
# run: trunc(nan)
# run: trunc(inf)
# run-any: trunc(1e19)
# run: fabs(-3)
# run: fabs(-0.0)
# run: fabs(-inf)
# run: fabs(nan)
# run: fabs(True)
# run: fabs(-2.5)
# run: mpow(2, 3)
# run: mpow(2.0, 0.5)
# run: mpow(-8, 1 / 3)
# run: mpow(-8.0, 3.0)
# run: mpow(0.0, -1.0)
# run: mpow(-0.0, -1.0)
# run: mpow(0, -3)
# run: mpow(2.0, 2000)
# run: mpow(-2.0, 2001)
# run: mpow(nan, 0)
# run: mpow(1.0, nan)
# run: mpow(-1.0, inf)
# run: mpow(inf, -2.0)
# run: mpow(0.0, 0.0)
# run: mpow(2, -1075)
# run: fmod(-7.0, 2.0)
# run: fmod(7.0, -2.0)
# run: fmod(-0.0, 1.0)
# run: fmod(5.5, inf)
# run: fmod(-5.5, inf)
# run: fmod(inf, 1.0)
# run: fmod(1.0, 0.0)
# run: fmod(nan, 1.0)
# run: fmod(7, 3)
# run: fmod(-7, 3)
# run: copysign(1.0, -0.0)
# run: copysign(1.0, 0.0)
# run: copysign(-2, 3)
# run: copysign(inf, -1.0)
# run: copysign(3.0, nan)
# run: copysign(3.0, -nan)
# run: isnan(nan)
# run: isnan(1.0)
# run: isnan(inf)
# run: isnan(3)
# run: isnan(True)
# run: isinf(inf)
# run: isinf(-inf)
# run: isinf(nan)
# run: isinf(1e308)
# run: isinf(7)
# run: isfinite(1e308)
# run: isfinite(nan)
# run: isfinite(-inf)
# run: isfinite(0)
# run-any: isnan(10 ** 400)
# run: degrees(math.pi)
# run: degrees(-0.0)
# run: radians(180)
# run: radians(inf)
# run: constants()
# run: from_import_constants(2.0)
# run: from_import_constants(3)
# run: circle_area(1.5)
# run: circle_area(2)
# run: circle_area(-0.0)
# run: sigmoid(0.0)
# run: sigmoid(10.0)
# run: sigmoid(-10.0)
# run: sigmoid(800.0)
# run: sigmoid(-800.0)
# run: sigmoid(nan)
# run: softplus(1.0)
# run: softplus(-50.0)
# run: softplus(800.0)
# run: stable_softplus(800.0)
# run: stable_softplus(-800.0)
# run: stable_softplus(0.0)
# run: gaussian(0.0, 0.0, 1.0)
# run: gaussian(1.5, 0.5, 2.0)
# run: gaussian(1.0, 1.0, 0.0)
# run: gaussian(1.0, 0.0, -1.0)
# run: gaussian(1, 0, 2)
# run: polar(1.0, 1.0)
# run: polar(-1.0, -0.0)
# run: polar(0, 0)
# run: rmse([1.0, 2.0, 3.0], [1.5, 2.5, 2.0])
# run: rmse([], [])
# run: rmse([1.0], [nan])
# run: log_sum_exp([1.0, 2.0, 3.0])
# run: log_sum_exp([1000.0, 1000.0])
# run: log_sum_exp([])
# run: log_sum_exp([-inf, -inf])
# run: log_sum_exp([inf, 1.0])
# run: log_sum_exp([nan, 1.0])
# run: count_nans([nan, 1.0, nan])
# run: count_nans([])
# run: floor_div_via_math(7, 2)
# run: floor_div_via_math(-7, 2)
# run: floor_div_via_math(1.0, 0.0)
# run: nan_constant_compare()
