"""Adversarial: -0.0, NaN, inf, ints near +-2**63, **, //, %, round, int(), bools."""

import math

nan = float("nan")
inf = float("inf")
MAX = 2 ** 63 - 1
MIN = -2 ** 63


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def tdiv(a, b):
    return a / b


def fdiv(a, b):
    return a // b


def mod(a, b):
    return a % b


def pw(a, b):
    return a ** b


def neg(a):
    return -a


def pos(a):
    return +a


def inv(a):
    return ~a


def absf(a):
    return abs(a)


def mn(a, b):
    return min(a, b)


def mx(a, b):
    return max(a, b)


def mn3(a, b, c):
    return min(a, b, c)


def mx3(a, b, c):
    return max(a, b, c)


def mnl(xs):
    return min(xs)


def mxl(xs):
    return max(xs)


def sm(xs):
    return sum(xs)


def rnd(a):
    return round(a)


def rnd2(a, n):
    return round(a, n)


def toint(a):
    return int(a)


def tofloat(a):
    return float(a)


def tobool(a):
    return bool(a)


def cmps(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def shifts(a, b):
    return a << b, a >> b


def bits(a, b):
    return a & b, a | b, a ^ b


def divmod_(a, b):
    return divmod(a, b)


def floor_(a):
    return math.floor(a)


def ceil_(a):
    return math.ceil(a)


def copysign_(a, b):
    return math.copysign(a, b)


def fmod_(a, b):
    return math.fmod(a, b)


def isclose_(a, b):
    return math.isclose(a, b)


def sqrt_(a):
    return math.sqrt(a)


def exp_(a):
    return math.exp(a)


def log_(a):
    return math.log(a)


def log2_(a, b):
    return math.log(a, b)


def hypot_(a, b):
    return math.hypot(a, b)


def atan2_(a, b):
    return math.atan2(a, b)


def mpow(a, b):
    return math.pow(a, b)


def isfin(a):
    return math.isfinite(a), math.isinf(a), math.isnan(a)


def trunc_(a):
    return math.trunc(a)


def bool_arith():
    t = True
    f = False
    return t + t, -t, ~t, t / 2, t * 3.5, t // 1, t % 2, f - t, t ** 2, +t, t & t, t | f, t ^ t


def bool_arith_args(a, b):
    return a + b, a - b, a * b, -a, ~a, a & b, a | b, a ^ b


def bool_minmax(a, b):
    return min(a, b), max(a, b), abs(a), sum([a, b])


def bool_div(a, b):
    return a / b


def float_eq_int(a, b):
    return a == b, a < b, a > b


def neg_zero_ops(z):
    return z + 0.0, 0.0 + z, z - 0.0, 0.0 - z, z * 1.0, z * -1.0, z / 1.0, -z, abs(z), z // 1.0, z % 1.0


def neg_zero_builtins(z):
    return min(z, 0.0), max(z, 0.0), min(0.0, z), max(0.0, z), round(z), round(z, 2), int(z), float(z)


def neg_zero_math(z):
    return math.floor(z), math.sqrt(z), math.copysign(1.0, z), math.fabs(z), math.atan2(z, -1.0), math.trunc(z)


def neg_zero_sum(z):
    return sum([z, z]), sum([z]), sum([-0.0, 0.0])


def nan_minmax(a):
    return min(a, 1.0), min(1.0, a), max(a, 1.0), max(1.0, a)


def nan_cmp(a):
    return a == a, a != a, a < 1.0, a >= 1.0, not (a < 1.0)


def inf_ops(a):
    return a - a, a * 0.0, a / a, a // 1.0, a % 1.0, 1.0 // a, 1.0 % a, -1.0 // a, -1.0 % a


def fdiv_inf(a, b):
    return a // b, a % b


def int_tdiv(a, b):
    return a / b


def int_pow_neg(a, b):
    return a ** b


def round_neg(a, n):
    return round(a, n)


def int_of_huge(a):
    return int(a)


def acc_near_max(n):
    x = MAX - n
    for i in range(n):
        x += 1
    return x


def minmax_mixed(a, b):
    return min(a, b), max(a, b)


def abs_min():
    x = MIN
    return abs(x)


def neg_min(a):
    return -a


def int_floor_neg(a, b):
    return a // b, a % b, divmod(a, b)


def float_int_cmp(a, b):
    return a < b, a == b, a > b, a <= b


def pow3(a, b, m):
    return pow(a, b, m)


def pow_builtin(a, b):
    return pow(a, b)


def exp_overflow(a):
    return math.exp(a)


def float_mod_sign(a, b):
    return a % b


def round_half(a):
    return round(a), round(-a)


def int_float_big(a):
    return float(a), a * 1.0, a + 0.5


def cmp_int_float_prec(a):
    f = 9007199254740993.0
    return a == f, a < f, a > f, a == 9007199254740992.0


# run: add(MAX, 0)
# run-any: add(MAX, 1)
# run-any: sub(MIN, 1)
# run: sub(MIN, -1)
# run-any: mul(MAX, 2)
# run-any: mul(MIN, -1)
# run: mul(MIN, 1)
# run-any: mul(2 ** 32, 2 ** 31)
# run: mul(2 ** 31, 2 ** 31)
# run: mul(-2 ** 32, 2 ** 31)
# run-any: fdiv(MIN, -1)
# run: fdiv(MIN, 1)
# run: fdiv(MIN, 2)
# run: fdiv(MIN, -2)
# run: fdiv(-7, 2)
# run: fdiv(7, -2)
# run-any: fdiv(7, 0)
# run: mod(MIN, -1)
# run: mod(MIN, 3)
# run: mod(MIN, MAX)
# run: mod(MAX, MIN)
# run: mod(-7, 2)
# run: mod(7, -2)
# run-any: mod(7, 0)
# run-any: mod(7.0, 0)
# run-any: mod(7.0, 0.0)
# run-any: neg(MIN)
# run: neg(MAX)
# run: inv(MIN)
# run: inv(MAX)
# run-any: absf(MIN)
# run: absf(MIN + 1)
# run-any: tdiv(MAX, 1)
# run-any: tdiv(MAX, MAX)
# run-any: tdiv(MIN, MIN)
# run-any: tdiv(MAX, 3)
# run-any: tdiv(2 ** 53 + 1, 1)
# run-any: tdiv(9007199254740993, 2)
# run-any: tdiv(MIN, -1)
# run: tdiv(-7, 2)
# run: tdiv(1, 3)
# run-any: tdiv(1, 0)
# run-any: tdiv(MAX, 2 ** 62)
# run-any: tdiv(MAX - 1, MAX)
# run-any: tdiv(6004799503160661, 18014398509481984)
# run-any: tdiv(123456789123456789, 987654321)
# run-any: int_tdiv(-9223372036854775807, 3)
# run-any: int_tdiv(9007199254740993, 9007199254740993)
# run-any: int_tdiv(9007199254740995, 3)
# run: pw(2, 62)
# run-any: pw(2, 63)
# run-any: pw(-2, 63)
# run: pw(-2, 62)
# run: pw(-3, 3)
# run: pw(0, 0)
# run: pw(2, -1)
# run: pw(-2, -1)
# run: pw(-2, -2)
# run-any: pw(0, -1)
# run-any: pw(0.0, -1)
# run: pw(8.0, 0.5)
# run-any: pw(-8.0, 0.5)
# run-any: pw(-8, 0.5)
# run: pw(-0.0, 3)
# run-any: pw(-0.0, -1)
# run-any: pw(-0.0, -2)
# run: pw(-0.0, 0.5)
# run: pw(nan, 0)
# run: pw(1.0, nan)
# run: pw(1, nan)
# run: pw(inf, -1)
# run: pw(-inf, 3)
# run: pw(-inf, -3)
# run: pw(-inf, 0.5)
# run: pw(-1.0, inf)
# run: pw(-1, inf)
# run: pw(0.5, -inf)
# run: pw(2.0, 0.5)
# run-any: pw(10.0, 400)
# run-any: pw(10, 400.0)
# run: pw(10, -400)
# run: pw(-1, MAX)
# run: pw(1, MAX)
# run: pw(True, True)
# run: pw(True, -1)
# run: pw(2, True)
# run: pw(-2, 0)
# run: pw(-1, -3)
# run: pw(3, 39)
# run-any: pw(3, 40)
# run-any: pw(-3, 41)
# run: pw(-3, 39)
# run: neg_zero_ops(-0.0)
# run: neg_zero_ops(0.0)
# run: neg_zero_builtins(-0.0)
# run: neg_zero_math(-0.0)
# run: neg_zero_sum(-0.0)
# run: neg_zero_sum(0.0)
# run: nan_minmax(nan)
# run: nan_cmp(nan)
# run: mnl([nan, 1.0, 0.0])
# run: mnl([1.0, nan, 0.0])
# run: mxl([1.0, nan, 3.0])
# run: mxl([-0.0, 0.0])
# run: mxl([0.0, -0.0])
# run: mnl([0.0, -0.0])
# run: mnl([-0.0, 0.0])
# run: mn(-0.0, 0.0)
# run: mn(0.0, -0.0)
# run: mx(-0.0, 0.0)
# run: mx(0, 0.0)
# run: mx(0.0, 0)
# run: mn(0, -0.0)
# run-any: mn3(1, 1.0, True)
# run-any: mx3(True, 1, 1.0)
# run: mn3(nan, 1, 2)
# run: mx3(1, nan, 2)
# run: mx3(1, 2, nan)
# run-any: minmax_mixed(1, 1.0)
# run-any: minmax_mixed(1.0, 1)
# run-any: minmax_mixed(2, 1.5)
# run-any: minmax_mixed(True, 1)
# run-any: minmax_mixed(False, 0.0)
# run: sm([nan, 1.0])
# run: sm([inf, -inf])
# run: sm([1e308, 1e308])
# run: sm([0.1, 0.2, 0.3])
# run: sm([1e16, 1.0, -1e16])
# run: sm([True, True])
# run: sm([MAX, 0])
# run-any: sm([MAX, 1])
# run-any: sm([MAX, 1, -1])
# run-any: sm([1, 2.5])
# run-any: sm([2.5, 1])
# run: sm([])
# run: inf_ops(inf)
# run: inf_ops(-inf)
# run: inf_ops(nan)
# run: fdiv_inf(5.0, inf)
# run: fdiv_inf(-5.0, inf)
# run: fdiv_inf(5.0, -inf)
# run: fdiv_inf(-5.0, -inf)
# run: fdiv_inf(inf, 5.0)
# run: fdiv_inf(-inf, 5.0)
# run: fdiv_inf(inf, inf)
# run: fdiv_inf(0.0, -inf)
# run: fdiv_inf(-0.0, inf)
# run: fdiv_inf(5, inf)
# run: fdiv_inf(-5, inf)
# run: fdiv_inf(-0.0, 5.0)
# run: fdiv_inf(0.0, -5.0)
# run: fdiv_inf(nan, 1)
# run: fdiv_inf(1e308, 1e-308)
# run: fdiv_inf(-1e-300, 1e300)
# run: float_mod_sign(-1e-20, 1.0)
# run: float_mod_sign(1e-20, -1.0)
# run: float_mod_sign(-3.5, 2)
# run: float_mod_sign(3, -2.5)
# run: rnd(0.5)
# run: rnd(1.5)
# run: rnd(2.5)
# run: rnd(-0.5)
# run: rnd(-2.5)
# run: rnd(-0.0)
# run: rnd(2.675)
# run-any: rnd(nan)
# run-any: rnd(inf)
# run-any: rnd(1e300)
# run: rnd(9.2e18)
# run-any: rnd(9.3e18)
# run: rnd(-9.223372036854775808e18)
# run: rnd(7)
# run: rnd(True)
# run: rnd2(2.675, 2)
# run: rnd2(1.005, 2)
# run: rnd2(0.125, 2)
# run: rnd2(0.375, 2)
# run: rnd2(-0.125, 2)
# run: rnd2(1234.5678, -2)
# run: rnd2(1250.0, -2)
# run: rnd2(1350.0, -2)
# run: rnd2(-1250.0, -2)
# run: rnd2(-4.0, -1)
# run: rnd2(5.0, -1)
# run: rnd2(15.0, -1)
# run: rnd2(1e300, -300)
# run: rnd2(1e300, 300)
# run: rnd2(1.5, 400)
# run: rnd2(1.5, -400)
# run: rnd2(-1.5, -400)
# run: rnd2(nan, 2)
# run: rnd2(inf, -2)
# run: rnd2(-inf, 0)
# run: rnd2(1e308, -308)
# run: rnd2(5e307, -308)
# run: rnd2(1.7976931348623157e308, -308)
# run: rnd2(0.1, 20)
# run: rnd2(1e-320, 322)
# run: rnd2(1234, -2)
# run: rnd2(1250, -2)
# run: rnd2(1350, -2)
# run: rnd2(-1250, -2)
# run: rnd2(-1350, -2)
# run: rnd2(15, -1)
# run: rnd2(25, -1)
# run: rnd2(-25, -1)
# run: rnd2(1234, 2)
# run-any: rnd2(MAX, -1)
# run-any: rnd2(MAX, -18)
# run-any: rnd2(MAX, -19)
# run-any: rnd2(MIN, -19)
# run: rnd2(MIN, -18)
# run: rnd2(MAX, -100)
# run-any: rnd2(MIN, -1)
# run: rnd2(5, -1)
# run: rnd2(-5, -1)
# run: rnd2(True, -1)
# run: rnd2(True, 0)
# run: rnd2(7.5, MIN)
# run: rnd2(7.5, MAX)
# run: toint(-0.0)
# run: toint(-0.9)
# run: toint(0.9999999999999999)
# run: toint(9.2e18)
# run: toint(-9.223372036854775808e18)
# run-any: toint(9.223372036854775808e18)
# run-any: toint(1e300)
# run-any: toint(nan)
# run-any: toint(inf)
# run-any: toint(-inf)
# run: toint(True)
# run: toint(MIN)
# run: tofloat(MAX)
# run: tofloat(MIN)
# run: tofloat(2 ** 53 + 1)
# run: tofloat(True)
# run: tobool(-0.0)
# run: tobool(nan)
# run: tobool(MIN)
# run: cmps(nan, nan)
# run: cmps(MAX, 9.223372036854775807e18)
# run: cmps(9.223372036854775807e18, MAX)
# run: cmps(MIN, -9.223372036854775808e18)
# run: cmps(2 ** 53 + 1, 9007199254740992.0)
# run: cmps(9007199254740992.0, 2 ** 53 + 1)
# run: cmps(-2 ** 53 - 1, -9007199254740992.0)
# run: cmps(inf, MAX)
# run: cmps(MIN, -inf)
# run: cmps(nan, 0)
# run: cmps(True, 1.0)
# run: cmps(-0.0, 0)
# run: cmp_int_float_prec(9007199254740993)
# run: cmp_int_float_prec(9007199254740992)
# run: cmp_int_float_prec(MAX)
# run: float_int_cmp(MAX - 511, 9.2233720368547748e18)
# run: float_int_cmp(MAX - 512, 9.2233720368547748e18)
# run: float_int_cmp(1, 1.0000000000000002)
# run: shifts(1, 62)
# run-any: shifts(1, 63)
# run-any: shifts(1, 64)
# run: shifts(-1, 62)
# run-any: shifts(-1, 63)
# run: shifts(MIN, 0)
# run-any: shifts(MIN, 63)
# run: shifts(0, 100)
# run: shifts(-5, 1)
# run-any: shifts(5, -1)
# run: shifts(0, 64)
# run-any: shifts(3, 62)
# run-any: shifts(MIN, 1)
# run: bits(MIN, -1)
# run: bits(MAX, MIN)
# run: bits(True, False)
# run: bits(True, 3)
# run-any: divmod_(-7, 2)
# run-any: divmod_(7.5, -2)
# run-any: divmod_(-0.0, 1.0)
# run-any: divmod_(MIN, -1)
# run-any: divmod_(MIN, 1)
# run-any: divmod_(1, 0)
# run-any: divmod_(1.0, 0.0)
# run-any: divmod_(5.0, inf)
# run: floor_(-0.0)
# run: floor_(-0.5)
# run: floor_(9.2e18)
# run-any: floor_(9.3e18)
# run-any: floor_(nan)
# run-any: floor_(inf)
# run: floor_(7)
# run: floor_(True)
# run: ceil_(-0.5)
# run: ceil_(MIN)
# run: trunc_(-1.5)
# run: trunc_(-0.0)
# run: copysign_(3, -0.0)
# run: copysign_(nan, -1.0)
# run: copysign_(-0.0, 1)
# run: fmod_(-7.0, 2.0)
# run: fmod_(7, -2)
# run: fmod_(-0.0, 1.0)
# run-any: fmod_(1.0, 0.0)
# run-any: fmod_(inf, 1.0)
# run: fmod_(1.0, inf)
# run: fmod_(nan, 0.0)
# run-any: isclose_(1.0, 1.0 + 1e-10)
# run-any: isclose_(inf, inf)
# run-any: isclose_(nan, nan)
# run-any: isclose_(0.0, -0.0)
# run: sqrt_(-0.0)
# run-any: sqrt_(-1.0)
# run: sqrt_(inf)
# run: sqrt_(nan)
# run: sqrt_(MAX)
# run: sqrt_(True)
# run: exp_(709.0)
# run-any: exp_(710.0)
# run: exp_(-inf)
# run: exp_(nan)
# run: exp_(-1000.0)
# run-any: log_(0.0)
# run-any: log_(-0.0)
# run-any: log_(-1)
# run: log_(inf)
# run: log_(nan)
# run: log_(MAX)
# run: log_(1)
# run: log_(True)
# run-any: log_(0)
# run: log2_(8, 2)
# run: log2_(100.0, 10)
# run-any: log2_(8, 1)
# run-any: log2_(8, 0)
# run-any: log2_(8, -2)
# run: hypot_(inf, nan)
# run: hypot_(nan, -inf)
# run: hypot_(-0.0, -0.0)
# run: hypot_(1e308, 1e308)
# run: hypot_(3, 4)
# run: atan2_(-0.0, -0.0)
# run: atan2_(0.0, -0.0)
# run: atan2_(-0.0, 0.0)
# run: atan2_(inf, -inf)
# run: atan2_(nan, 1.0)
# run: mpow(-0.0, 3.0)
# run-any: mpow(-0.0, -1.0)
# run-any: mpow(0.0, 0.5)
# run: mpow(-8.0, 3.0)
# run-any: mpow(-8.0, 1.5)
# run: mpow(nan, 0.0)
# run: mpow(1.0, nan)
# run-any: mpow(10.0, 400.0)
# run: mpow(-inf, 3)
# run: mpow(-1, inf)
# run-any: mpow(0, -1)
# run: isfin(nan)
# run: isfin(-inf)
# run: isfin(MAX)
# run: isfin(True)
# run: bool_arith()
# run: bool_arith_args(True, True)
# run: bool_arith_args(False, True)
# run: bool_arith_args(True, False)
# run: bool_minmax(True, False)
# run: bool_minmax(False, False)
# run: bool_div(True, True)
# run-any: bool_div(True, False)
# run-any: bool_div(1.0, False)
# run: float_eq_int(1.0, True)
# run: float_eq_int(0.5, False)
# run: int_pow_neg(2, -1074)
# run: int_pow_neg(2, -1075)
# run: int_pow_neg(-2, -1075)
# run: int_pow_neg(-2, -1073)
# run-any: int_pow_neg(0, -3)
# run: int_pow_neg(1, MIN)
# run: int_pow_neg(-1, MIN)
# run: int_pow_neg(-1, MAX)
# run: int_pow_neg(7, -2)
# run: round_neg(12345.0, -3)
# run: int_of_huge(-9.223372036854775e18)
# run-any: int_of_huge(1e19)
# run: acc_near_max(5)
# run: neg_min(MAX)
# run-any: abs_min()
# run-any: neg_min(MIN)
# run-any: int_floor_neg(MIN, 7)
# run-any: int_floor_neg(MAX, -7)
# run-any: int_floor_neg(MIN, MIN)
# run-any: int_floor_neg(MAX, MIN)
# run-any: int_floor_neg(-1, MIN)
# run-any: int_floor_neg(1, MIN)
# run-any: int_floor_neg(-1, MAX)
# run-any: pow3(2, 10, 7)
# run-any: pow_builtin(2, 10)
# run-any: pow_builtin(2, -2)
# run-any: pow_builtin(2.0, 0.5)
# run-any: pow_builtin(-2.0, 0.5)
# run: round_half(0.5)
# run: round_half(1.5)
# run: round_half(2.5000000000000004)
# run: round_half(4503599627370497.0)
# run: round_half(0.49999999999999994)
# run: int_float_big(MAX)
# run: int_float_big(MIN)
# run: int_float_big(2 ** 53 + 1)


def list_total(xs):
    t = 0
    for v in xs:
        t += v
    return t


def list_max(xs):
    return max(xs), min(xs)


def tuple_first(t):
    a, b = t
    return a + 1


def nested_total(m):
    t = 0
    for r in m:
        for v in r:
            t += v
    return t


# run: list_total([1, 2, MAX - 3])
# run-any: list_total([1, 2 ** 70])
# run-any: list_total([2 ** 70, 1])
# run-any: list_total([1, 2 ** 64 - 1, -(2 ** 64)])
# run-any: list_max([1, 2 ** 70, -(2 ** 70)])
# run-any: list_max([2 ** 70, 1])
# run: list_max([MIN, MAX])
# run-any: tuple_first((2 ** 70, 1.0))
# run-any: tuple_first((1, 2 ** 70))
# run-any: nested_total([[1], [2 ** 70]])
# run: nested_total([[1], [MAX - 1]])
