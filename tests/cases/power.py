"""** for ints and floats: negative exponents, overflow, complex results, zero."""

nan = float("nan")
inf = float("inf")


def pw(a, b):
    return a ** b


def square(x):
    return x ** 2


def cube(x):
    return x ** 3


def sqrt_pow(x):
    return x ** 0.5


def inv(x):
    return x ** -1


def aug_pow(x, n):
    y = x
    y **= n
    return y


def pow_sum(n, e):
    total = 0
    for i in range(n):
        total += i ** e
    return total


def norm(xs):
    s = 0.0
    for x in xs:
        s += x ** 2
    return s ** 0.5


def pow_chain(a, b, c):
    # right associative: a ** (b ** c)
    return a ** b ** c


def neg_pow(x):
    # -x ** 2 is -(x ** 2)
    return -x ** 2


# run: pw(2, 10)
# run: pw(-3, 3)
# run: pw(-3, 4)
# run: pw(0, 0)
# run: pw(0, 5)
# run: pw(1, 1000000)
# run: pw(-1, 1000001)
# run: pw(2, 62)
# run-any: pw(2, 63)
# run: pw(-2, 63)
# run-any: pw(-2, 64)
# run: pw(3, 39)
# run-any: pw(3, 40)
# run: pw(10, 18)
# run-any: pw(10, 19)
# run-any: pw(2, 1000)
# run-any: pw(7, 77)
# run-any: pw(2 ** 40, 2)
# run: pw(2, -1)
# run: pw(2, -2)
# run: pw(-2, -2)
# run: pw(-2, -3)
# run: pw(1, -1)
# run: pw(-1, -1)
# run: pw(10, -3)
# run: pw(2, -1074)
# run: pw(2, -1075)
# run: pw(3, -700)
# run: pw(0, -1)
# run: pw(0, -5)
# run: pw(True, 2)
# run: pw(2, True)
# run: pw(False, 0)
# run: pw(False, -1)
# run: pw(True, -1)
# run: pw(2.0, 0.5)
# run: pw(2.0, -2)
# run: pw(2, 0.5)
# run: pw(2, -0.5)
# run: pw(0.5, 3)
# run: pw(-8.0, 2.0)
# run: pw(-8.0, 3.0)
# run: pw(-8.0, -3.0)
# run: pw(-2.0, 1025)
# run: pw(10.0, 400)
# run: pw(10.0, -400)
# run: pw(10, 400.0)
# run: pw(1e300, 2)
# run: pw(1.0000001, 1000000000)
# run: pw(0.0, 0.0)
# run: pw(0.0, 1.5)
# run: pw(-0.0, 3)
# run: pw(-0.0, 2)
# run: pw(-0.0, 0.5)
# run: pw(-0.0, 3.0)
# run: pw(0.0, -1.0)
# run: pw(-0.0, -1)
# run: pw(-0.0, -2.0)
# run: pw(0.0, -inf)
# run: pw(0.0, inf)
# run: pw(inf, -1)
# run: pw(inf, 0)
# run: pw(-inf, 3)
# run: pw(-inf, 2)
# run: pw(-inf, -3)
# run: pw(-inf, 0.5)
# run: pw(nan, 0)
# run: pw(nan, 0.0)
# run: pw(nan, 1)
# run: pw(1.0, nan)
# run: pw(1, nan)
# run: pw(-1.0, inf)
# run: pw(-1.0, -inf)
# run: pw(0.5, inf)
# run: pw(2.0, inf)
# run: pw(2.0, -inf)
# run: pw(-0.5, inf)
# run: pw(inf, inf)
# run: pw(1.5, 2.5)
# run: pw(5e-324, 0.5)
# run: pw(5e-324, 2)
# run-any: pw(-8.0, 1 / 3)
# run-any: pw(-8, 0.5)
# run-any: pw(-2.0, 0.5)
# run-any: pw(-1.0, 1.5)
# run-any: pw(-inf, 1.5)
# run-any: pw(2, 10000)
# run-any: pw(2.0, 10 ** 20)
# run-any: pw(0.5, 10 ** 20)
# run-any: pw(-1, 10 ** 20 + 1)
# run-any: pw(2 ** 64, 0.5)
# run-any: pw(10 ** 400, 0.5)
# run-any: pw(2, -(10 ** 20))
# run: square(3)
# run: square(-3)
# run: square(3.5)
# run: square(-0.0)
# run: square(nan)
# run: square(3037000499)
# run-any: square(3037000500)
# run: square(1e200)
# run: square(True)
# run: cube(-4)
# run: cube(2097151)
# run-any: cube(2097152)
# run: cube(-1.5)
# run: cube(-0.0)
# run: sqrt_pow(16)
# run: sqrt_pow(2.0)
# run: sqrt_pow(0.0)
# run: sqrt_pow(-0.0)
# run: sqrt_pow(inf)
# run: sqrt_pow(nan)
# run-any: sqrt_pow(-4.0)
# run-any: sqrt_pow(-1)
# run: inv(4)
# run: inv(-0.5)
# run: inv(0)
# run: inv(0.0)
# run: inv(-0.0)
# run: inv(inf)
# run: inv(-inf)
# run: aug_pow(3, 4)
# run: aug_pow(2.0, -1)
# run: aug_pow(0, -1)
# run-any: aug_pow(2, 100)
# run: pow_sum(10, 2)
# run: pow_sum(100, 3)
# run-any: pow_sum(10000, 5)
# run: pow_sum(5, 0)
# run: pow_sum(3, -1)
# run: norm([3.0, 4.0])
# run: norm([])
# run: norm([1e200, 1e200])
# run: norm([-0.0])
# run: norm([1, 2, 2])
# run: pow_chain(2, 3, 2)
# run: pow_chain(2.0, 0.5, 2)
# run: pow_chain(2, -1, 2)
# run: pow_chain(0, -1, 3)
# run: neg_pow(3)
# run: neg_pow(-3.0)
# run: neg_pow(0.0)
